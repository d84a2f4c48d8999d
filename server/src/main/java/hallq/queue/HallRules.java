package hallq.queue;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.NearCall;
import hallq.config.HallqConfig.QueueRules;
import hallq.db.PgHallRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * A set of the hall's rules as configured or as a manager changed them (audited): the queue rules
 * (recall limit, park limit, 过号重排) or the near-call rule (到号提醒).
 *
 * @param <T> the rules' type
 */
public final class HallRules<T> {
  private final Pool pool;
  private final HallClock clock;
  private final PgHallRules<T> rules;

  private HallRules(Pool pool, HallClock clock, PgHallRules<T> rules) {
    this.pool = pool;
    this.clock = clock;
    this.rules = rules;
  }

  public static HallRules<QueueRules> queue(Pool pool, HallqConfig config, HallClock clock) {
    return new HallRules<>(pool, clock, PgHallRules.queueRules(config.hall().id()));
  }

  public static HallRules<NearCall> nearCall(Pool pool, HallqConfig config, HallClock clock) {
    return new HallRules<>(pool, clock, PgHallRules.nearCall(config.hall().id()));
  }

  public Future<JsonObject> described() {
    return pool.withConnection(rules::described);
  }

  /** A manager sets all these rules; the change and the rules before it are kept in the audit. */
  public Future<JsonObject> set(JsonObject given, String by) {
    T set = rules.fromJson(given);
    return pool.withTransaction(sql -> rules.set(sql, set, by, clock.now())).map(v -> new JsonObject().put("rules", rules.toJson(set)));
  }
}
