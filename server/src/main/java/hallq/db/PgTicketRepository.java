package hallq.db;

import hallq.queue.Ticket;
import hallq.queue.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/** Tickets in PostgreSQL. Every method runs on the connection it is given, inside the caller's transaction. */
public final class PgTicketRepository {

  /** The ticket columns, read through the alias {@code t}. */
  public static final String COLUMNS = "t.id, t.service_code, t.service_day, t.seq, t.number, t.priority, t.status, "
      + "t.counter_no, t.issued_at, t.queued_at, t.rank_at, t.called_at, t.started_at, t.ended_at, "
      + "t.recall_count, t.requeue_count, t.transferred_from, t.closed_reason, t.parked_at";

  private static final String TAKE_NUMBERS = """
      INSERT INTO ticket_sequence (hall_id, service_code, service_day, last_seq) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, service_code, service_day) DO UPDATE SET last_seq = ticket_sequence.last_seq + $4
      RETURNING last_seq""";

  private static final String LAST_NUMBERS = "SELECT service_code, last_seq FROM ticket_sequence WHERE hall_id = $1 AND service_day = $2";

  private static final String INSERT = """
      INSERT INTO ticket AS t (id, hall_id, service_code, service_day, seq, number, priority, status, counter_no,
        idempotency_key, issued_at, queued_at, rank_at, transferred_from, citizen_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
      RETURNING\s""" + COLUMNS;

  private static final String UPDATE = """
      UPDATE ticket t SET status = $3, counter_no = $4, queued_at = $5, rank_at = $6, called_at = $7,
        started_at = $8, ended_at = $9, recall_count = $10, requeue_count = $11, served_by = coalesce($12, served_by),
        parked_at = $13, outcome = coalesce($14, outcome)
      WHERE t.hall_id = $1 AND t.id = $2
      RETURNING\s""" + COLUMNS;

  private static final String FIND = "SELECT " + COLUMNS + " FROM ticket t WHERE t.hall_id = $1 AND t.id = $2";

  private static final String LOCK = FIND + " FOR UPDATE";

  /** Today's ticket of this number that may be called out of order: waiting, or parked (挂起). */
  private static final String LOCK_CALLABLE_BY_NUMBER = "SELECT " + COLUMNS + " FROM ticket t "
      + "WHERE t.hall_id = $1 AND t.service_day = $2 AND t.number = $3 AND t.status IN ('WAITING', 'PARKED') FOR UPDATE";

  /** The rank of the waiting ticket after {@code $5} others in one queue (a service's priority or walk-in tickets), in call order. */
  private static final String RANK_AFTER = """
      SELECT t.rank_at FROM ticket t
      WHERE t.hall_id = $1 AND t.service_day = $2 AND t.service_code = $3 AND t.status = 'WAITING' AND (t.priority IS NULL) = $4
      ORDER BY t.rank_at, t.seq, t.id OFFSET $5 LIMIT 1""";

  private static final String ATTRIBUTE = "UPDATE ticket SET assignment_id = $3 WHERE hall_id = $1 AND id = $2";

  private static final String PARKED = "SELECT " + COLUMNS + " FROM ticket t WHERE t.hall_id = $1 AND t.service_day = $2 "
      + "AND t.status = 'PARKED' AND t.service_code = ANY($3) ORDER BY t.parked_at, t.id";

  private static final String FIND_BY_IDEMPOTENCY_KEY =
      "SELECT " + COLUMNS + " FROM ticket t WHERE t.hall_id = $1 AND t.idempotency_key = $2";

  private static final String FIND_BY_IDEMPOTENCY_KEYS = "SELECT t.idempotency_key, " + COLUMNS
      // "IS NOT NULL" lets the planner use the partial index on keys; "= ANY($2)" alone does not prove it.
      + " FROM ticket t WHERE t.hall_id = $1 AND t.idempotency_key IS NOT NULL AND t.idempotency_key = ANY($2)";

  private static final String LOCK_AT_COUNTER = "SELECT " + COLUMNS + " FROM ticket t "
      + "WHERE t.hall_id = $1 AND t.counter_no = $2 AND t.status IN ('CALLED', 'SERVING') FOR UPDATE";

  private static final String TRANSFERRED_TO = "SELECT id FROM ticket WHERE hall_id = $1 AND transferred_from = $2";

  private static final String CITIZEN_KEY = "SELECT citizen_key FROM ticket WHERE hall_id = $1 AND id = $2";

