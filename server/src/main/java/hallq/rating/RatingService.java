package hallq.rating;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgEventLog;
import hallq.db.PgProvincialFeedRepository;
import hallq.db.PgRatingRepository;
import hallq.db.PgTicketRepository;
import hallq.queue.CitizenKey;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import hallq.queue.Ticket;
import hallq.queue.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 好差评 of a finished ticket: exactly one per ticket, only once service is finished. The rating and
 * its event are one transaction.
 */
public final class RatingService {
  private final Pool pool;
  private final HallClock clock;
  private final PgTicketRepository tickets;
  private final PgRatingRepository ratings;
  private final PgEventLog events;
  private final FollowUpService followUps;
  private final ProvincialRecord provincialRecords;
  private final PgProvincialFeedRepository provincialFeed;
  /** The hall's configured reasons for a low rating. */
  private final Set<String> reasonCodes;
  /** Whether the hall asks the NPS question (推荐意愿) with a citizen's rating. */
  private final boolean askRecommend;

  public RatingService(Pool pool, HallqConfig config, HallClock clock, FollowUpService followUps) {
    String hallId = config.hall().id();
    this.reasonCodes = config.lowRatingReasons().stream().map(HallqConfig.LowRatingReason::code).collect(Collectors.toUnmodifiableSet());
    this.askRecommend = config.nps().enabled();
    this.provincialRecords = new ProvincialRecord(config);
    this.provincialFeed = new PgProvincialFeedRepository(hallId);
    this.followUps = followUps;
    this.pool = pool;
    this.clock = clock;
    this.tickets = new PgTicketRepository(hallId);
    this.ratings = new PgRatingRepository(hallId);
    this.events = new PgEventLog(hallId);
  }

  /** A counter screen may ask for a rating this long after service; the citizen's own page at any time. */
  static final Duration COUNTER_SCREEN_WINDOW = Duration.ofMinutes(10);

  /** The citizen rates from the ticket page, proven by the key of the ticket's QR link. */
  public Future<Rating> rateByCitizen(UUID ticketId, String citizenKey, RatingForm form) {
    requireAnswerable(form);
    Rated rated = new Rated(form, Rating.Channel.TICKET_PAGE, "citizen");
    return pool.withTransaction(sql -> rate(sql, ticketId, rated, ticket -> tickets.citizenKey(sql, ticketId)
        .map(stored -> {
          CitizenKey.require(stored, citizenKey, ticket.number());
          return ticket;
        })));
  }

  /** The counter screen's rating prompt, open only shortly after service finished. */
  public Future<Rating> rateAtCounterScreen(UUID ticketId, String device, RatingForm form) {
    requireAnswerable(form);
    return pool.withTransaction(sql -> rate(sql, ticketId, new Rated(form, Rating.Channel.COUNTER_SCREEN, device), this::shortlyAfterService));
  }

  /**
   * A key press on the evaluation pad, in the caller's transaction (which also closes the pad's
   * rating request): like the counter screen, only shortly after service.
   */
  public Future<Rating> rateAtPad(SqlConnection sql, UUID ticketId, String bridge, int score, String reason) {
    if (reason != null && score > Rating.MAX_LOW_SCORE) {
      throw DomainException.invalid("reason", "only a score of " + Rating.MAX_LOW_SCORE + " or less carries a reason");
    }
    // A pad asks for the reason, but a citizen may walk away before choosing: its low rating counts without one.
    // Its keys are fixed by the pad protocol; one the hall has not configured is dropped, not the rating.
    String kept = reason != null && reasonCodes.contains(reason) ? reason : null;
    // The pad protocol has no sub-score or 0..10 keys, so a pad's rating carries neither.
    RatingForm pressed = new RatingForm(score, kept, null, null, null);
    return rate(sql, ticketId, new Rated(pressed, Rating.Channel.EVALUATION_PAD, bridge), this::shortlyAfterService);
  }

  /** A screen's form: a low score says why, and the NPS answer only where the hall asks the question. */
  private void requireAnswerable(RatingForm form) {
    Rating.requireReason(form.score(), form.reason(), form.comment(), reasonCodes);
    if (form.recommend() != null && !askRecommend) {
      throw DomainException.invalid("recommend", "this hall does not ask the NPS question (nps.enabled is off)");
    }
  }

  private record Rated(RatingForm form, Rating.Channel channel, String actor) {}

  private Future<Ticket> shortlyAfterService(Ticket ticket) {
    if (ticket.endedAt() != null && ticket.endedAt().plus(COUNTER_SCREEN_WINDOW).isBefore(clock.now())) {
      throw DomainException.conflict("RATING_CLOSED", "the counter's rating of ticket " + ticket.number() + " has closed");
    }
    return Future.succeededFuture(ticket);
  }

  private Future<Rating> rate(SqlConnection sql, UUID ticketId, Rated rated, Function<Ticket, Future<Ticket>> allowed) {
    return tickets.lock(sql, ticketId)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("TICKET_NOT_FOUND", "no ticket " + ticketId)))
        .compose(allowed)
        .compose(ticket -> {
          requireFinished(ticket);
          RatingForm form = rated.form();
          Rating rating = new Rating(ticketId, ticket.counterNo(), form.score(), blankToNull(form.comment()), form.reason(),
              form.subScores(), form.recommend(), rated.channel(), clock.now());
          return tickets.finishedBy(sql, ticketId).compose(clerk -> ratings.insert(sql, rating, clerk.orElse(null)).compose(inserted -> {
            if (!inserted) {
              throw DomainException.conflict("ALREADY_RATED", "ticket " + ticket.number() + " has been rated already");
            }
            JsonObject payload = rating.ratedEvent(ticket.number(), ticket.serviceCode());
            // Handed to the province in the rating's transaction: no rating without its record, nor the reverse.
            JsonObject record = provincialRecords.firstRating(ticket, rating, clerk.orElse(null));
            return events.append(sql, EventType.TICKET_RATED, ticketId, ticket.counterNo(), rated.actor(), rating.ratedAt(), payload)
                .compose(id -> provincialFeed.add(sql, record, ticketId, rating.ratedAt()))
                .compose(v -> followUps.openFor(sql, ticket, rating, clerk.orElse(null)))
                .map(v -> rating);
          }));
        });
  }

  public Future<Optional<Rating>> find(UUID ticketId) {
    return pool.withConnection(sql -> ratings.find(sql, ticketId));
  }

  private static void requireFinished(Ticket ticket) {
    if (ticket.status() != TicketStatus.FINISHED) {
      throw DomainException.conflict("RATING_NOT_OPEN",
          "ticket " + ticket.number() + " is " + ticket.status() + "; it can be rated once service is finished");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
