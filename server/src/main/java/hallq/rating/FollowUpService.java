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
import java.time.LocalDate;

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
  // The steps' actions, as in FollowUpStep (constants, for switch).
  public static final String VERIFIED = "VERIFIED";
  public static final String FED_BACK = "FED_BACK";
  public static final String REVISITED = "REVISITED";
  /** 整改方案: a complex case's plan, owner and due date; the case stays at 整改 until RECTIFIED. */
  public static final String PLANNED = "PLANNED";
  /** 立行立改: a simple case rectified on the spot, closed at once. */
  public static final String RECTIFIED_AT_ONCE = "RECTIFIED_AT_ONCE";
  public static final String COMMENTED = "COMMENTED";
  public static final String CLOSED_BY_MANAGER = "CLOSED_BY_MANAGER";
  public static final String REOPENED = "REOPENED";
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
   * What an action brings besides its name: a note (the reply to the citizen, a comment), what 核实
   * found, the rectification plan with its owner and due date, and whether the 回访 reached the
   * citizen and satisfied them.
   */
  public record Action(String name, String note, String finding, String plan, String owner, LocalDate dueDate, Boolean reached,
      Boolean satisfied) {}

  /** One action on a case, in order; the reply is the case as it stands after it. */
  public Future<JsonObject> act(long caseId, Action action, Principal by) {
    requireOnlyItsFields(action);
    Instant now = clock.now();
    return pool.withTransaction(sql -> cases.lock(sql, caseId)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "caseId: no follow-up case " + caseId)))
        .compose(c -> apply(sql, c, action, by, now)
            .compose(after -> cases.update(sql, after).map(after))
            .compose(after -> cases.addAction(sql, caseId, action.name(), blankToNull(action.note()), action.satisfied(), by.name(), now)
                .compose(v -> events.append(sql, EventType.FOLLOW_UP_CHANGED, c.ticketId(), c.counterNo(), by.name(), now,
                    new JsonObject().put("caseId", caseId).put("action", action.name()).put("step", after.step().name())))
                .map(v -> toJson(after, clock.today())))));
  }

  private static void requireOnlyItsFields(Action a) {
    require(a.finding() == null || a.name().equals(VERIFIED), "finding", "only 核实 (" + VERIFIED + ") records a finding");
    require(a.name().equals(VERIFIED) == (a.finding() != null), "finding", "核实 records what it found: TRUE, REASONABLE or MALICIOUS");
    boolean planned = a.name().equals(PLANNED);
    require(planned == (a.plan() != null && !a.plan().isBlank()), "plan", "a plan (" + PLANNED + ") and only a plan has one");
    require(planned == (a.owner() != null && !a.owner().isBlank()), "owner", "a plan names its owner, and only a plan");
    require(planned == (a.dueDate() != null), "dueDate", "a plan has a due date, and only a plan");
    require(a.name().equals(REVISITED) == (a.reached() != null), "reached", "回访 (" + REVISITED + ") says whether the citizen was reached");
    require(a.satisfied() == null || Boolean.TRUE.equals(a.reached()), "satisfied",
        "only a 回访 (" + REVISITED + ") that reached the citizen records whether they were satisfied");
    boolean needsNote = a.name().equals(COMMENTED) || a.name().equals(CLOSED_BY_MANAGER) || a.name().equals(REOPENED);
    require(!needsNote || (a.note() != null && !a.note().isBlank()), "note", a.name() + " says why in its note");
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw DomainException.invalid(field, message);
    }
  }

  private Future<Case> apply(SqlConnection sql, Case c, Action action, Principal by, Instant now) {
    if (c.step() == FollowUpStep.CLOSED && !action.name().equals(REOPENED)) {
      throw DomainException.conflict("CASE_CLOSED", "follow-up case " + c.id() + " is closed");
    }
    JsonObject ledger = c.ledger().copy();
    return switch (action.name()) {
      case APPEALED -> {
        if (!"NONE".equals(c.appeal())) {
          throw DomainException.conflict("ALREADY_APPEALED", "case " + c.id() + " was appealed already (" + c.appeal() + ")");
        }
        yield Future.succeededFuture(with(c, c.step(), "PENDING", null, ledger, c.reopened()));
      }
      case APPEAL_UPHELD, APPEAL_REJECTED -> {
        if (!by.is(Role.ADMIN)) {
          throw DomainException.forbidden("FORBIDDEN", "an appeal is reviewed (复核) by an admin");
        }
        if (!"PENDING".equals(c.appeal())) {
          throw DomainException.conflict("NO_PENDING_APPEAL", "case " + c.id() + " has no appeal to review");
        }
        yield action.name().equals(APPEAL_UPHELD)
            ? cases.excludeRating(sql, c.ticketId()).map(v -> with(c, FollowUpStep.CLOSED, "UPHELD", now, ledger, c.reopened()))
            : Future.succeededFuture(with(c, c.step(), "REJECTED", null, ledger, c.reopened()));
      }
      case COMMENTED -> Future.succeededFuture(with(c, c.step(), c.appeal(), null, ledger.put("managerComment", action.note().trim()),
          c.reopened()));
      case CLOSED_BY_MANAGER -> Future.succeededFuture(with(c, FollowUpStep.CLOSED, c.appeal(), now,
          ledger.put("managerComment", action.note().trim()), c.reopened()));
      case REOPENED -> {
        if (c.step() != FollowUpStep.CLOSED || "UPHELD".equals(c.appeal())) {
          throw DomainException.conflict("NOT_REOPENABLE", "case " + c.id() + " is not closed, or its rating was taken out on appeal");
        }
        yield Future.succeededFuture(with(c, FollowUpStep.RECTIFY, c.appeal(), null, ledger.put("reopenReason", action.note().trim()),
            c.reopened() + 1));
      }
      default -> {
        requireNoPendingAppeal(c);
        FollowUpStep step = c.step();
        if (action.name().equals(PLANNED) || action.name().equals(RECTIFIED_AT_ONCE)) {
          requireStep(c, FollowUpStep.RECTIFY, action.name());
        } else if (!action.name().equals(step.completedBy())) {
          throw DomainException.conflict("WRONG_STEP", "case " + c.id() + " is at " + step + "; its next action is " + step.completedBy());
        }
        FollowUpStep next = switch (action.name()) {
          case PLANNED -> step;
          case RECTIFIED_AT_ONCE -> FollowUpStep.CLOSED;
          default -> step.next();
        };
        record(ledger, action);
        yield Future.succeededFuture(with(c, next, c.appeal(), next == FollowUpStep.CLOSED ? now : null, ledger, c.reopened()));
      }
    };
  }

  private static void requireNoPendingAppeal(Case c) {
    if ("PENDING".equals(c.appeal())) {
      throw DomainException.conflict("APPEAL_PENDING", "case " + c.id() + " waits for its appeal to be reviewed");
    }
  }

  private static void requireStep(Case c, FollowUpStep step, String action) {
    if (c.step() != step) {
      throw DomainException.conflict("WRONG_STEP", "case " + c.id() + " is at " + c.step() + "; " + action + " belongs to " + step);
    }
  }

  /** What the step's action found or decided, kept on the case for the ledger. */
  private static void record(JsonObject ledger, Action action) {
    switch (action.name()) {
      case VERIFIED -> ledger.put("finding", action.finding());
      case PLANNED -> ledger.put("plan", action.plan().trim()).put("owner", action.owner().trim()).put("planDue", action.dueDate().toString());
      case RECTIFIED_AT_ONCE -> ledger.put("rectifiedAtOnce", true);
      case FED_BACK -> ledger.put("reply", blankToNull(action.note()));
      case REVISITED -> ledger.put("reached", action.reached()).put("satisfied", action.satisfied());
      default -> { }
    }
  }

  private static Case with(Case c, FollowUpStep step, String appeal, Instant closedAt, JsonObject ledger, int reopened) {
    return new Case(c.id(), c.ticketId(), c.number(), c.serviceCode(), c.counterNo(), c.clerk(), c.score(), c.openedAt(), c.deadline(),
        step, appeal, closedAt, ledger, reopened);
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
        .put("overdue", c.overdue(today))
        .put("ledger", c.ledger())
        .put("reopened", c.reopened());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
