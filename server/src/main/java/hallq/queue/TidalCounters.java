package hallq.queue;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgCounterAssignmentRepository;
import hallq.db.PgCounterRepository;
import hallq.db.PgEventLog;
import hallq.db.PgTidalRuleRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;

/**
 * 潮汐窗口 (弹性窗口): when a service's line grows, a manager, or the service's automatic rule when its
 * queue-length alert fires, adds the service to chosen counters for a period. The counter calls it
 * first while the assignment lasts; its console and screens follow through the live stream
 * ({@code COUNTER_SERVICES_CHANGED}); tickets it calls for that service name the assignment.
 */
public final class TidalCounters {
  public static final int MIN_MINUTES = 5;
  public static final int MAX_MINUTES = 480;
  static final String AUTO = "auto";

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgCounterAssignmentRepository assignments;
  private final PgCounterRepository counters;
  private final PgEventLog events;
  private final PgTidalRuleRepository rules;

  public TidalCounters(Pool pool, HallqConfig config, HallClock clock) {
    String hallId = config.hall().id();
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.assignments = new PgCounterAssignmentRepository(hallId);
    this.counters = new PgCounterRepository(hallId);
    this.events = new PgEventLog(hallId);
    this.rules = new PgTidalRuleRepository(hallId);
  }

  /** A manager adds a service to a counter for {@code minutes}. */
  public Future<JsonObject> assign(int counterNo, String serviceCode, int minutes, String reason, String by) {
    if (config.serviceType(serviceCode).isEmpty()) {
      throw DomainException.invalid("serviceCode", "unknown service type '" + serviceCode + "'");
    }
    if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
      throw DomainException.invalid("minutes", "must be from " + MIN_MINUTES + " to " + MAX_MINUTES);
    }
    return pool.withTransaction(sql -> counters.lock(sql, counterNo, clock.now()).compose(counter -> {
      if (counter.services().contains(serviceCode)) {
        throw DomainException.conflict("ALREADY_SERVES", "counter " + counterNo + " already calls " + serviceCode);
      }
      return assign(sql, counterNo, serviceCode, minutes, reason, by);
    }));
  }

  /** The service's automatic rule, in the alert's transaction: its counters that do not call it yet take it on. */
  public Future<Void> onQueueTooLong(SqlConnection sql, String serviceCode) {
    return rules.of(sql, serviceCode).compose(rule -> {
      Future<Void> chain = Future.succeededFuture();
      for (int counterNo : rule.counters()) {
        chain = chain.compose(v -> counters.lock(sql, counterNo, clock.now())).compose(counter -> counter.services().contains(serviceCode)
            ? Future.succeededFuture()
            : assign(sql, counterNo, serviceCode, rule.minutes(), "排队过长自动增开 / queue too long", AUTO).mapEmpty());
      }
      return chain;
    });
  }

  /** A manager changes a service's automatic rule at run time; the change is audited. */
  public Future<JsonObject> setRule(String serviceCode, JsonObject given, String by) {
    return ServiceRuleChange.apply(pool, config, clock, rules, serviceCode, () -> ownCounters(TidalRule.fromJson(given)), by)
        .map(rule -> new JsonObject().put("serviceCode", serviceCode).put("tidal", rule.toJson()));
  }

  private TidalRule ownCounters(TidalRule rule) {
    for (int counterNo : rule.counters()) {
      if (config.counter(counterNo).isEmpty()) {
        throw DomainException.invalid("counters", "the hall has no counter " + counterNo);
      }
    }
    return rule;
  }

  /** A manager ends an assignment before its time. */
  public Future<JsonObject> end(int counterNo, long id, String by) {
    Instant now = clock.now();
    return pool.withTransaction(sql -> assignments.lock(sql, counterNo, id).compose(found -> {
      JsonObject assignment = found.orElseThrow(() -> DomainException.notFound("ASSIGNMENT_NOT_FOUND",
          "assignmentId: counter " + counterNo + " has no assignment " + id));
      if (!Instant.parse(assignment.getString("endsAt")).isAfter(now)) {
        throw DomainException.conflict("ASSIGNMENT_ENDED", "assignment " + id + " ended at " + assignment.getString("endsAt"));
      }
      JsonObject ended = assignment.put("endsAt", now.toString()).put("endedBy", by);
      return assignments.end(sql, id, now, by)
          .compose(v -> events.append(sql, EventType.COUNTER_SERVICES_CHANGED, null, counterNo, by, now, ended))
          .map(v -> ended);
    }));
  }

  /** Assignments in force now ({@code active}) and those ended within the last day, newest first, each with the tickets it called. */
  public Future<JsonObject> recent() {
    Instant now = clock.now();
    return pool.withConnection(sql -> assignments.endingAfter(sql, now.minus(Duration.ofDays(1)))).map(all -> {
      all.forEach(a -> ((JsonObject) a).put("active", Instant.parse(((JsonObject) a).getString("endsAt")).isAfter(now)));
      return new JsonObject().put("assignments", all);
    });
  }

  private Future<JsonObject> assign(SqlConnection sql, int counterNo, String serviceCode, int minutes, String reason, String by) {
    Instant now = clock.now();
    Instant until = now.plus(Duration.ofMinutes(minutes));
    return assignments.assign(sql, counterNo, serviceCode, now, until, by, reason).compose(id -> {
      JsonObject assignment = new JsonObject().put("id", id).put("counterNo", counterNo).put("serviceCode", serviceCode)
          .put("startsAt", now.toString()).put("endsAt", until.toString()).put("assignedBy", by).put("reason", reason);
      return events.append(sql, EventType.COUNTER_SERVICES_CHANGED, null, counterNo, by, now, assignment).map(v -> assignment);
    });
  }
}
