package hallq.bridge.pad;

import hallq.bridge.modbus.ModbusRtu;

/**
 * The evaluation pad's holding registers (PAD-PROTOCOL.md) and the master's requests to them.
 * Writes use 0x10 Write Multiple Registers, reads 0x03 Read Holding Registers.
 *
 * <pre>
 * 0 command        0 idle, 1 open rating request      (read/write)
 * 1 request id     16-bit, chosen by the bridge       (read/write)
 * 2 window seconds default 10                         (read/write)
 * 3 result status  0 pending, 1 rated, 2 timed out    (read only)
 * 4 score          1..5                               (read only)
 * 5 reason         0..5, for scores ≤ 2               (read only)
 * </pre>
 */
public final class PadRegisters {

  public static final int COMMAND = 0;
  public static final int REQUEST_ID = 1;
  public static final int WINDOW_SECONDS = 2;
  public static final int STATUS = 3;
  public static final int SCORE = 4;
  public static final int REASON = 5;

  /** Number of registers; addresses 0..5. */
  public static final int COUNT = 6;

  /** Registers the master may write: command, request id and window. */
  public static final int WRITABLE_COUNT = 3;

  public static final int COMMAND_IDLE = 0;
  public static final int COMMAND_OPEN = 1;

  public static final int STATUS_PENDING = 0;
  public static final int STATUS_RATED = 1;
  public static final int STATUS_TIMED_OUT = 2;

  public static final int DEFAULT_WINDOW_SECONDS = 10;

  /** The longest window the pad accepts, so a forgotten request cannot stay open all day. */
  public static final int MAX_WINDOW_SECONDS = 600;

  private PadRegisters() {
  }

  /**
   * Opens a rating request (the clerk pressed 请评价): writes command 1, the request id and the
   * window to registers 0..2 in one 0x10 frame. The pad clears registers 3..5 and starts the
   * window.
   *
   * @param unitId the pad's unit address
   * @param requestId 0..65535, chosen by the bridge, different from the previous request's
   * @param windowSeconds 1..{@value #MAX_WINDOW_SECONDS}
   */
  public static byte[] openRequest(int unitId, int requestId, int windowSeconds) {
    if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
      throw new IllegalArgumentException(
          "window must be 1.." + MAX_WINDOW_SECONDS + " s: " + windowSeconds);
    }
    return ModbusRtu.writeMultipleRegisters(
        unitId, COMMAND, COMMAND_OPEN, requestId, windowSeconds);
  }

  /** Opens a rating request with the {@value #DEFAULT_WINDOW_SECONDS} s default window. */
  public static byte[] openRequest(int unitId, int requestId) {
    return openRequest(unitId, requestId, DEFAULT_WINDOW_SECONDS);
  }

  /** Reads registers 0..5, the whole state of the current request. */
  public static byte[] readResult(int unitId) {
    return ModbusRtu.readHoldingRegisters(unitId, COMMAND, COUNT);
  }

  /**
   * Closes the request (command 0) after the bridge has read its result; presses no longer
   * count and the pad goes back to idle.
   */
  public static byte[] closeRequest(int unitId) {
    return ModbusRtu.writeMultipleRegisters(unitId, COMMAND, COMMAND_IDLE);
  }

  /**
   * Interprets registers 0..5 as read by {@link #readResult(int)}. Never throws: anything that
   * is not a valid state of request {@code requestId} is {@link PadResult.Invalid}.
   *
   * @param requestId the id the bridge opened the request with
   * @param values the register values, unsigned 16-bit
   */
  public static PadResult interpret(int requestId, int[] values) {
    if (values == null || values.length != COUNT) {
      return new PadResult.Invalid("expected " + COUNT + " registers, got "
          + (values == null ? "none" : values.length));
    }
    if (values[REQUEST_ID] != requestId) {
      return new PadResult.Invalid(
          "request id " + values[REQUEST_ID] + " on the pad, expected " + requestId);
    }
    int status = values[STATUS];
    if (status == STATUS_TIMED_OUT) {
      return new PadResult.TimedOut();
    }
    if (status == STATUS_PENDING) {
      return values[COMMAND] == COMMAND_OPEN
          ? new PadResult.Pending()
          : new PadResult.Invalid("request " + requestId + " is not open (command "
              + values[COMMAND] + ")");
    }
    if (status != STATUS_RATED) {
      return new PadResult.Invalid("unknown status " + status);
    }
    return rated(values[SCORE], values[REASON]);
  }

  private static PadResult rated(int scoreValue, int reasonCode) {
    var score = Score.fromWire(scoreValue);
    if (score.isEmpty()) {
      return new PadResult.Invalid("score " + scoreValue + " is not 1..5");
    }
    var reason = RatingReason.fromWire(reasonCode);
    if (reason.isEmpty()) {
      return new PadResult.Invalid("reason " + reasonCode + " is not 0..5");
    }
    if (!score.get().isLow() && reason.get() != RatingReason.NONE) {
      return new PadResult.Invalid("reason " + reasonCode + " given with score " + scoreValue);
    }
    return new PadResult.Rated(score.get(), reason.get());
  }
}
