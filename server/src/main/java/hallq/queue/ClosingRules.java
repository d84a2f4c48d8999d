package hallq.queue;

import hallq.config.HallqConfig;
import hallq.db.PgClosingRuleRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** Each service's {@link ClosingRule}, as configured or as a manager changed it at run time (every change audited). */
public final class ClosingRules {
  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgClosingRuleRepository rules;

  public ClosingRules(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.rules = new PgClosingRuleRepository(config.hall().id());
  }

  /** A manager sets a service's rule; it applies at the next closing. The change and the rule before it are audited. */
  public Future<JsonObject> set(String serviceCode, JsonObject given, String by) {
    return ServiceRuleChange.apply(pool, config, clock, rules, serviceCode, () -> ClosingRule.fromJson(given), by)
        .map(rule -> new JsonObject().put("serviceCode", serviceCode).put("closingRule", rule.toJson()));
  }
}
