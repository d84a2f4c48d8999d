package hallq.report;

import hallq.DomainException;
import java.util.Locale;

/** What a report's rows are: one per service, counter, clerk or hour of the day (or one for the whole range). */
public enum ReportGrouping {
  SERVICE,
  COUNTER,
  /** The clerk who called the ticket (the counter's signed-in clerk, or a manager operating it). */
  CLERK,
  /** Hour of issue in the hall's time zone, 00..23. */
  HOUR,
  ALL;

  public static ReportGrouping parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("by", "must be one of service, counter, clerk, hour, all");
    }
  }
}
