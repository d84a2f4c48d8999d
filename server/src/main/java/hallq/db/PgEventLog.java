package hallq.db;

import hallq.push.QueueEvent;
import hallq.queue.EventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends to {@code ticket_event} in the caller's transaction and announces the new id on the
 * {@code hallq_event} channel, which PostgreSQL delivers only if that transaction commits.
 *
 * <p>Before the insert the transaction takes a per-hall advisory lock, held until it commits. Event
 * ids are therefore handed out in commit order, so a reader that has seen id n has seen every
 * committed event below n, and "everything after my last id" never skips one.
 */
public final class PgEventLog {
  public static final String CHANNEL = "hallq_event";

  private static final String SERIALIZE = "SELECT pg_advisory_xact_lock(hashtext('hallq_event:' || $1))";

  private static final String APPEND = """
      WITH e AS (
        INSERT INTO ticket_event (hall_id, ticket_id, type, at, counter_no, actor, payload)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
      SELECT id, pg_notify('hallq_event', id::text) FROM e""";

  private static final String FIND_AFTER = """
      SELECT id, type, ticket_id, counter_no, at, actor, payload FROM ticket_event
      WHERE hall_id = $1 AND id > $2 ORDER BY id LIMIT $3""";

  private static final String LATEST_ID = "SELECT coalesce(max(id), 0) FROM ticket_event WHERE hall_id = $1";

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
    return sql.preparedQuery(SERIALIZE)
        .execute(Tuple.of(hallId))
        .compose(locked -> sql.preparedQuery(APPEND).execute(params))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Up to {@code limit} events after {@code afterId}, oldest first. */
  public Future<List<QueueEvent>> findAfter(SqlClient sql, long afterId, int limit) {
    return sql.preparedQuery(FIND_AFTER)
        .execute(Tuple.of(hallId, afterId, limit))
        .map(rows -> {
          List<QueueEvent> events = new ArrayList<>();
          for (Row row : rows) {
            UUID ticket = row.getUUID("ticket_id");
            events.add(new QueueEvent(row.getLong("id"), row.getString("type"), ticket == null ? null : ticket.toString(),
                row.getInteger("counter_no"), row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                (JsonObject) row.getValue("payload")));
          }
          return events;
        });
  }

  public Future<Long> latestId(SqlClient sql) {
    return sql.preparedQuery(LATEST_ID).execute(Tuple.of(hallId)).map(rows -> rows.iterator().next().getLong(0));
  }
}
