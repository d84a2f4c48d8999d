package hallq.queue;

import hallq.DomainException;
import io.vertx.core.json.JsonObject;

/**
 * How a service's priority (绿色通道) tickets are called beside its walk-ins. {@code STRICT}: a priority
 * ticket always goes first (the default: 老年人 and the like never wait behind walk-ins). {@code RATIO}:
 * a counter calls one priority ticket after every {@code normalPerPriority} walk-ins it called, counted
 * per counter, so walk-ins are not starved when priority tickets keep coming: while a walk-in waits,
 * a counter makes at most one priority call in a row, and while a priority ticket waits, at most
 * {@code normalPerPriority} walk-in calls in a row. With no walk-in waiting, priority tickets are called anyway.
 */
public record PriorityRule(Mode mode, Integer normalPerPriority) {
  public enum Mode { STRICT, RATIO }

  public static final PriorityRule STRICT = new PriorityRule(Mode.STRICT, null);
  public static final int MAX_NORMAL_PER_PRIORITY = 20;

  /** @throws DomainException (400, naming the field) for a ratio without its count or out of range */
  public PriorityRule {
    if (mode == null) {
      throw DomainException.invalid("mode", "must be STRICT or RATIO");
    }
    if (mode == Mode.STRICT) {
      normalPerPriority = null;
    } else if (normalPerPriority == null || normalPerPriority < 1 || normalPerPriority > MAX_NORMAL_PER_PRIORITY) {
      throw DomainException.invalid("normalPerPriority", "RATIO needs a whole number of walk-ins per priority call from 1 to "
          + MAX_NORMAL_PER_PRIORITY);
    }
  }

  /** Whether a counter that has called {@code walkInsSincePriority} walk-ins since its last priority call now takes a priority ticket. */
  public boolean priorityDue(int walkInsSincePriority) {
    return mode == Mode.STRICT || walkInsSincePriority >= normalPerPriority;
  }

  public JsonObject toJson() {
    return new JsonObject().put("mode", mode.name()).put("normalPerPriority", normalPerPriority);
  }

  public static PriorityRule fromJson(JsonObject json) {
    String mode = json.getString("mode");
    Mode parsed;
    try {
      parsed = Mode.valueOf(mode == null ? "" : mode);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("mode", "must be STRICT or RATIO, not '" + mode + "'");
    }
    Object count = json.getValue("normalPerPriority");
    if (count == null) {
      return new PriorityRule(parsed, null);
    }
    if (!(count instanceof Integer || count instanceof Long) || ((Number) count).longValue() > MAX_NORMAL_PER_PRIORITY) {
      throw DomainException.invalid("normalPerPriority", "must be a whole number from 1 to " + MAX_NORMAL_PER_PRIORITY);
    }
    return new PriorityRule(parsed, ((Number) count).intValue());
  }
}
