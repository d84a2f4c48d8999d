package hallq.db;

import hallq.push.PushAddresses;
import hallq.push.QueueEvent;
import hallq.queue.EventType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The hall's event log, {@code ticket_event}. A writer appends in its own transaction, taking no
 * lock; when that transaction commits, this server's {@link hallq.push.EventFeed} hears of it on the
 * local event bus. (A NOTIFY in the writing transaction would serialise every commit of the database
 * behind PostgreSQL's notification-queue lock, held through the WAL flush.)
 *
 * <p>Push clients need an order in which "everything after n" never skips an event, and row ids
 * do not give one: a transaction holding id 7 may commit after the one holding id 8. So committed
 * events get a <em>position</em> afterwards, by {@link #positionNew}: one positioner at a time per
 * hall (an advisory lock) numbers every committed, unpositioned event after the largest position.
 * An event that commits later is positioned later, so positions only grow in the order readers can
 * see them. Writers never wait for each other's commits. The positioner announces new positions on
 * the {@code hallq_event} channel, which every server LISTENs to.
 */
public final class PgEventLog {
  public static final String CHANNEL = "hallq_event";

  private static final String APPEND = """
      INSERT INTO ticket_event (hall_id, ticket_id, type, at, counter_no, actor, payload)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

  private static final String ONE_POSITIONER_TX = "SELECT pg_advisory_xact_lock(hashtext('hallq_event:' || $1))";
  private static final String ONE_POSITIONER_SESSION = "SELECT pg_advisory_lock(hashtext('hallq_event:' || $1))";
  private static final String END_POSITIONER_SESSION = "SELECT pg_advisory_unlock(hashtext('hallq_event:' || $1))";

  private static final String POSITION_NEW = """
      UPDATE ticket_event e SET position = n.position
      FROM (SELECT id, (SELECT coalesce(max(position), 0) FROM ticket_event WHERE hall_id = $1)
                       + row_number() OVER (ORDER BY id) AS position
            FROM ticket_event WHERE hall_id = $1 AND position IS NULL) n
      WHERE e.id = n.id""";

  private static final String ANNOUNCE = "SELECT pg_notify('hallq_event', $1)";

  private static final String FIND_AFTER = """
      SELECT position, type, ticket_id, counter_no, at, actor, payload FROM ticket_event
      WHERE hall_id = $1 AND position > $2 ORDER BY position LIMIT $3""";

  private static final String LATEST_POSITION = "SELECT coalesce(max(position), 0) FROM ticket_event WHERE hall_id = $1";

  private final String hallId;

  public PgEventLog(String hallId) {
    this.hallId = hallId;
  }

  /** An event to append. */
  public record NewEvent(EventType type, UUID ticketId, Integer counterNo, String actor, Instant at, JsonObject payload) {}

  /** Appends in the caller's transaction; returns the row id (not yet a position). */
  public Future<Long> append(SqlClient sql, EventType type, UUID ticketId, Integer counterNo, String actor,
      Instant at, JsonObject payload) {
    return appendAll(sql, List.of(new NewEvent(type, ticketId, counterNo, actor, at, payload))).map(ids -> ids.get(0));
  }

  /** Appends the events in one round trip, in the caller's transaction; returns their row ids in order. */
  public Future<List<Long>> appendAll(SqlClient sql, List<NewEvent> events) {
    List<Tuple> batch = events.stream()
        .map(e -> Tuple.tuple()
            .addString(hallId)
            .addUUID(e.ticketId())
            .addString(e.type().name())
            .addOffsetDateTime(PgTicketRepository.time(e.at()))
            .addInteger(e.counterNo())
            .addString(e.actor())
            .addValue(e.payload()))
        .toList();
    Future<List<Long>> appended = sql.preparedQuery(APPEND).executeBatch(batch).map(results -> {
      List<Long> ids = new ArrayList<>();
      for (RowSet<Row> rows = results; rows != null; rows = rows.next()) {
        ids.add(rows.iterator().next().getLong("id"));
      }
      return ids;
    });
    if (sql instanceof SqlConnection connection && connection.transaction() != null) {
      connection.transaction().completion().onSuccess(v -> announceCommit());
    } else {
      appended.onSuccess(ids -> announceCommit());
    }
    return appended;
  }

  /** Runs on the connection's context once the events are committed; off Vert.x (a test's own client) there is no one to tell. */
  private void announceCommit() {
    Context context = Vertx.currentContext();
    if (context != null) {
      context.owner().eventBus().publish(PushAddresses.EVENTS_COMMITTED, hallId);
    }
  }

  /**
   * Positions every committed event that has none yet, in its own short transaction, and tells the
   * other servers when it did. Returns how many it positioned.
   */
  public Future<Integer> positionNew(Pool pool) {
    return pool.withTransaction(sql -> sql.preparedQuery(ONE_POSITIONER_TX).execute(Tuple.of(hallId))
        .compose(locked -> positionAndAnnounce(sql)));
  }

  /** Positions what this transaction can see; if it positioned any, every server hears of it at commit. */
  private Future<Integer> positionAndAnnounce(SqlClient sql) {
    return sql.preparedQuery(POSITION_NEW).execute(Tuple.of(hallId))
        .compose(updated -> updated.rowCount() == 0
            ? Future.succeededFuture(0)
            : sql.preparedQuery(ANNOUNCE).execute(Tuple.of(hallId)).map(updated.rowCount()));
  }

  /**
   * Runs {@code read} in a REPEATABLE READ transaction in which every visible event has a position,
   * and no positioner runs meanwhile: the last position it sees is exactly the last event its
   * picture reflects. The lock is taken before the snapshot (a session lock, released after).
   */
  public <T> Future<T> consistentRead(Pool pool, Function<SqlConnection, Future<T>> read) {
    return pool.withConnection(conn -> conn.preparedQuery(ONE_POSITIONER_SESSION).execute(Tuple.of(hallId))
        .compose(locked -> conn.begin()
            .compose(tx -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
                .compose(v -> positionAndAnnounce(conn))
                .compose(v -> read.apply(conn))
                .compose(result -> tx.commit().map(result), e -> tx.rollback().transform(v -> Future.<T>failedFuture(e)))))
        // A connection that cannot say it released the lock must not go back to the pool holding it.
        .eventually(() -> conn.preparedQuery(END_POSITIONER_SESSION).execute(Tuple.of(hallId))
            .onFailure(e -> conn.close())));
  }

  /** Up to {@code limit} positioned events after position {@code afterPosition}, in order. */
  public Future<List<QueueEvent>> findAfter(SqlClient sql, long afterPosition, int limit) {
    return sql.preparedQuery(FIND_AFTER)
        .execute(Tuple.of(hallId, afterPosition, limit))
        .map(rows -> {
          List<QueueEvent> events = new ArrayList<>();
          for (Row row : rows) {
            UUID ticket = row.getUUID("ticket_id");
            events.add(new QueueEvent(row.getLong("position"), row.getString("type"), ticket == null ? null : ticket.toString(),
                row.getInteger("counter_no"), row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                (JsonObject) row.getValue("payload")));
          }
          return events;
        });
  }

  /** The largest position handed out so far. */
  public Future<Long> latestPosition(SqlClient sql) {
    return sql.preparedQuery(LATEST_POSITION).execute(Tuple.of(hallId)).map(rows -> rows.iterator().next().getLong(0));
  }
}
