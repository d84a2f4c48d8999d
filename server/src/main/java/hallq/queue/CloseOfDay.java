package hallq.queue;

import hallq.config.HallqConfig;
import hallq.db.PgDayCloseRepository;
import hallq.db.PgEventLog;
import hallq.db.PgEventLog.NewEvent;
import hallq.db.PgStandardsRepository;
import hallq.standards.OpeningHours;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Closes the service day at the hall's closing time (the end of its last opening period that day, in
 * its time zone; a hall with no opening hours never closes by itself). The first run at or after
 * closing records the day as closed ({@code DAY_CLOSED}); every run closes the waiting tickets of
 * CLOSE_UNSERVED services ({@code TICKET_CLOSED_UNSERVED}), so a ticket put back in the queue after
 * closing does not wait on either. SERVE_LATE tickets go on waiting and are served late until the
 * day is over; yesterday's that still wait are closed then, as nobody can call them any more.
 *
 * <p>Idempotent and safe with several servers on one database: the day is closed by a conditional
 * insert, a ticket by a conditional update; a run that finds nothing to do writes nothing.
 */
public final class CloseOfDay {
  static final String ACTOR = "hallq";

  /** What one run did: the days it closed and how many tickets it closed unserved. */
  public record Closed(List<LocalDate> days, int tickets) {
    static final Closed NOTHING = new Closed(List.of(), 0);

    Closed and(Closed other) {
      return new Closed(Stream.concat(days.stream(), other.days.stream()).toList(), tickets + other.tickets);
    }
  }

  private final Pool pool;
  private final HallClock clock;
  private final ZoneId zone;
  private final PgStandardsRepository standards;
  private final PgDayCloseRepository days;
  private final PgEventLog events;

  public CloseOfDay(Pool pool, HallqConfig config, HallClock clock) {
    String hallId = config.hall().id();
    this.pool = pool;
    this.clock = clock;
    this.zone = config.hall().timeZone();
    this.standards = new PgStandardsRepository(hallId);
    this.days = new PgDayCloseRepository(hallId);
    this.events = new PgEventLog(hallId);
  }

  /** The closing time of this day as an instant; empty when the hall does not open that day or has no hours. */
  public static Optional<Instant> closesAt(OpeningHours hours, LocalDate day, ZoneId zone) {
    return hours.closingOn(day).map(time -> day.atTime(time).atZone(zone).toInstant());
  }

  /** Closes yesterday and today where their closing time has passed. */
  public Future<Closed> run() {
    LocalDate today = clock.today();
    Instant now = clock.now();
    return pool.withConnection(standards::openingHours)
        .compose(hours -> closeIfDue(hours, today.minusDays(1), true, now)
            .compose(yesterday -> closeIfDue(hours, today, false, now).map(yesterday::and)));
  }

  private Future<Closed> closeIfDue(OpeningHours hours, LocalDate day, boolean dayOver, Instant now) {
    Optional<Instant> closes = closesAt(hours, day, zone);
    if (closes.isEmpty() || now.isBefore(closes.get())) {
      return Future.succeededFuture(Closed.NOTHING);
    }
    return pool.withTransaction(sql -> days.close(sql, day, closes.get(), now)
        .compose(closedNow -> !closedNow
            ? Future.succeededFuture(false)
            : events.append(sql, EventType.DAY_CLOSED, null, null, ACTOR, now,
                new JsonObject().put("serviceDay", day.toString()).put("closesAt", closes.get().toString())).map(true))
        .compose(closedNow -> days.closeWaiting(sql, day, dayOver, now, ClosingRule.DAY_OVER_REASON)
            .compose(closed -> closed.isEmpty()
                ? Future.succeededFuture(0)
                : events.appendAll(sql, closedEvents(closed, now)).map(closed.size()))
            .map(tickets -> new Closed(closedNow ? List.of(day) : List.of(), tickets))));
  }

  private static List<NewEvent> closedEvents(List<Ticket> closed, Instant now) {
    return closed.stream()
        .map(t -> new NewEvent(EventType.TICKET_CLOSED_UNSERVED, t.id(), null, ACTOR, now,
            t.eventFields().put("closedReason", t.closedReason())))
        .toList();
  }
}
