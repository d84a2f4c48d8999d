package hallq.queue;

import hallq.DomainException;
import io.vertx.core.json.JsonObject;

/**
 * What happens at closing time to a service's tickets still waiting. {@code SERVE_LATE} (the default):
 * they are still called and served, and those called from the closing time on count as 延时服务.
 * {@code CLOSE_UNSERVED}: they are closed as not served (闭厅未办理), the citizen shown {@code reason}.
 * Either way a ticket still waiting when its day is over is closed: it can no longer be called.
 */
public record ClosingRule(Mode mode, String reason) {
  public enum Mode { SERVE_LATE, CLOSE_UNSERVED }

  public static final ClosingRule SERVE_LATE = new ClosingRule(Mode.SERVE_LATE, null);
  public static final String DEFAULT_REASON = "闭厅未办理";
  /** Why a ticket still waiting after its day is closed, under SERVE_LATE. */
  public static final String DAY_OVER_REASON = "当日营业结束未办理";
  static final int MAX_REASON = 100;

  /** @throws DomainException (400, naming the field) for an unknown mode or a reason too long */
  public ClosingRule {
    if (mode == null) {
      throw DomainException.invalid("mode", "must be SERVE_LATE or CLOSE_UNSERVED");
    }
    if (mode == Mode.SERVE_LATE) {
      reason = null;
    } else {
      reason = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
      if (reason.length() > MAX_REASON) {
        throw DomainException.invalid("reason", "at most " + MAX_REASON + " characters");
      }
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("mode", mode.name()).put("reason", reason);
  }

  public static ClosingRule fromJson(JsonObject json) {
    String mode = json.getValue("mode") instanceof String text ? text : null;
    Mode parsed;
    try {
      parsed = Mode.valueOf(mode == null ? "" : mode);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("mode", "must be SERVE_LATE or CLOSE_UNSERVED, not '" + json.getValue("mode") + "'");
    }
    Object reason = json.getValue("reason");
    if (reason != null && !(reason instanceof String)) {
      throw DomainException.invalid("reason", "must be text");
    }
    return new ClosingRule(parsed, (String) reason);
  }
}
