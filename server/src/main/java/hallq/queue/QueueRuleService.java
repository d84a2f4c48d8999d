package hallq.queue;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgQueueRuleRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * The queue rules, as configured or as a manager changed them at run time (every change audited): each
 * service's {@link PriorityRule} and the hall's {@link HallqConfig.QueueRules}.
 */
public final class QueueRuleService {
  static final int CHANGES_SHOWN = 200;

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgQueueRuleRepository rules;

  public QueueRuleService(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.rules = new PgQueueRuleRepository(config.hall().id());
  }

  public Future<JsonObject> all() {
    return pool.withConnection(sql -> Future.all(rules.hallRules(sql), rules.all(sql)))
        .map(both -> new JsonObject().put("hall", both.resultAt(0)).put("services", both.resultAt(1)));
  }

  /** A manager sets the hall's rules (all of them); the change and the rules before it are kept in the audit. */
  public Future<JsonObject> setHall(JsonObject given, String by) {
    HallqConfig.QueueRules hall = HallqConfig.QueueRules.fromJson(given);
    return pool.withTransaction(sql -> rules.setHallRules(sql, hall, by, clock.now())).map(v -> new JsonObject().put("rules", hall.toJson()));
  }

  /** A manager sets a service's rule; the change and the rule before it are kept in the audit. */
  public Future<JsonObject> set(String serviceCode, JsonObject given, String by) {
    if (config.serviceType(serviceCode).isEmpty()) {
      throw DomainException.notFound("SERVICE_NOT_FOUND", "serviceCode: no service type '" + serviceCode + "'");
    }
    PriorityRule rule = PriorityRule.fromJson(given);
    return pool.withTransaction(sql -> rules.lock(sql, serviceCode).compose(before -> {
      PriorityRule old = before.orElseThrow(() -> DomainException.notFound("SERVICE_NOT_FOUND", "serviceCode: no rule for '" + serviceCode + "'"));
      return old.equals(rule) ? Future.succeededFuture() : rules.set(sql, serviceCode, old, rule, by, clock.now());
    })).map(v -> new JsonObject().put("serviceCode", serviceCode).put("rule", rule.toJson()));
  }

  /** The latest changes of queue rules, newest first. */
  public Future<JsonObject> changes() {
    return pool.withConnection(sql -> rules.changes(sql, CHANGES_SHOWN)).map(changes -> new JsonObject().put("changes", changes));
  }
}
