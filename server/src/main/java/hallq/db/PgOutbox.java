package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An outbox table: rows written in the transaction of what they report, taken by a sender until the
 * receiver acknowledges them. Every outbox table has {@code id, hall_id, created_at, attempts,
 * next_attempt_at, last_attempt_at, last_error, acknowledged_at}; the rest is its payload. Due times
 * are the database's clock: retries are the outbox's own business, apart from the hall's day.
 *
 * @param <T> what a row carries to its receiver
 */
public final class PgOutbox<T> {

  /** A row on its way: what to send, and how many times it was sent before. */
  public record Due<T>(long id, T payload, int attempts) {}

  private final String hallId;
  private final Function<Row, T> payload;
  private final String claim;
  private final String acknowledged;
  private final String failed;
  private final String release;
  private final String backlog;

  /**
   * @param table   the outbox table (a constant of the caller, never input)
   * @param columns the payload columns the sender needs, read by {@code payload}
   */
  public PgOutbox(String hallId, String table, String columns, Function<Row, T> payload) {
    this.hallId = hallId;
    this.payload = payload;
    // A claimed row is due again only once its delivery has surely ended (the lease); SKIP LOCKED
    // lets several servers share the outbox without sending one row at once.
    this.claim = """
        UPDATE %1$s f SET next_attempt_at = now() + $3::bigint * interval '1 millisecond'
         WHERE f.id IN (SELECT id FROM %1$s
                         WHERE hall_id = $1 AND acknowledged_at IS NULL AND next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING f.id, f.attempts, %2$s""".formatted(table, columns);
    this.acknowledged = """
        UPDATE %s SET acknowledged_at = now(), attempts = attempts + 1, last_attempt_at = now(), last_error = NULL
         WHERE id = $1""".formatted(table);
    this.failed = """
        UPDATE %s SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
               next_attempt_at = now() + $3::bigint * interval '1 millisecond'
         WHERE id = $1""".formatted(table);
    this.release = "UPDATE %s SET next_attempt_at = now() WHERE id = ANY($1)".formatted(table);
    this.backlog = """
        SELECT count(*) FILTER (WHERE acknowledged_at IS NULL) AS pending,
               count(*) FILTER (WHERE acknowledged_at IS NULL AND attempts > 0) AS failing,
               count(*) FILTER (WHERE acknowledged_at IS NOT NULL) AS acknowledged,
               min(created_at) FILTER (WHERE acknowledged_at IS NULL) AS oldest_pending,
               max(acknowledged_at) AS last_acknowledged
          FROM %s WHERE hall_id = $1""".formatted(table);
  }

  /** Up to {@code limit} due rows, oldest first, kept from other senders for {@code lease}. */
  public Future<List<Due<T>>> claim(SqlClient sql, int limit, Duration lease) {
    return sql.preparedQuery(claim).execute(Tuple.of(hallId, limit, lease.toMillis())).map(rows -> {
      List<Due<T>> due = new ArrayList<>();
      for (Row row : rows) {
        due.add(new Due<>(row.getLong("id"), payload.apply(row), row.getInteger("attempts")));
      }
      due.sort((a, b) -> Long.compare(a.id(), b.id()));
      return due;
    });
  }

  public Future<Void> acknowledged(SqlClient sql, long id) {
    return sql.preparedQuery(acknowledged).execute(Tuple.of(id)).mapEmpty();
  }

  /** A failed delivery: why, and when to try again. */
  public Future<Void> failed(SqlClient sql, long id, String error, Duration retryIn) {
    return sql.preparedQuery(failed).execute(Tuple.of(id, error, retryIn.toMillis())).mapEmpty();
  }

  /** Claimed rows not tried after all: due again at once. */
  public Future<Void> release(SqlClient sql, List<Long> ids) {
    return ids.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(release).execute(Tuple.of(ids.toArray(Long[]::new))).mapEmpty();
  }

  /**
   * How many rows wait, fail or were taken, and as {@code failures} the failing rows {@code failuresSql}
   * (parameters: hall, limit) lists, each as {@code failure} shows it.
   */
  public Future<JsonObject> backlog(SqlClient sql, String failuresSql, int shown, Function<Row, JsonObject> failure) {
    Future<JsonObject> counts = counts(sql);
    Future<JsonArray> failures = sql.preparedQuery(failuresSql).execute(Tuple.of(hallId, shown)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(row -> list.add(failure.apply(row)
          .put("createdAt", instant(row, "created_at"))
          .put("attempts", row.getInteger("attempts"))
          .put("lastAttemptAt", instant(row, "last_attempt_at"))
          .put("lastError", row.getString("last_error"))
          .put("nextAttemptAt", instant(row, "next_attempt_at"))));
      return list;
    });
    return Future.all(counts, failures).map(both -> counts.result().put("failures", failures.result()));
  }

  private Future<JsonObject> counts(SqlClient sql) {
    return sql.preparedQuery(backlog).execute(Tuple.of(hallId)).map(rows -> {
      Row row = rows.iterator().next();
      return new JsonObject()
          .put("pending", row.getLong("pending"))
          .put("failing", row.getLong("failing"))
          .put("acknowledged", row.getLong("acknowledged"))
          .put("oldestPendingAt", instant(row, "oldest_pending"))
          .put("lastAcknowledgedAt", instant(row, "last_acknowledged"));
    });
  }

  private static String instant(Row row, String column) {
    var time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant().toString();
  }
}