  private static final String FIND_AT_COUNTERS = "SELECT " + COLUMNS + " FROM ticket t "
      + "WHERE t.hall_id = $1 AND t.status IN ('CALLED', 'SERVING')";

  private static final String LAST_UNRATED_FINISHED = "SELECT " + COLUMNS + " FROM ticket t "
      + "WHERE t.hall_id = $1 AND t.counter_no = $2 AND t.status = 'FINISHED' "
      + "AND NOT EXISTS (SELECT 1 FROM rating r WHERE r.ticket_id = t.id) ORDER BY t.ended_at DESC LIMIT 1";

  private static final String FINISHED_BY = """
      SELECT actor FROM ticket_event WHERE ticket_id = $1 AND type = 'SERVICE_FINISHED' ORDER BY id DESC LIMIT 1""";

  private static final String UNRATED_FINISHED = "SELECT " + COLUMNS + ", "
      + "(SELECT e.actor FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'SERVICE_FINISHED' ORDER BY e.id DESC LIMIT 1) AS finished_by "
      + "FROM ticket t WHERE t.hall_id = $1 AND t.status = 'FINISHED' AND t.ended_at >= $2 AND t.ended_at < $3 "
      + "AND NOT EXISTS (SELECT 1 FROM rating r WHERE r.ticket_id = t.id) ORDER BY t.ended_at, t.id LIMIT $4 FOR UPDATE OF t SKIP LOCKED";

  private static final String COUNTER_DAY = """
      SELECT count(*) AS finished,
        round(avg(extract(epoch FROM t.called_at - t.queued_at)))::bigint AS average_wait_seconds,
        round(avg(extract(epoch FROM t.ended_at - t.started_at)))::bigint AS average_service_seconds
      FROM ticket t
      WHERE t.hall_id = $1 AND t.counter_no = $2 AND t.service_day = $3 AND t.status = 'FINISHED'""";

  // Both read the waiting index in its own order, so a ticket's position costs what its queue ahead does, not the
  // whole day: "ahead" is one row comparison on the index's columns (priority first: false < true), and "is
  // anyone waiting for that service" the queue's head. (Written as EXISTS, the planner made it a hash of every
  // waiting ticket of the day, or a sequential scan past the day's served tickets.)
  private static final String AHEAD_AND_OPEN_COUNTERS = """
      SELECT
        (SELECT count(*) FROM ticket w
          WHERE w.hall_id = $1 AND w.service_day = $2 AND w.service_code = $3 AND w.status = 'WAITING'
            AND ((w.priority IS NULL), w.rank_at, w.seq, w.id) < (NOT $4, $5, $6, $7)) AS ahead,
        (SELECT coalesce(sum(1.0 / (SELECT count(*) FROM counter_service o
            WHERE o.hall_id = c.hall_id AND o.counter_no = c.counter_no AND o.position <= cs.position
              AND (o.service_code = $3 OR (SELECT q.seq FROM ticket q
                WHERE q.hall_id = $1 AND q.service_day = $2 AND q.service_code = o.service_code AND q.status = 'WAITING'
                ORDER BY (q.priority IS NULL), q.rank_at LIMIT 1) IS NOT NULL))), 0)::float8
          FROM counter c JOIN counter_service cs USING (hall_id, counter_no)
          WHERE c.hall_id = $1 AND cs.service_code = $3 AND c.active AND NOT c.paused) AS capacity""";

  private static final String RECENT_HANDLING_MINUTES = """
      SELECT service_code, extract(epoch FROM ended_at - called_at)::float8 / 60 AS minutes
      FROM (SELECT t.service_code, t.called_at, t.ended_at,
              row_number() OVER (PARTITION BY t.service_code ORDER BY t.ended_at DESC) AS recency
            FROM ticket t
            WHERE t.hall_id = $1 AND t.status = 'FINISHED' AND t.ended_at >= $2 AND t.called_at IS NOT NULL) recent
      WHERE recency <= $3""";

  private final String hallId;

  public PgTicketRepository(String hallId) {
    this.hallId = hallId;
  }

  /** A ticket to insert, with the secret of its QR link and the kiosk's idempotency key (either may be null). */
  public record NewTicket(Ticket ticket, String idempotencyKey, String citizenKey) {}

