package hallq.db;

import hallq.queue.EventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends to {@code ticket_event} in the caller's transaction and announces the new id on the
 * {@code hallq_event} channel, which PostgreSQL delivers only if that transaction commits.
 */
public final class PgEventLog {
  public static final String CHANNEL = "hallq_event";

  private static final String APPEND = """
      WITH e AS (
        INSERT INTO ticket_event (hall_id, ticket_id, type, at, counter_no, actor, payload)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
      SELECT id, pg_notify('hallq_event', id::text) FROM e""";

  private final String hallId;

  public PgEventLog(String hallId) {
    this.hallId = hallId;
  }

  public Future<Long> append(SqlClient sql, EventType type, UUID ticketId, Integer counterNo, String actor,
      Instant at, JsonObject payload) {
    Tuple params = Tuple.tuple()
        .addString(hallId)
        .addUUID(ticketId)
        .addString(type.name())
        .addOffsetDateTime(PgTicketRepository.time(at))
        .addInteger(counterNo)
        .addString(actor)
        .addValue(payload);
    return sql.preparedQuery(APPEND).execute(params).map(rows -> rows.iterator().next().getLong("id"));
  }
}
