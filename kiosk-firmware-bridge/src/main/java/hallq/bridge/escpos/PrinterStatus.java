package hallq.bridge.escpos;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A decoded reply to the real-time status request {@code DLE EOT n}.
 *
 * <p>A byte that fails the fixed-bit check is returned as an invalid status rather than thrown:
 * on a serial line it is usually text echo or noise, and the caller decides whether to retry.
 *
 * @param function the status kind that was requested, {@code n} = 1..4
 * @param raw the reply byte, 0..255
 * @param valid whether the reply has the fixed bits of a status byte
 * @param conditions the conditions reported; empty when invalid
 */
public record PrinterStatus(int function, int raw, boolean valid, Set<Condition> conditions) {

  /** n = 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor. */
  public static final int PRINTER = 1;
  public static final int OFFLINE_CAUSE = 2;
  public static final int ERROR_CAUSE = 3;
  public static final int PAPER_SENSOR = 4;

  private static final int FIXED_BITS_MASK = 0x93;
  private static final int FIXED_BITS_VALUE = 0x12;

  /** A condition reported in one kind of status byte. */
  public enum Condition {
    COVER_OPEN(OFFLINE_CAUSE, 0x04),
    STOPPED_AT_PAPER_END(OFFLINE_CAUSE, 0x20),
    ERROR(OFFLINE_CAUSE, 0x40),
    CUTTER_ERROR(ERROR_CAUSE, 0x08),
    PAPER_NEAR_END(PAPER_SENSOR, 0x0C),
    PAPER_END(PAPER_SENSOR, 0x60);

    private final int function;
    private final int mask;

    Condition(int function, int mask) {
      this.function = function;
      this.mask = mask;
    }

    // A two-bit mask repeats one sensor; clones that set only one of the pair still count.
    private boolean isReportedIn(int function, int reply) {
      return this.function == function && (reply & mask) != 0;
    }
  }

  public PrinterStatus {
    conditions = conditions.isEmpty()
        ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(conditions));
  }

  /** The {@code DLE EOT n} request bytes, {@code 10 04 n}. */
  public static byte[] request(int function) {
    requireFunction(function);
    return new byte[] {0x10, 0x04, (byte) function};
  }

  /**
   * Decodes the reply byte to {@code DLE EOT function}.
   *
   * @throws IllegalArgumentException only if {@code function} is not 1..4
   */
  public static PrinterStatus decode(int function, byte reply) {
    requireFunction(function);
    int value = reply & 0xFF;
    if ((value & FIXED_BITS_MASK) != FIXED_BITS_VALUE) {
      return new PrinterStatus(function, value, false, Set.of());
    }
    EnumSet<Condition> found = EnumSet.noneOf(Condition.class);
    for (Condition condition : Condition.values()) {
      if (condition.isReportedIn(function, value)) {
        found.add(condition);
      }
    }
    return new PrinterStatus(function, value, true, found);
  }

  public boolean has(Condition condition) {
    return conditions.contains(condition);
  }

  /** Valid and reporting no condition at all. */
  public boolean isOk() {
    return valid && conditions.isEmpty();
  }

  private static void requireFunction(int function) {
    if (function < PRINTER || function > PAPER_SENSOR) {
      throw new IllegalArgumentException("DLE EOT n needs n = 1..4, got " + function);
    }
  }
}