  /**
   * Takes the next {@code count} numbers of each service's sequence for the day, in one round trip,
   * and returns the last number taken of each. The sequence rows stay locked until commit; they are
   * taken in the order of {@code counts} (callers sort it, so two writers cannot deadlock).
   */
  public Future<Map<String, Integer>> takeNumbers(SqlClient sql, LocalDate day, SortedMap<String, Integer> counts) {
    List<Tuple> batch = counts.entrySet().stream().map(e -> Tuple.of(hallId, e.getKey(), day, e.getValue())).toList();
    return sql.preparedQuery(TAKE_NUMBERS).executeBatch(batch).map(results -> {
      Map<String, Integer> last = new HashMap<>();
      Iterator<String> services = counts.keySet().iterator();
      for (RowSet<Row> rows = results; rows != null; rows = rows.next()) {
        last.put(services.next(), rows.iterator().next().getInteger(0));
      }
      return last;
    });
  }

  /** The last number each service took on this day, as committed now (no lock: a check before the numbers are taken). */
  public Future<Map<String, Integer>> lastNumbers(SqlClient sql, LocalDate day) {
    return sql.preparedQuery(LAST_NUMBERS).execute(Tuple.of(hallId, day)).map(rows -> {
      Map<String, Integer> last = new HashMap<>();
      rows.forEach(row -> last.put(row.getString("service_code"), row.getInteger("last_seq")));
      return last;
    });
  }

  /** Inserts a ticket; {@code citizenKey} is the secret of its QR link. */
  public Future<Ticket> insert(SqlClient sql, Ticket t, String idempotencyKey, String citizenKey) {
    return insertAll(sql, List.of(new NewTicket(t, idempotencyKey, citizenKey))).map(inserted -> inserted.get(0));
  }

  /** Inserts the tickets in one round trip; returns them as stored, in the same order. */
  public Future<List<Ticket>> insertAll(SqlClient sql, List<NewTicket> rows) {
    List<Tuple> batch = rows.stream().map(this::insertParams).toList();
    return sql.preparedQuery(INSERT).executeBatch(batch).map(PgTicketRepository::eachSingle);
  }

  private Tuple insertParams(NewTicket row) {
    Ticket t = row.ticket();
    return Tuple.tuple()
        .addUUID(t.id())
        .addString(hallId)
        .addString(t.serviceCode())
        .addLocalDate(t.serviceDay())
        .addInteger(t.seq())
        .addString(t.number())
        .addString(t.priority())
        .addString(t.status().name())
        .addInteger(t.counterNo())
        .addString(row.idempotencyKey())
        .addOffsetDateTime(time(t.issuedAt()))
        .addOffsetDateTime(time(t.queuedAt()))
        .addOffsetDateTime(time(t.rankAt()))
        .addUUID(t.transferredFrom())
        .addString(row.citizenKey());
  }

  /**
   * Saves the ticket's state. {@code servedBy}, if not null, records who called it to their counter (the clerk of
   * the reports); {@code outcome}, if not null, how its service ended. Either is kept as it was when null.
   */
  public Future<Ticket> update(SqlClient sql, Ticket t, String servedBy, String outcome) {
    Tuple params = Tuple.tuple()
        .addString(hallId)
        .addUUID(t.id())
        .addString(t.status().name())
        .addInteger(t.counterNo())
        .addOffsetDateTime(time(t.queuedAt()))
        .addOffsetDateTime(time(t.rankAt()))
        .addOffsetDateTime(time(t.calledAt()))
        .addOffsetDateTime(time(t.startedAt()))
        .addOffsetDateTime(time(t.endedAt()))
        .addInteger(t.recallCount())
        .addInteger(t.requeueCount())
        .addString(servedBy)
        .addOffsetDateTime(time(t.parkedAt()))
        .addString(outcome);
    return sql.preparedQuery(UPDATE).execute(params).map(PgTicketRepository::single);
  }

  public Future<Optional<Ticket>> find(SqlClient sql, UUID id) {
    return sql.preparedQuery(FIND).execute(Tuple.of(hallId, id)).map(PgTicketRepository::first);
  }

