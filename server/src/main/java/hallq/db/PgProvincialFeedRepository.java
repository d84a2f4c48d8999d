package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox of the provincial 好差评 feed. Due times are the database's clock: retries are the
 * feed's own business, apart from the hall's day.
 */
public final class PgProvincialFeedRepository {

  /** A record on its way: what to send, and how many times it was sent before. */
  public record Due(long id, String recordId, JsonObject record, int attempts) {}

  private static final String ADD = """
      INSERT INTO provincial_feed (hall_id, record_id, ticket_id, record, created_at)
      VALUES ($1, $2, $3, $4, $5)""";

  // A claimed record is due again only once its delivery has surely ended (the lease); SKIP LOCKED
  // lets several servers share the outbox without sending one record at once.
  private static final String CLAIM = """
      UPDATE provincial_feed f SET next_attempt_at = now() + $3::bigint * interval '1 millisecond'
       WHERE f.id IN (SELECT id FROM provincial_feed
                       WHERE hall_id = $1 AND acknowledged_at IS NULL AND next_attempt_at <= now()
                       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING f.id, f.record_id, f.record, f.attempts""";

  private static final String ACKNOWLEDGED = """
      UPDATE provincial_feed SET acknowledged_at = now(), attempts = attempts + 1, last_attempt_at = now(), last_error = NULL
       WHERE id = $1""";

  private static final String FAILED = """
      UPDATE provincial_feed SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
             next_attempt_at = now() + $3::bigint * interval '1 millisecond'
       WHERE id = $1""";

  private static final String RELEASE = "UPDATE provincial_feed SET next_attempt_at = now() WHERE id = ANY($1)";

  private static final String BACKLOG = """
      SELECT count(*) FILTER (WHERE acknowledged_at IS NULL) AS pending,
             count(*) FILTER (WHERE acknowledged_at IS NULL AND attempts > 0) AS failing,
             count(*) FILTER (WHERE acknowledged_at IS NOT NULL) AS acknowledged,
             min(created_at) FILTER (WHERE acknowledged_at IS NULL) AS oldest_pending,
             max(acknowledged_at) AS last_acknowledged
        FROM provincial_feed WHERE hall_id = $1""";

  private static final String FAILURES = """
      SELECT record_id, record->>'ticketNumber' AS number, record->>'serviceDay' AS service_day, created_at, attempts,
             last_attempt_at, last_error, next_attempt_at
        FROM provincial_feed WHERE hall_id = $1 AND acknowledged_at IS NULL AND attempts > 0
       ORDER BY created_at, id LIMIT $2""";

  private final String hallId;

  public PgProvincialFeedRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Adds a record to the outbox, in the caller's transaction (that of the rating it reports). */
  public Future<Void> add(SqlClient sql, JsonObject record, UUID ticketId, Instant createdAt) {
    return sql.preparedQuery(ADD)
        .execute(Tuple.of(hallId, record.getString("recordId"), ticketId, record, PgTicketRepository.time(createdAt)))
        .mapEmpty();
  }

  /** Up to {@code limit} due records, oldest first, kept from other senders for {@code lease}. */
  public Future<List<Due>> claim(SqlClient sql, int limit, Duration lease) {
    return sql.preparedQuery(CLAIM).execute(Tuple.of(hallId, limit, lease.toMillis())).map(rows -> {
      List<Due> due = new ArrayList<>();
      for (Row row : rows) {
        due.add(new Due(row.getLong("id"), row.getString("record_id"), (JsonObject) row.getValue("record"), row.getInteger("attempts")));
      }
      due.sort((a, b) -> Long.compare(a.id(), b.id()));
      return due;
    });
  }

  public Future<Void> acknowledged(SqlClient sql, long id) {
    return sql.preparedQuery(ACKNOWLEDGED).execute(Tuple.of(id)).mapEmpty();
  }

  /** A failed delivery: why, and when to try again. */
  public Future<Void> failed(SqlClient sql, long id, String error, Duration retryIn) {
    return sql.preparedQuery(FAILED).execute(Tuple.of(id, error, retryIn.toMillis())).mapEmpty();
  }

  /** Claimed records not tried after all: due again at once. */
  public Future<Void> release(SqlClient sql, List<Long> ids) {
    return ids.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(RELEASE).execute(Tuple.of(ids.toArray(Long[]::new))).mapEmpty();
  }

  /** How many records wait, fail or were taken, and the oldest waiting records that failed. */
  public Future<JsonObject> backlog(SqlClient sql, int failuresShown) {
    Future<JsonObject> counts = sql.preparedQuery(BACKLOG).execute(Tuple.of(hallId)).map(rows -> {
      Row row = rows.iterator().next();
      return new JsonObject()
          .put("pending", row.getLong("pending"))
          .put("failing", row.getLong("failing"))
          .put("acknowledged", row.getLong("acknowledged"))
          .put("oldestPendingAt", instant(row, "oldest_pending"))
          .put("lastAcknowledgedAt", instant(row, "last_acknowledged"));
    });
    Future<JsonArray> failures = sql.preparedQuery(FAILURES).execute(Tuple.of(hallId, failuresShown)).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row row : rows) {
        list.add(new JsonObject()
            .put("recordId", row.getString("record_id"))
            .put("number", row.getString("number"))
            .put("serviceDay", row.getString("service_day"))
            .put("createdAt", instant(row, "created_at"))
            .put("attempts", row.getInteger("attempts"))
            .put("lastAttemptAt", instant(row, "last_attempt_at"))
            .put("lastError", row.getString("last_error"))
            .put("nextAttemptAt", instant(row, "next_attempt_at")));
      }
      return list;
    });
    return Future.all(counts, failures).map(both -> counts.result().put("failures", failures.result()));
  }

  private static String instant(Row row, String column) {
    var time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant().toString();
  }
}
