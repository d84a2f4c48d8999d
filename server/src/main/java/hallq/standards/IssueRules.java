package hallq.standards;

import hallq.DomainException;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Whether a kiosk may issue a ticket for a service now: only while the hall is open, not after the
 * service's last issue time (closing minus {@code lastIssueMinutesBeforeClose}), and not beyond its
 * daily quota (限号). Each refusal is a 409 with its own code and a message a kiosk can show.
 */
public final class IssueRules {
  private IssueRules() {}

  /** Before the number is drawn. */
  public static void requireOpen(OpeningHours hours, ServiceStandard standard, String serviceName, LocalDateTime now) {
    if (!hours.isOpen(now)) {
      String next = hours.nextOpening(now.toLocalDate(), now.toLocalTime()).map(t -> "; it opens at " + t).orElse("");
      throw DomainException.conflict("HALL_CLOSED", "the hall issues no tickets now" + next);
    }
    hours.closesAfter(now).ifPresent(closes -> {
      LocalTime lastIssue = closes.minusMinutes(standard.lastIssueMinutesBeforeClose());
      if (!now.toLocalTime().isBefore(lastIssue)) {
        throw DomainException.conflict("LAST_ISSUE_PASSED",
            serviceName + " issues no more tickets today: the last one is issued before " + lastIssue);
      }
    });
  }

  /** With the day's sequence number just drawn (the transaction rolls back on refusal, so no number is lost). */
  public static void requireWithinQuota(ServiceStandard standard, String serviceName, int seq) {
    if (standard.dailyQuota() != null && seq > standard.dailyQuota()) {
      throw DomainException.conflict("DAILY_QUOTA_REACHED",
          serviceName + " has issued its " + standard.dailyQuota() + " tickets for today (限号)");
    }
  }
}
