package hallq.rating;

import hallq.DomainException;
import hallq.auth.Principal;
import hallq.config.HallqConfig.FollowUp;
import hallq.config.HallqConfig.Role;
import hallq.db.PgEventLog;
import hallq.db.PgFollowUpRepository;
import hallq.db.PgFollowUpRepository.Case;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import hallq.queue.Ticket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;

/**
 * 差评整改: a low rating opens a case due a configured number of working days later; managers take
 * it through 核实 → 整改 → 反馈 → 回访; a manager may appeal (申诉) a mistaken or malicious rating and
 * an admin reviews it (复核): upheld, the rating leaves the indicators and the case closes. Every
 * action records who and when.
 */
public final class FollowUpService {
  public static final String APPEALED = "APPEALED";
  public static final String APPEAL_UPHELD = "APPEAL_UPHELD";
  public static final String APPEAL_REJECTED = "APPEAL_REJECTED";
  public static final String REVISITED = FollowUpStep.REVISIT.completedBy();
  /** How long closed cases stay in the list. */
  static final Duration RECENT = Duration.ofDays(31);

  private final Pool pool;
  private final HallClock clock;
  private final FollowUp settings;
  private final PgFollowUpRepository cases;
  private final PgEventLog events;

  public FollowUpService(Pool pool, String hallId, HallClock clock, FollowUp settings) {
    this.pool = pool;
    this.clock = clock;
    this.settings = settings;
    this.cases = new PgFollowUpRepository(hallId);
    this.events = new PgEventLog(hallId);
  }

  /** In the rating's transaction: a low rating opens its case. */
  Future<Void> openFor(SqlConnection sql, Ticket ticket, Rating rating, String clerk) {
    if (rating.score() > Rating.MAX_LOW_SCORE) {
      return Future.succeededFuture();
    }
    var deadline = settings.calendar().after(clock.today(), settings.workingDays());
    return cases.open(sql, ticket.id(), ticket.number(), ticket.serviceCode(), ticket.counterNo(), clerk, rating.score(),
        rating.ratedAt(), deadline);
  }

  public Future<JsonArray> list() {
    var today = clock.today();
    return pool.withConnection(sql -> cases.list(sql, clock.now().minus(RECENT))
        .compose(found -> cases.actions(sql, found.stream().map(Case::id).toList())
            .map(actions -> new JsonArray(found.stream()
                .map(c -> toJson(c, today).put("actions", actions.getOrDefault(c.id(), new JsonArray())))
                .toList()))));
  }

  /**
   * One action on a case, in order; the reply is the case as it stands after it. A 回访 (REVISITED)
   * may say whether the citizen was satisfied with the rectification (null: not reached, or did not say).
   */
  public Future<JsonObject> act(long caseId, String action, String note, Boolean satisfied, Principal by) {
    if (satisfied != null && !REVISITED.equals(action)) {
      throw DomainException.invalid("satisfied", "only a 回访 (" + REVISITED + ") records whether the citizen was satisfied");
    }
    Instant now = clock.now();
    return pool.withTransaction(sql -> cases.lock(sql, caseId)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "caseId: no follow-up case " + caseId)))
        .compose(c -> apply(sql, c, action, by, now)
            .compose(after -> cases.addAction(sql, caseId, action, blankToNull(note), satisfied, by.name(), now)
                .compose(v -> events.append(sql, EventType.FOLLOW_UP_CHANGED, c.ticketId(), c.counterNo(), by.name(), now,
                    new JsonObject().put("caseId", caseId).put("action", action).put("step", after.step().name())))
                .map(v -> toJson(after, clock.today())))));
  }

  private Future<Case> apply(SqlConnection sql, Case c, String action, Principal by, Instant now) {
    if (c.step() == FollowUpStep.CLOSED) {
      throw DomainException.conflict("CASE_CLOSED", "follow-up case " + c.id() + " is closed");
    }
    return switch (action) {
      case APPEALED -> {
        if (!"NONE".equals(c.appeal())) {
          throw DomainException.conflict("ALREADY_APPEALED", "case " + c.id() + " was appealed already (" + c.appeal() + ")");
        }
        yield save(sql, c, c.step(), "PENDING", null);
      }
      case APPEAL_UPHELD, APPEAL_REJECTED -> {
        if (!by.is(Role.ADMIN)) {
          throw DomainException.forbidden("FORBIDDEN", "an appeal is reviewed (复核) by an admin");
        }
        if (!"PENDING".equals(c.appeal())) {
          throw DomainException.conflict("NO_PENDING_APPEAL", "case " + c.id() + " has no appeal to review");
        }
        yield action.equals(APPEAL_UPHELD)
            ? cases.excludeRating(sql, c.ticketId()).compose(v -> save(sql, c, FollowUpStep.CLOSED, "UPHELD", now))
            : save(sql, c, c.step(), "REJECTED", null);
      }
      default -> {
        if (!action.equals(c.step().completedBy())) {
          throw DomainException.conflict("WRONG_STEP", "case " + c.id() + " is at " + c.step() + "; its next action is " + c.step().completedBy());
        }
        if ("PENDING".equals(c.appeal())) {
          throw DomainException.conflict("APPEAL_PENDING", "case " + c.id() + " waits for its appeal to be reviewed");
        }
        FollowUpStep next = c.step().next();
        yield save(sql, c, next, c.appeal(), next == FollowUpStep.CLOSED ? now : null);
      }
    };
  }

  private Future<Case> save(SqlConnection sql, Case c, FollowUpStep step, String appeal, Instant closedAt) {
    return cases.update(sql, c.id(), step, appeal, closedAt).map(v -> new Case(c.id(), c.ticketId(), c.number(), c.serviceCode(),
        c.counterNo(), c.clerk(), c.score(), c.openedAt(), c.deadline(), step, appeal, closedAt));
  }

  private static JsonObject toJson(Case c, java.time.LocalDate today) {
    return new JsonObject()
        .put("id", c.id())
        .put("ticketId", c.ticketId().toString())
        .put("number", c.number())
        .put("serviceCode", c.serviceCode())
        .put("counterNo", c.counterNo())
        .put("clerk", c.clerk())
        .put("score", c.score())
        .put("openedAt", c.openedAt().toString())
        .put("deadline", c.deadline().toString())
        .put("step", c.step().name())
        .put("nextAction", c.step().completedBy())
        .put("appeal", c.appeal())
        .put("closedAt", c.closedAt() == null ? null : c.closedAt().toString())
        .put("overdue", c.overdue(today));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
