package hallq.bridge.pad;

import hallq.bridge.modbus.ExceptionCode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The clerk keypad's side of the bus (PAD-PROTOCOL.md) for one unit address: request bytes in,
 * in any chunking, reply bytes out through a callback. Each {@link #press(Key)} moves the event
 * counter by one, wrapping from 65535 to 0. The display registers are the only writable ones.
 * Thread-safe.
 */
public final class KeypadSimulator {

  private final ModbusServer server;
  private final int[] registers = new int[KeypadRegisters.COUNT];

  /**
   * @param unitId the keypad's unit address, 1..247
   * @param replies receives each reply frame, on the thread that called {@link #feed(byte[])}
   */
  public KeypadSimulator(int unitId, Consumer<byte[]> replies) {
    this(unitId, replies, 0);
  }

  /**
   * @param initialCounter the event counter at power-on, 0..65535 (a keypad keeps it across
   *     bridge restarts)
   */
  public KeypadSimulator(int unitId, Consumer<byte[]> replies, int initialCounter) {
    if (initialCounter < 0 || initialCounter > 0xFFFF) {
      throw new IllegalArgumentException("counter must be 0..65535: " + initialCounter);
    }
    Objects.requireNonNull(replies, "replies");
    this.server = new ModbusServer(unitId, new Registers(), replies);
    registers[KeypadRegisters.EVENT_COUNTER] = initialCounter;
  }

  /** Takes the bytes the master sent and answers every complete request for this unit. */
  public synchronized void feed(byte[] chunk) {
    server.feed(chunk);
  }

  /** The clerk presses a key. */
  public synchronized void press(Key key) {
    Objects.requireNonNull(key, "key");
    registers[KeypadRegisters.EVENT_COUNTER] =
        (registers[KeypadRegisters.EVENT_COUNTER] + 1) & 0xFFFF;
    registers[KeypadRegisters.LAST_KEY] = key.value();
  }

  /** @return the text on the keypad's display, as last written by the master */
  public synchronized String displayText() {
    int[] words = new int[KeypadRegisters.DISPLAY_REGISTERS];
    System.arraycopy(registers, KeypadRegisters.DISPLAY, words, 0, words.length);
    return KeypadRegisters.displayText(words);
  }

  /** @return a copy of registers 0..9 */
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

  private final class Registers implements RegisterDevice {

    @Override
    public int registerCount() {
      return KeypadRegisters.COUNT;
    }

    @Override
    public int read(int address) {
      return registers[address];
    }

    @Override
    public Optional<ExceptionCode> write(int address, int[] values) {
      if (address < KeypadRegisters.DISPLAY) {
        return Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      System.arraycopy(values, 0, registers, address, values.length);
      return Optional.empty();
    }
  }
}
