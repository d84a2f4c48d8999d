package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** 潮汐窗口: services assigned to counters for a period, and the tickets each assignment served. */
public final class PgCounterAssignmentRepository {
  private static final String COLUMNS = "a.id, a.counter_no, a.service_code, a.starts_at, a.ends_at, a.assigned_by, a.reason, a.ended_by, "
      + "(SELECT count(*) FROM ticket t WHERE t.assignment_id = a.id) AS called";

  private static final String ASSIGN = """
      INSERT INTO counter_assignment (hall_id, counter_no, service_code, starts_at, ends_at, assigned_by, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

  private static final String LOCK = "SELECT " + COLUMNS + " FROM counter_assignment a WHERE a.hall_id = $1 AND a.counter_no = $2 AND a.id = $3 FOR UPDATE";

  private static final String END = "UPDATE counter_assignment SET ends_at = $3, ended_by = $4 WHERE hall_id = $1 AND id = $2";

  /** Assignments in force now or that ended at most a day ago, newest first. */
  private static final String RECENT = "SELECT " + COLUMNS + " FROM counter_assignment a WHERE a.hall_id = $1 AND a.ends_at > $2 "
      + "ORDER BY a.starts_at DESC, a.id DESC";

  private final String hallId;

  public PgCounterAssignmentRepository(String hallId) {
    this.hallId = hallId;
  }

  public Future<Long> assign(SqlClient sql, int counterNo, String serviceCode, Instant from, Instant until, String by, String reason) {
    return sql.preparedQuery(ASSIGN)
        .execute(Tuple.from(List.of(hallId, counterNo, serviceCode, PgTicketRepository.time(from), PgTicketRepository.time(until), by,
            reason == null ? "" : reason)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Optional<JsonObject>> lock(SqlClient sql, int counterNo, long id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, counterNo, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next())));
  }

  public Future<Void> end(SqlClient sql, long id, Instant at, String by) {
    return sql.preparedQuery(END).execute(Tuple.of(hallId, id, PgTicketRepository.time(at), by)).mapEmpty();
  }

  public Future<JsonArray> endingAfter(SqlClient sql, Instant since) {
    return sql.preparedQuery(RECENT).execute(Tuple.of(hallId, PgTicketRepository.time(since))).map(rows -> {
      JsonArray all = new JsonArray();
      rows.forEach(row -> all.add(toJson(row)));
      return all;
    });
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("counterNo", row.getInteger("counter_no"))
        .put("serviceCode", row.getString("service_code"))
        .put("startsAt", row.getOffsetDateTime("starts_at").toInstant().toString())
        .put("endsAt", row.getOffsetDateTime("ends_at").toInstant().toString())
        .put("assignedBy", row.getString("assigned_by"))
        .put("reason", row.getString("reason"))
        .put("endedBy", row.getString("ended_by"))
        .put("called", row.getLong("called"));
  }
}
