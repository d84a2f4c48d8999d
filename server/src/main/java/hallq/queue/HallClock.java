package hallq.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The one source of time: server timestamps come from here, and the service day is the date in
 * the hall's time zone. Tests pass a clock they can move.
 */
public record HallClock(Clock clock, ZoneId zone) {

  /** Now, cut to microseconds: what PostgreSQL's timestamptz keeps, so a stored time reads back equal. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }
}
