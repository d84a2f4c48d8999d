package hallq.db;

import hallq.config.HallqConfig.QueueRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** The hall's {@link QueueRules}: from config until a manager changes them, every change audited. */
public final class PgHallQueueRuleRepository {
  private static final String FROM_CONFIG = """
      INSERT INTO hall_queue_rules (hall_id, rules) VALUES ($1, $2)
      ON CONFLICT (hall_id) DO UPDATE SET rules = EXCLUDED.rules WHERE hall_queue_rules.edited_by IS NULL""";

  private static final String RULES = "SELECT rules, edited_by, edited_at FROM hall_queue_rules WHERE hall_id = $1";

  private static final String LOCK = RULES + " FOR UPDATE";

  private static final String SET = "UPDATE hall_queue_rules SET rules = $2, edited_by = $3, edited_at = $4 WHERE hall_id = $1";

  private final String hallId;
  private final PgRuleAudit audit;

  public PgHallQueueRuleRepository(String hallId) {
    this.hallId = hallId;
    this.audit = new PgRuleAudit(hallId);
  }

  /** The configured rules, unless a manager has changed them. */
  public Future<Void> syncFromConfig(SqlClient sql, QueueRules configured) {
    return sql.preparedQuery(FROM_CONFIG).execute(Tuple.of(hallId, configured.toJson())).mapEmpty();
  }

  /** The rules with who last changed them (null: as configured). */
  public Future<JsonObject> described(SqlClient sql) {
    return sql.preparedQuery(RULES).execute(Tuple.of(hallId)).map(rows -> {
      Row row = rows.iterator().next();
      var at = row.getOffsetDateTime("edited_at");
      return new JsonObject().put("rules", row.getJsonObject("rules")).put("editedBy", row.getString("edited_by"))
          .put("editedAt", at == null ? null : at.toInstant().toString());
    });
  }

  /** The rules as they are now: what a recall, a park or a requeue goes by. */
  public Future<QueueRules> current(SqlClient sql) {
    return sql.preparedQuery(RULES).execute(Tuple.of(hallId)).map(rows -> QueueRules.fromJson(rows.iterator().next().getJsonObject("rules")));
  }

  /** Sets the rules and keeps the change in the audit, in the caller's transaction; the same rules again change nothing. */
  public Future<Void> set(SqlClient sql, QueueRules after, String by, Instant at) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId)).compose(rows -> {
      QueueRules before = QueueRules.fromJson(rows.iterator().next().getJsonObject("rules"));
      if (before.equals(after)) {
        return Future.succeededFuture();
      }
      Future<?> set = sql.preparedQuery(SET).execute(Tuple.of(hallId, after.toJson(), by, PgTicketRepository.time(at)));
      Future<Void> audited = audit.record(sql, PgRuleAudit.Kind.HALL_QUEUE_RULES, hallId, before.toJson(), after.toJson(), by, at);
      return Future.all(set, audited).mapEmpty();
    });
  }
}
