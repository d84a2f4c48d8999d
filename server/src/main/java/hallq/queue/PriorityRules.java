package hallq.queue;

import hallq.config.HallqConfig;
import hallq.db.PgPriorityRuleRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** Each service's {@link PriorityRule}, as configured or as a manager changed it at run time (every change audited). */
public final class PriorityRules {
  static final int CHANGES_SHOWN = 200;

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgPriorityRuleRepository rules;

  public PriorityRules(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.rules = new PgPriorityRuleRepository(config.hall().id());
  }

  public Future<JsonObject> all() {
    return pool.withConnection(sql -> rules.all(sql)).map(all -> new JsonObject().put("services", all));
  }

  /** A manager sets a service's rule; the change and the rule before it are kept in the audit. */
  public Future<JsonObject> set(String serviceCode, JsonObject given, String by) {
    return ServiceRuleChange.apply(pool, config, clock, rules, serviceCode, () -> PriorityRule.fromJson(given), by)
        .map(rule -> new JsonObject().put("serviceCode", serviceCode).put("rule", rule.toJson()));
  }

  /** The latest changes of queue rules, newest first. */
  public Future<JsonObject> changes() {
    return pool.withConnection(sql -> rules.changes(sql, CHANGES_SHOWN)).map(changes -> new JsonObject().put("changes", changes));
  }
}
