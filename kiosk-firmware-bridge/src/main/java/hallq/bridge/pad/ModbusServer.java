package hallq.bridge.pad;

import hallq.bridge.modbus.Crc16;
import hallq.bridge.modbus.ExceptionCode;
import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusRtu;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The device side of Modbus RTU for one unit address: frames requests from any chunking,
 * ignores other units' frames, answers reads, writes and exceptions 02/03 with a CRC'd reply.
 * Not thread-safe; the simulators that own one synchronise.
 */
public final class ModbusServer {

  private final int unitId;
  private final RegisterDevice device;
  private final Consumer<byte[]> replies;
  private final ModbusRequestDecoder decoder = new ModbusRequestDecoder();
  private long otherUnitFrames;
  private long exceptionReplies;

  public ModbusServer(int unitId, RegisterDevice device, Consumer<byte[]> replies) {
    if (unitId < ModbusRtu.MIN_UNIT_ID || unitId > ModbusRtu.MAX_UNIT_ID) {
      throw new IllegalArgumentException("unit id must be 1..247: " + unitId);
    }
    this.unitId = unitId;
    this.device = Objects.requireNonNull(device, "device");
    this.replies = Objects.requireNonNull(replies, "replies");
  }

  public int unitId() {
    return unitId;
  }

  public void feed(byte[] chunk) {
    for (ModbusRequest request : decoder.feed(chunk)) {
      if (request.unitId() != unitId) {
        otherUnitFrames++;
      } else {
        replies.accept(answer(request));
      }
    }
  }

  public long droppedFrames() {
    return decoder.droppedFrames();
  }

  public long otherUnitFrames() {
    return otherUnitFrames;
  }

  public long exceptionReplies() {
    return exceptionReplies;
  }

  private byte[] answer(ModbusRequest request) {
    int quantity = request.quantity();
    if (request.function() == FunctionCode.READ_HOLDING_REGISTERS
        && (quantity < 1 || quantity > ModbusRtu.MAX_READ_REGISTERS)) {
      return exception(request.function(), ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    if (request.address() + quantity > device.registerCount()) {
      return exception(request.function(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    if (request.function() == FunctionCode.READ_HOLDING_REGISTERS) {
      return readReply(request.address(), quantity);
    }
    Optional<ExceptionCode> refused = device.write(request.address(), request.values());
    if (refused.isPresent()) {
      return exception(request.function(), refused.get());
    }
    int second = request.function() == FunctionCode.WRITE_SINGLE_REGISTER
        ? request.values()[0]
        : quantity;
    return frame(unitId, request.function().code(), request.address() >>> 8, request.address(),
        second >>> 8, second);
  }

  private byte[] readReply(int address, int quantity) {
    int[] bytes = new int[3 + 2 * quantity];
    bytes[0] = unitId;
    bytes[1] = FunctionCode.READ_HOLDING_REGISTERS.code();
    bytes[2] = 2 * quantity;
    for (int i = 0; i < quantity; i++) {
      int value = device.read(address + i);
      bytes[3 + 2 * i] = value >>> 8;
      bytes[4 + 2 * i] = value;
    }
    return frame(bytes);
  }

  private byte[] exception(FunctionCode function, ExceptionCode code) {
    exceptionReplies++;
    return frame(unitId, function.code() | 0x80, code.code());
  }

  private static byte[] frame(int... bytes) {
    byte[] frame = new byte[bytes.length + 2];
    for (int i = 0; i < bytes.length; i++) {
      frame[i] = (byte) bytes[i];
    }
    int crc = Crc16.MODBUS.compute(frame, 0, bytes.length);
    frame[bytes.length] = (byte) crc;
    frame[bytes.length + 1] = (byte) (crc >>> 8);
    return frame;
  }
}
