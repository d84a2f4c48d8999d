package hallq.queue;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.QueueRules;
import hallq.db.PgHallQueueRuleRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** The hall's queue rules (recall limit, park limit, 过号重排), as configured or as a manager changed them (audited). */
public final class HallQueueRules {
  private final Pool pool;
  private final HallClock clock;
  private final PgHallQueueRuleRepository rules;

  public HallQueueRules(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.clock = clock;
    this.rules = new PgHallQueueRuleRepository(config.hall().id());
  }

  public Future<JsonObject> described() {
    return pool.withConnection(rules::described);
  }

  /** A manager sets all the hall's rules; the change and the rules before it are kept in the audit. */
  public Future<JsonObject> set(JsonObject given, String by) {
    QueueRules set = QueueRules.fromJson(given);
    return pool.withTransaction(sql -> rules.set(sql, set, by, clock.now())).map(v -> new JsonObject().put("rules", set.toJson()));
  }
}