  public Future<Optional<Ticket>> lock(SqlClient sql, UUID id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, id)).map(PgTicketRepository::first);
  }

  public Future<Optional<Ticket>> lockCallableByNumber(SqlClient sql, LocalDate day, String number) {
    return sql.preparedQuery(LOCK_CALLABLE_BY_NUMBER).execute(Tuple.of(hallId, day, number)).map(PgTicketRepository::first);
  }

  /**
   * Where a ticket goes back in its queue {@code places} tickets from the front: just before the ticket
   * now at that place; at the back ({@code back}) when fewer wait.
   */
  public Future<Instant> rankAfter(SqlClient sql, Ticket ticket, int places, Instant back) {
    return sql.preparedQuery(RANK_AFTER)
        .execute(Tuple.of(hallId, ticket.serviceDay(), ticket.serviceCode(), ticket.priority() == null, places))
        .map(rows -> rows.size() == 0 ? back : instant(rows.iterator().next().getOffsetDateTime("rank_at")).minusNanos(1000));
  }

  /** The ticket was called by a counter for a service assigned to it for now (潮汐窗口): the work is that assignment's. */
  public Future<Void> attributeToAssignment(SqlClient sql, UUID ticketId, long assignmentId) {
    return sql.preparedQuery(ATTRIBUTE).execute(Tuple.of(hallId, ticketId, assignmentId)).mapEmpty();
  }

  /** Today's parked tickets of these services, parked first first. */
  public Future<List<Ticket>> parked(SqlClient sql, LocalDate day, List<String> services) {
    Tuple params = Tuple.tuple().addString(hallId).addLocalDate(day).addArrayOfString(services.toArray(String[]::new));
    return sql.preparedQuery(PARKED).execute(params).map(PgTicketRepository::all);
  }

  public Future<Optional<Ticket>> findByIdempotencyKey(SqlClient sql, String key) {
    return sql.preparedQuery(FIND_BY_IDEMPOTENCY_KEY).execute(Tuple.of(hallId, key)).map(PgTicketRepository::first);
  }

  /** The tickets these idempotency keys made, by key. */
  public Future<Map<String, Ticket>> findByIdempotencyKeys(SqlClient sql, List<String> keys) {
    return sql.preparedQuery(FIND_BY_IDEMPOTENCY_KEYS).execute(Tuple.of(hallId).addArrayOfString(keys.toArray(String[]::new))).map(rows -> {
      Map<String, Ticket> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getString("idempotency_key"), fromRow(row)));
      return found;
    });
  }

  /** The ticket a counter holds (CALLED or SERVING), locked for this transaction. */
  public Future<Optional<Ticket>> lockAtCounter(SqlClient sql, int counterNo) {
    return sql.preparedQuery(LOCK_AT_COUNTER).execute(Tuple.of(hallId, counterNo)).map(PgTicketRepository::first);
  }

  /** The ticket a transfer created from this one. */
  public Future<Optional<UUID>> transferredTo(SqlClient sql, UUID id) {
    return sql.preparedQuery(TRANSFERRED_TO)
        .execute(Tuple.of(hallId, id))
        .map(rows -> {
          var it = rows.iterator();
          return it.hasNext() ? Optional.of(it.next().getUUID(0)) : Optional.empty();
        });
  }

  /** The secret of the ticket's QR link; empty if the ticket has none. */
  public Future<Optional<String>> citizenKey(SqlClient sql, UUID id) {
    return sql.preparedQuery(CITIZEN_KEY)
        .execute(Tuple.of(hallId, id))
        .map(rows -> {
          var it = rows.iterator();
          return it.hasNext() ? Optional.ofNullable(it.next().getString(0)) : Optional.empty();
        });
  }

  /** The tickets all counters hold now. */
  public Future<List<Ticket>> findAtCounters(SqlClient sql) {
    return sql.preparedQuery(FIND_AT_COUNTERS).execute(Tuple.of(hallId)).map(PgTicketRepository::all);
  }

  /** Who finished serving this ticket (the clerk at the counter), if anyone did. */
  public Future<Optional<String>> finishedBy(SqlClient sql, UUID ticketId) {
    return sql.preparedQuery(FINISHED_BY).execute(Tuple.of(ticketId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString("actor")));
  }

  /** A finished ticket and the clerk who finished it. */
  public record Finished(Ticket ticket, String clerk) {}

  /** Finished tickets nobody rated, service ended in [from, before), oldest first, locked (others skipped). */
  public Future<List<Finished>> unratedFinished(SqlClient sql, Instant from, Instant before, int limit) {
    return sql.preparedQuery(UNRATED_FINISHED).execute(Tuple.of(hallId, time(from), time(before), limit)).map(rows -> {
      List<Finished> found = new ArrayList<>();
      rows.forEach(row -> found.add(new Finished(fromRow(row), row.getString("finished_by"))));
      return found;
    });
  }

  /** The ticket this counter finished last, unless it has been rated. */
  public Future<Optional<Ticket>> lastUnratedFinished(SqlClient sql, int counterNo) {
    return sql.preparedQuery(LAST_UNRATED_FINISHED).execute(Tuple.of(hallId, counterNo)).map(rows -> all(rows).stream().findFirst());
  }

  /** A counter's day so far: tickets finished there and their average wait and service times. */
  public Future<JsonObject> counterDay(SqlClient sql, int counterNo, LocalDate day) {
    return sql.preparedQuery(COUNTER_DAY)
        .execute(Tuple.of(hallId, counterNo, day))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new JsonObject()
              .put("finished", row.getLong("finished"))
              .put("averageWaitSeconds", row.getLong("average_wait_seconds"))
              .put("averageServiceSeconds", row.getLong("average_service_seconds"));
        });
  }

  /**
   * How many waiting tickets will be called before this one, and what the open counters of its
   * service are worth to it ({@code capacity}, in counters). A counter calls its services in order
   * (主办 before 兼办), so it counts as one for its first service with someone waiting and is shared
   * equally among the services with someone waiting up to and including this ticket's: 1 for a
   * 主办 service, ½ for a 兼办 service while the 主办 has a queue. Not 0 for the 兼办: the 主办's queue
   * empties and refills while the ticket waits. (The wait-estimate backtest found this closer than an
   * equal share among all the counter's services, see BENCHMARKS.md.)
   */
  public record Ahead(int tickets, double capacity) {}

  public Future<Ahead> aheadAndOpenCounters(SqlClient sql, Ticket t) {
    return aheadAndOpenCounters(sql, List.of(t)).map(each -> each.get(0));
  }

  /** {@link Ahead} of each ticket, in one round trip. */
  public Future<List<Ahead>> aheadAndOpenCounters(SqlClient sql, List<Ticket> waiting) {
    List<Tuple> batch = waiting.stream()
        .map(t -> Tuple.of(hallId, t.serviceDay(), t.serviceCode(), t.priority() != null, time(t.rankAt()), t.seq(), t.id()))
        .toList();
    return sql.preparedQuery(AHEAD_AND_OPEN_COUNTERS).executeBatch(batch).map(results -> {
      List<Ahead> each = new ArrayList<>();
      for (RowSet<Row> rows = results; rows != null; rows = rows.next()) {
        Row row = rows.iterator().next();
        each.add(new Ahead(row.getLong("ahead").intValue(), row.getDouble("capacity")));
      }
      return each;
    });
  }

  /**
   * How long each of a service's last {@code perService} tickets finished since {@code since} took
   * its counter, in minutes: from the call, so the citizen's walk to the counter counts too.
   */
  public Future<Map<String, List<Double>>> recentHandlingMinutes(SqlClient sql, Instant since, int perService) {
    return sql.preparedQuery(RECENT_HANDLING_MINUTES).execute(Tuple.of(hallId, time(since), perService)).map(rows -> {
      Map<String, List<Double>> minutes = new HashMap<>();
      rows.forEach(row -> minutes.computeIfAbsent(row.getString("service_code"), code -> new ArrayList<>()).add(row.getDouble("minutes")));
      return minutes;
    });
  }

  public static Ticket fromRow(Row row) {
    return new Ticket(
        row.getUUID("id"),
        row.getString("service_code"),
        row.getLocalDate("service_day"),
        row.getInteger("seq"),
        row.getString("number"),
        row.getString("priority"),
        TicketStatus.valueOf(row.getString("status")),
        row.getInteger("counter_no"),
        instant(row.getOffsetDateTime("issued_at")),
        instant(row.getOffsetDateTime("queued_at")),
        instant(row.getOffsetDateTime("rank_at")),
        instant(row.getOffsetDateTime("called_at")),
        instant(row.getOffsetDateTime("started_at")),
        instant(row.getOffsetDateTime("ended_at")),
        row.getInteger("recall_count"),
        row.getInteger("requeue_count"),
        row.getUUID("transferred_from"),
        row.getString("closed_reason"),
        instant(row.getOffsetDateTime("parked_at")));
  }

  public static Optional<Ticket> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(fromRow(it.next())) : Optional.empty();
  }

  public static List<Ticket> all(RowSet<Row> rows) {
    List<Ticket> tickets = new ArrayList<>();
    rows.forEach(row -> tickets.add(fromRow(row)));
    return tickets;
  }

  private static Ticket single(RowSet<Row> rows) {
    return fromRow(rows.iterator().next());
  }

  /** The one row of each result of a batch. */
  private static List<Ticket> eachSingle(RowSet<Row> results) {
    List<Ticket> tickets = new ArrayList<>();
    for (RowSet<Row> rows = results; rows != null; rows = rows.next()) {
      tickets.add(single(rows));
    }
    return tickets;
  }

  public static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
