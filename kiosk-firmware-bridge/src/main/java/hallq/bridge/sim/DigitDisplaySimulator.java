package hallq.bridge.sim;

import hallq.bridge.led.ModbusDigitDisplay;
import hallq.bridge.modbus.ExceptionCode;
import hallq.bridge.pad.ModbusServer;
import hallq.bridge.pad.RegisterDevice;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Modbus RTU digit display (当前号/窗口号) with HallQ's register map
 * ({@link ModbusDigitDisplay}), for demos and tests: request bytes in, in any chunking, reply
 * frames out through a callback. Pure (no I/O) and thread-safe.
 *
 * <p>Answers {@code 0x03} reads and {@code 0x06} / {@code 0x10} writes of registers 0..5 for its
 * unit id, as the pad and keypad do (PAD-PROTOCOL.md): exception {@code 02} outside the
 * registers, {@code 03} for a read quantity outside 1..125 or a mode outside 0..2 (the write is
 * then not applied). Frames for another unit and frames failing their CRC are not answered; the
 * latter are counted.
 */
public final class DigitDisplaySimulator {

  private final ModbusServer server;
  private final int[] registers = new int[ModbusDigitDisplay.COUNT];

  /**
   * @param unitId the display's unit id, 1..247
   * @param replies receives each reply frame, on the thread that called {@link #feed(byte[])}
   */
  public DigitDisplaySimulator(int unitId, Consumer<byte[]> replies) {
    this.server = new ModbusServer(unitId, new Registers(), Objects.requireNonNull(replies, "replies"));
  }

  /** Takes the bytes the master sent and answers every complete request for this unit. */
  public synchronized void feed(byte[] chunk) {
    server.feed(chunk);
  }

  /** @return the number in registers 0..3, e.g. {@code A012}; "" when cleared */
  public synchronized String shownNumber() {
    return ModbusDigitDisplay.number(
        Arrays.copyOfRange(registers, ModbusDigitDisplay.NUMBER, ModbusDigitDisplay.COUNTER));
  }

  /** @return the counter number in register 4 */
  public synchronized int shownCounter() {
    return registers[ModbusDigitDisplay.COUNTER];
  }

  /** @return register 5: 0 idle, 1 call, 2 paused */
  public synchronized int mode() {
    return registers[ModbusDigitDisplay.MODE];
  }

  /** @return a copy of registers 0..5 */
  public synchronized int[] registers() {
    return registers.clone();
  }

  /** @return request frames dropped for a bad CRC */
  public synchronized long droppedFrames() {
    return server.droppedFrames();
  }

  /** @return well-formed requests addressed to another unit, ignored */
  public synchronized long otherUnitFrames() {
    return server.otherUnitFrames();
  }

  /**
   * @return one line for a demo page: {@code A012 → 3 (call)}, {@code 暂停服务 (3)} or
   *     {@code (blank)}
   */
  public synchronized String describe() {
    int counter = registers[ModbusDigitDisplay.COUNTER];
    return switch (registers[ModbusDigitDisplay.MODE]) {
      case 1 -> shownNumber() + " → " + counter + " (call)";
      case 2 -> "暂停服务 (" + counter + ")";
      default -> "(blank)";
    };
  }

  private final class Registers implements RegisterDevice {

    @Override
    public int registerCount() {
      return ModbusDigitDisplay.COUNT;
    }

    @Override
    public int read(int address) {
      return registers[address];
    }

    @Override
    public Optional<ExceptionCode> write(int address, int[] values) {
      int modeIndex = ModbusDigitDisplay.MODE - address;
      if (modeIndex >= 0 && modeIndex < values.length && ModbusDigitDisplay.Mode.fromWire(values[modeIndex]).isEmpty()) {
        return Optional.of(ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      System.arraycopy(values, 0, registers, address, values.length);
      return Optional.empty();
    }
  }
}
