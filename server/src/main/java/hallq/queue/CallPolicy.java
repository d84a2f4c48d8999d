package hallq.queue;

import hallq.db.PgTicketRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Which ticket a counter calls next, in one place: today's waiting tickets of the counter's service
 * types; priority (绿色通道) tickets first, then the counter's preferred service types in their
 * configured order (主办 before 兼办), then the longest-queued (ties by ticket number). The pick is locked with
 * {@code SKIP LOCKED}, so counters calling at the same moment never get the same ticket and never
 * wait on each other. Walk-ins are picked one service at a time from the head of that service's
 * index-ordered queue, so a call costs a few index lookups however long the queues are (one query
 * sorting every waiting ticket took milliseconds per call with thousands waiting).
 */
public final class CallPolicy {

  private static final String WAITING_AT_COUNTER = "SELECT " + PgTicketRepository.COLUMNS + """
       FROM ticket t
      JOIN counter_service cs
        ON cs.hall_id = t.hall_id AND cs.service_code = t.service_code AND cs.counter_no = $2
      WHERE t.hall_id = $1 AND t.service_day = $3 AND t.status = 'WAITING'
      """;

  private static final String CALL_ORDER = "ORDER BY (t.priority IS NULL), cs.position, t.rank_at, t.seq, t.id ";

  private static final String PICK_PRIORITY = WAITING_AT_COUNTER + "AND t.priority IS NOT NULL "
      + CALL_ORDER + "LIMIT 1 FOR UPDATE OF t SKIP LOCKED";

  private static final String PICK_WALK_IN = "SELECT " + PgTicketRepository.COLUMNS + """
       FROM ticket t
      WHERE t.hall_id = $1 AND t.service_day = $2 AND t.service_code = $3 AND t.status = 'WAITING' AND t.priority IS NULL
      ORDER BY t.rank_at, t.seq, t.id
      LIMIT 1 FOR UPDATE SKIP LOCKED""";

  private static final String PEEK = WAITING_AT_COUNTER + CALL_ORDER + "LIMIT $4";

  private final String hallId;

  public CallPolicy(String hallId) {
    this.hallId = hallId;
  }

  /** Locks and returns the ticket counter {@code counterNo} calls next; {@code services} in the counter's order. */
  public Future<Optional<Ticket>> pickNext(SqlClient sql, int counterNo, List<String> services, LocalDate day) {
    return sql.preparedQuery(PICK_PRIORITY)
        .execute(Tuple.of(hallId, counterNo, day))
        .map(PgTicketRepository::first)
        .compose(priority -> priority.isPresent() ? Future.succeededFuture(priority) : firstWalkIn(sql, services, 0, day));
  }

  private Future<Optional<Ticket>> firstWalkIn(SqlClient sql, List<String> services, int index, LocalDate day) {
    if (index == services.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sql.preparedQuery(PICK_WALK_IN)
        .execute(Tuple.of(hallId, day, services.get(index)))
        .map(PgTicketRepository::first)
        .compose(head -> head.isPresent() ? Future.succeededFuture(head) : firstWalkIn(sql, services, index + 1, day));
  }

  /** The next {@code limit} tickets this counter would call, in that order, without locking them. */
  public Future<List<Ticket>> waiting(SqlClient sql, int counterNo, LocalDate day, int limit) {
    return sql.preparedQuery(PEEK)
        .execute(Tuple.of(hallId, counterNo, day, limit))
        .map(PgTicketRepository::all);
  }
}
