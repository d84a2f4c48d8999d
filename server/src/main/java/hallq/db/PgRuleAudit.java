package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;

/** The audit of the queue rules managers change at run time ({@code rule_change}): what, before and after, who and when. */
public final class PgRuleAudit {
  /** What kind of rule changed; kept as text in {@code rule_change.kind}. */
  public enum Kind { PRIORITY_RULE, CLOSING_RULE, HALL_QUEUE_RULES, APPOINTMENT_RULE, NEAR_CALL_RULES, TIDAL_RULE }

  private static final String AUDIT = "INSERT INTO rule_change (hall_id, kind, subject, before, after, changed_by, changed_at) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7)";

  private static final String CHANGES = "SELECT kind, subject, before, after, changed_by, changed_at FROM rule_change "
      + "WHERE hall_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2";

  private final String hallId;

  public PgRuleAudit(String hallId) {
    this.hallId = hallId;
  }

  /** Keeps a change in the caller's transaction. */
  public Future<Void> record(SqlClient sql, Kind kind, String subject, JsonObject before, JsonObject after, String by, Instant at) {
    return sql.preparedQuery(AUDIT)
        .execute(Tuple.from(List.of(hallId, kind.name(), subject, before, after, by, PgTicketRepository.time(at))))
        .mapEmpty();
  }

  /** The latest changes of every kind, newest first. */
  public Future<JsonArray> changes(SqlClient sql, int limit) {
    return sql.preparedQuery(CHANGES).execute(Tuple.of(hallId, limit)).map(rows -> {
      JsonArray changes = new JsonArray();
      for (Row row : rows) {
        changes.add(new JsonObject().put("kind", row.getString("kind")).put("subject", row.getString("subject"))
            .put("before", row.getJsonObject("before")).put("after", row.getJsonObject("after"))
            .put("changedBy", row.getString("changed_by")).put("changedAt", row.getOffsetDateTime("changed_at").toInstant().toString()));
      }
      return changes;
    });
  }
}
