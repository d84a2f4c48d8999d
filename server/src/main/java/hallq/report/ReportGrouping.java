package hallq.report;

import hallq.DomainException;
import java.util.Locale;

/** What a report's rows are: one per service, counter, clerk or hour of the day (or one for the whole range). */
public enum ReportGrouping {
  SERVICE("t.service_code"),
  COUNTER("t.counter_no::text"),
  /** The clerk who called the ticket (the counter's signed-in clerk, or a manager operating it). */
  CLERK("t.served_by"),
  /** Hour of issue in the hall's time zone, 00..23. */
  HOUR("to_char(t.issued_at AT TIME ZONE $4, 'HH24')"),
  ALL("'all'");

  private final String keyExpression;

  ReportGrouping(String keyExpression) {
    this.keyExpression = keyExpression;
  }

  /** SQL for the row key; a constant of this enum, never user text. */
  String keyExpression() {
    return keyExpression;
  }

  public static ReportGrouping parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("by", "must be one of service, counter, clerk, hour, all");
    }
  }
}
