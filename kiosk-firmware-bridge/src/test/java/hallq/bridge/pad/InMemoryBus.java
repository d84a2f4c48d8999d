package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtuDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An RS-485 bus in memory: what the master sends reaches every device, what devices answer
 * reaches the master's reply decoder. Requests are delivered in chunks of {@code chunkSize}.
 */
final class InMemoryBus {

  private final List<Consumer<byte[]>> devices = new ArrayList<>();
  private final ByteArrayOutputStream toMaster = new ByteArrayOutputStream();
  private final ModbusRtuDecoder decoder = new ModbusRtuDecoder();
  private final int chunkSize;

  InMemoryBus(int chunkSize) {
    this.chunkSize = chunkSize;
  }

  /** @return the callback a simulator answers through */
  Consumer<byte[]> replies() {
    return toMaster::writeBytes;
  }

  InMemoryBus attach(Consumer<byte[]> device) {
    devices.add(device);
    return this;
  }

  /** Sends one request and returns every reply decoded from the devices' answers. */
  List<ModbusReply> send(byte[] request) {
    return decoder.feed(exchangeRaw(request));
  }

  private void deliver(byte[] request) {
    for (int offset = 0; offset < request.length; offset += chunkSize) {
      byte[] chunk = Arrays.copyOfRange(
          request, offset, Math.min(request.length, offset + chunkSize));
      devices.forEach(device -> device.accept(chunk));
    }
  }

  /** Sends one request and returns the raw bytes the devices answered. */
  byte[] exchangeRaw(byte[] request) {
    deliver(request);
    byte[] answered = toMaster.toByteArray();
    toMaster.reset();
    return answered;
  }

  /** Sends one request and returns its single reply. */
  ModbusReply exchange(byte[] request) {
    List<ModbusReply> replies = send(request);
    assertEquals(1, replies.size(), () -> "replies: " + replies);
    return replies.get(0);
  }

  /** Sends a read request and returns the register values of its reply. */
  int[] read(byte[] request) {
    return ((ModbusReply.ReadRegistersReply) exchange(request)).values();
  }
}
