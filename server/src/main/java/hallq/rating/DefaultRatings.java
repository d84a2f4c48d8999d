package hallq.rating;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.DefaultRating;
import hallq.db.PgEventLog;
import hallq.db.PgEventLog.NewEvent;
import hallq.db.PgProvincialFeedRepository;
import hallq.db.PgRatingRepository;
import hallq.db.PgTicketRepository;
import hallq.db.PgTicketRepository.Finished;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import hallq.queue.Ticket;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * 默认评价: a finished ticket its citizen has not rated by the last day to rate gets the hall's
 * default rating at the start of the next day, with its event and its provincial record, each batch
 * in one transaction. A citizen rating at that moment waits for the ticket's lock and then finds it
 * rated.
 */
public final class DefaultRatings {
  private static final int BATCH = 200;
  /**
   * Tickets served longer ago are history, not rated now: a hall that turns the rule on (or upgrades)
   * does not send the province a flood of default ratings for its past.
   */
  static final Duration LOOK_BACK = Duration.ofDays(60);

  private final Pool pool;
  private final HallClock clock;
  private final ZoneId zone;
  private final DefaultRating rule;
  private final WorkingDays calendar;
  private final PgTicketRepository tickets;
  private final PgRatingRepository ratings;
  private final PgEventLog events;
  private final PgProvincialFeedRepository provincialFeed;
  private final ProvincialRecord provincialRecords;

  public DefaultRatings(Pool pool, HallqConfig config, HallClock clock) {
    String hallId = config.hall().id();
    this.pool = pool;
    this.clock = clock;
    this.zone = config.hall().timeZone();
    this.rule = config.defaultRating();
    this.calendar = config.followUp().calendar();
    this.tickets = new PgTicketRepository(hallId);
    this.ratings = new PgRatingRepository(hallId);
    this.events = new PgEventLog(hallId);
    this.provincialFeed = new PgProvincialFeedRepository(hallId);
    this.provincialRecords = new ProvincialRecord(config);
  }

  /** Gives every default rating that is due now; answers how many were given. */
  public Future<Integer> giveDue() {
    if (rule.level() == DefaultRating.Level.NONE) {
      return Future.succeededFuture(0);
    }
    Instant before = lastServedDayDue(rule, calendar, clock.today()).plusDays(1).atStartOfDay(zone).toInstant();
    return batches(before.minus(LOOK_BACK), before, 0);
  }

  /** The last day whose tickets' time to rate is over today: the days after it still have time. */
  static LocalDate lastServedDayDue(DefaultRating rule, WorkingDays calendar, LocalDate today) {
    LocalDate served = today.minusDays(1);
    while (!rule.lastDayToRate(served, calendar).isBefore(today)) {
      served = served.minusDays(1);
    }
    return served;
  }

  private Future<Integer> batches(Instant from, Instant before, int given) {
    return pool.withTransaction(sql -> giveBatch(sql, from, before))
        .compose(n -> n < BATCH ? Future.succeededFuture(given + n) : batches(from, before, given + n));
  }

  private Future<Integer> giveBatch(SqlConnection sql, Instant from, Instant before) {
    return tickets.unratedFinished(sql, from, before, BATCH).compose(due -> {
      Instant now = clock.now();
      List<Future<?>> writes = new ArrayList<>();
      List<NewEvent> rated = new ArrayList<>();
      for (Finished finished : due) {
        Ticket ticket = finished.ticket();
        Rating rating = new Rating(ticket.id(), ticket.counterNo(), rule.level().score, null, null, null, null, Rating.Channel.DEFAULT,
            now);
        writes.add(ratings.insert(sql, rating, finished.clerk()));
        writes.add(provincialFeed.add(sql, provincialRecords.firstRating(ticket, rating, finished.clerk()), ticket.id(), now));
        rated.add(new NewEvent(EventType.TICKET_RATED, ticket.id(), ticket.counterNo(), "system", now,
            rating.ratedEvent(ticket.number(), ticket.serviceCode())));
      }
      if (!rated.isEmpty()) {
        writes.add(events.appendAll(sql, rated));
      }
      return Future.all(writes).map(done -> due.size());
    });
  }
}
