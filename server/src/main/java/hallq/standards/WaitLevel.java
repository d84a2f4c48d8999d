package hallq.standards;

import java.time.Duration;

/**
 * How a citizen's wait stands against the service's standard: below the warning level, at or above
 * it up to and including the target, beyond the target, or at or beyond the breach level.
 */
public enum WaitLevel {
  OK,
  WARNING,
  OVER_TARGET,
  BREACH;

  public static WaitLevel of(Duration wait, ServiceStandard standard) {
    if (wait.compareTo(Duration.ofMinutes(standard.breachWaitMinutes())) >= 0) {
      return BREACH;
    }
    if (wait.compareTo(Duration.ofMinutes(standard.targetWaitMinutes())) > 0) {
      return OVER_TARGET;
    }
    if (wait.compareTo(Duration.ofMinutes(standard.warnWaitMinutes())) >= 0) {
      return WARNING;
    }
    return OK;
  }

  /** Within the target: a wait of exactly the target counts. */
  public boolean withinTarget() {
    return this == OK || this == WARNING;
  }
}
