package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** The outbox of the provincial 好差评 feed ({@link PgOutbox}): one record per rating. */
public final class PgProvincialFeedRepository {

  /** A record to send: the platform's key for it, and the record. */
  public record Record(String recordId, JsonObject record) {}

  private static final String ADD = """
      INSERT INTO provincial_feed (hall_id, record_id, ticket_id, record, created_at)
      VALUES ($1, $2, $3, $4, $5)""";

  private static final String FAILURES = """
      SELECT record_id, record->>'ticketNumber' AS number, record->>'serviceDay' AS service_day, created_at, attempts,
             last_attempt_at, last_error, next_attempt_at
        FROM provincial_feed WHERE hall_id = $1 AND acknowledged_at IS NULL AND attempts > 0
       ORDER BY created_at, id LIMIT $2""";

  private final String hallId;
  private final PgOutbox<Record> outbox;

  public PgProvincialFeedRepository(String hallId) {
    this.hallId = hallId;
    this.outbox = new PgOutbox<>(hallId, "provincial_feed", "f.record_id, f.record",
        row -> new Record(row.getString("record_id"), (JsonObject) row.getValue("record")));
  }

  /** The outbox the sender works through. */
  public PgOutbox<Record> outbox() {
    return outbox;
  }

  /** Adds a record to the outbox, in the caller's transaction (that of the rating it reports). */
  public Future<Void> add(SqlClient sql, JsonObject record, UUID ticketId, Instant createdAt) {
    return sql.preparedQuery(ADD)
        .execute(Tuple.of(hallId, record.getString("recordId"), ticketId, record, PgTicketRepository.time(createdAt)))
        .mapEmpty();
  }

  /** How many records wait, fail or were taken, and the oldest waiting records that failed. */
  public Future<JsonObject> backlog(SqlClient sql, int failuresShown) {
    return outbox.backlog(sql, FAILURES, failuresShown, row -> new JsonObject()
        .put("recordId", row.getString("record_id"))
        .put("number", row.getString("number"))
        .put("serviceDay", row.getString("service_day")));
  }
}
