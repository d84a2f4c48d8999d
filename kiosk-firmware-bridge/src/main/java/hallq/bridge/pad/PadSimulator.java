package hallq.bridge.pad;

import hallq.bridge.modbus.ExceptionCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The evaluation pad's side of the bus (PAD-PROTOCOL.md) for one unit address: request bytes
 * in, in any chunking, reply bytes out through a callback. Pure: time passes only through
 * {@link #tick(Duration)}.
 *
 * <p>It enforces the pad rule: exactly one key press counts, only while a request is open,
 * not yet rated and its window has not run out. Every other press is ignored and counted.
 * Thread-safe, so a device thread may feed it while a test presses keys.
 */
public final class PadSimulator {

  private final ModbusServer server;
  private final int[] registers = new int[PadRegisters.COUNT];
  private Duration elapsed = Duration.ZERO;
  private long ignoredPresses;

  /**
   * @param unitId the pad's unit address, 1..247
   * @param replies receives each reply frame, on the thread that called {@link #feed(byte[])}
   */
  public PadSimulator(int unitId, Consumer<byte[]> replies) {
    Objects.requireNonNull(replies, "replies");
    this.server = new ModbusServer(unitId, new Registers(), replies);
    registers[PadRegisters.WINDOW_SECONDS] = PadRegisters.DEFAULT_WINDOW_SECONDS;
  }

  /** Takes the bytes the master sent and answers every complete request for this unit. */
  public synchronized void feed(byte[] chunk) {
    server.feed(chunk);
  }

  /** The citizen presses a score key; a low score carries no reason. */
  public synchronized boolean press(Score score) {
    return press(score, RatingReason.NONE);
  }

  /**
   * The citizen presses a score key and, for a low score, picks a reason.
   *
   * @return whether the press counted; false if no request was open, it was already rated, or
   *     its window had run out
   * @throws IllegalArgumentException if a reason is given with a score above 2
   */
  public synchronized boolean press(Score score, RatingReason reason) {
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(reason, "reason");
    if (!score.isLow() && reason != RatingReason.NONE) {
      throw new IllegalArgumentException("a reason goes only with a score of 1 or 2: " + score);
    }
    expireIfDue();
    if (!isPending()) {
      ignoredPresses++;
      return false;
    }
    registers[PadRegisters.STATUS] = PadRegisters.STATUS_RATED;
    registers[PadRegisters.SCORE] = score.value();
    registers[PadRegisters.REASON] = reason.code();
    return true;
  }

  /** Lets time pass; an open request whose window runs out becomes timed out. */
  public synchronized void tick(Duration time) {
    if (time.isNegative()) {
      throw new IllegalArgumentException("time cannot go back: " + time);
    }
    elapsed = elapsed.plus(time);
    expireIfDue();
  }

  /** @return a copy of registers 0..5 */
  public synchronized int[] registers() {
    return registers.clone();
  }

  /** @return presses that did not count */
  public synchronized long ignoredPresses() {
    return ignoredPresses;
  }

  /** @return request frames dropped for a bad CRC */
  public synchronized long droppedFrames() {
    return server.droppedFrames();
  }

  /** @return well-formed requests addressed to another unit, ignored */
  public synchronized long otherUnitFrames() {
    return server.otherUnitFrames();
  }

  private boolean isPending() {
    return registers[PadRegisters.COMMAND] == PadRegisters.COMMAND_OPEN
        && registers[PadRegisters.STATUS] == PadRegisters.STATUS_PENDING;
  }

  private void expireIfDue() {
    if (isPending()
        && elapsed.compareTo(Duration.ofSeconds(registers[PadRegisters.WINDOW_SECONDS])) >= 0) {
      registers[PadRegisters.STATUS] = PadRegisters.STATUS_TIMED_OUT;
    }
  }

  private final class Registers implements RegisterDevice {

    @Override
    public int registerCount() {
      return PadRegisters.COUNT;
    }

    @Override
    public int read(int address) {
      return registers[address];
    }

    @Override
    public Optional<ExceptionCode> write(int address, int[] values) {
      if (address + values.length > PadRegisters.WRITABLE_COUNT) {
        return Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      int[] next = registers.clone();
      System.arraycopy(values, 0, next, address, values.length);
      int command = next[PadRegisters.COMMAND];
      int window = next[PadRegisters.WINDOW_SECONDS];
      if (command != PadRegisters.COMMAND_IDLE && command != PadRegisters.COMMAND_OPEN
          || window < 1 || window > PadRegisters.MAX_WINDOW_SECONDS) {
        return Optional.of(ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      boolean opens = address == PadRegisters.COMMAND && command == PadRegisters.COMMAND_OPEN;
      System.arraycopy(next, 0, registers, 0, PadRegisters.WRITABLE_COUNT);
      if (opens) {
        registers[PadRegisters.STATUS] = PadRegisters.STATUS_PENDING;
        registers[PadRegisters.SCORE] = 0;
        registers[PadRegisters.REASON] = 0;
        elapsed = Duration.ZERO;
      }
      return Optional.empty();
    }
  }
}
