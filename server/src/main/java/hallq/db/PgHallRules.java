package hallq.db;

import hallq.config.HallqConfig.NearCall;
import hallq.config.HallqConfig.QueueRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.function.Function;

/**
 * A set of the hall's rules kept as one JSON row ({@code hall_id, rules, edited_by, edited_at}): from
 * config until a manager changes them, every change audited.
 *
 * @param <T> the rules' type, written and read as JSON
 */
public final class PgHallRules<T> {
  private final String hallId;
  private final PgRuleAudit audit;
  private final PgRuleAudit.Kind kind;
  private final Function<JsonObject, T> fromJson;
  private final Function<T, JsonObject> toJson;
  private final String fromConfig;
  private final String rules;
  private final String lock;
  private final String set;

  private PgHallRules(String hallId, String table, PgRuleAudit.Kind kind, Function<JsonObject, T> fromJson, Function<T, JsonObject> toJson) {
    this.hallId = hallId;
    this.audit = new PgRuleAudit(hallId);
    this.kind = kind;
    this.fromJson = fromJson;
    this.toJson = toJson;
    this.fromConfig = """
        INSERT INTO %1$s (hall_id, rules) VALUES ($1, $2)
        ON CONFLICT (hall_id) DO UPDATE SET rules = EXCLUDED.rules WHERE %1$s.edited_by IS NULL""".formatted(table);
    this.rules = "SELECT rules, edited_by, edited_at FROM %s WHERE hall_id = $1".formatted(table);
    this.lock = rules + " FOR UPDATE";
    this.set = "UPDATE %s SET rules = $2, edited_by = $3, edited_at = $4 WHERE hall_id = $1".formatted(table);
  }

  /** The hall's queue rules (recall limit, park limit, 过号重排). */
  public static PgHallRules<QueueRules> queueRules(String hallId) {
    return new PgHallRules<>(hallId, "hall_queue_rules", PgRuleAudit.Kind.HALL_QUEUE_RULES, QueueRules::fromJson, QueueRules::toJson);
  }

  /** The hall's near-call rule (到号提醒). */
  public static PgHallRules<NearCall> nearCall(String hallId) {
    return new PgHallRules<>(hallId, "near_call_rules", PgRuleAudit.Kind.NEAR_CALL_RULES, NearCall::fromJson, NearCall::toJson);
  }

  /** Reads rules as a manager gives them; a wrong field is refused by name. */
  public T fromJson(JsonObject json) {
    return fromJson.apply(json);
  }

  public JsonObject toJson(T rules) {
    return toJson.apply(rules);
  }

  /** The configured rules, unless a manager has changed them. */
  public Future<Void> syncFromConfig(SqlClient sql, T configured) {
    return sql.preparedQuery(fromConfig).execute(Tuple.of(hallId, toJson.apply(configured))).mapEmpty();
  }

  /** The rules with who last changed them (null: as configured). */
  public Future<JsonObject> described(SqlClient sql) {
    return sql.preparedQuery(rules).execute(Tuple.of(hallId)).map(rows -> {
      Row row = rows.iterator().next();
      var at = row.getOffsetDateTime("edited_at");
      return new JsonObject().put("rules", row.getJsonObject("rules")).put("editedBy", row.getString("edited_by"))
          .put("editedAt", at == null ? null : at.toInstant().toString());
    });
  }

  /** The rules as they are now. */
  public Future<T> current(SqlClient sql) {
    return sql.preparedQuery(rules).execute(Tuple.of(hallId)).map(rows -> fromJson.apply(rows.iterator().next().getJsonObject("rules")));
  }

  /** Sets the rules and keeps the change in the audit, in the caller's transaction; the same rules again change nothing. */
  public Future<Void> set(SqlClient sql, T after, String by, Instant at) {
    return sql.preparedQuery(lock).execute(Tuple.of(hallId)).compose(rows -> {
      T before = fromJson.apply(rows.iterator().next().getJsonObject("rules"));
      if (before.equals(after)) {
        return Future.succeededFuture();
      }
      Future<?> changed = sql.preparedQuery(set).execute(Tuple.of(hallId, toJson.apply(after), by, PgTicketRepository.time(at)));
      Future<Void> audited = audit.record(sql, kind, hallId, toJson.apply(before), toJson.apply(after), by, at);
      return Future.all(changed, audited).mapEmpty();
    });
  }
}
