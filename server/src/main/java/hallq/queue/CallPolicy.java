package hallq.queue;

import hallq.db.PgTicketRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which ticket a counter calls next, in one place: today's waiting tickets of the counter's service
 * types; priority (绿色通道) tickets first (or, for a service whose {@link PriorityRule} is RATIO, one
 * after every few walk-ins), then the counter's preferred service types in their
 * configured order (主办 before 兼办), then the longest-queued (ties by ticket number). The pick is locked with
 * {@code SKIP LOCKED}, so counters calling at the same moment never get the same ticket and never
 * wait on each other. Each queue (a service's priority or walk-in tickets) is read at its head, one
 * index lookup, service by service in the counter's order: a call costs a few lookups however long
 * the queues are (a query sorting every waiting ticket took milliseconds per call with thousands
 * waiting).
 */
public final class CallPolicy {

  private static final String WAITING_AT_COUNTER = "SELECT " + PgTicketRepository.COLUMNS + """
       FROM ticket t
      JOIN counter_service cs
        ON cs.hall_id = t.hall_id AND cs.service_code = t.service_code AND cs.counter_no = $2
      WHERE t.hall_id = $1 AND t.service_day = $3 AND t.status = 'WAITING'
      """;

  private static final String CALL_ORDER = "ORDER BY (t.priority IS NULL), cs.position, t.rank_at, t.seq, t.id ";

  /**
   * The first ticket of several queues (a service's priority or walk-in tickets) in the order given, in one
   * statement: $2 and $3 name each queue's service and whether it is the walk-in one. Each queue is read at
   * its head, one index lookup, and the nested loop under LIMIT 1 stops at the first queue that has a ticket
   * it can lock, so no later head is read or locked.
   */
  private static final String PICK_FIRST_HEAD = "SELECT " + PgTicketRepository.COLUMNS + """
       FROM unnest($2::text[], $3::boolean[]) AS q (service_code, walk_in)
      CROSS JOIN LATERAL (
        SELECT h.* FROM ticket h
        WHERE h.hall_id = $1 AND h.service_day = $4 AND h.service_code = q.service_code AND h.status = 'WAITING'
          AND (h.priority IS NULL) = q.walk_in
        ORDER BY h.rank_at, h.seq, h.id
        LIMIT 1 FOR UPDATE SKIP LOCKED) t
      LIMIT 1""";

  /** The head of one service's appointment tickets ($4: {@link Ticket#APPOINTMENT}), which are priority tickets. */
  private static final String PICK_APPOINTMENT = "SELECT " + PgTicketRepository.COLUMNS + """
       FROM ticket t
      WHERE t.hall_id = $1 AND t.service_day = $2 AND t.service_code = $3 AND t.status = 'WAITING' AND (t.priority IS NULL) = false
        AND t.priority = $4
      ORDER BY t.rank_at, t.seq, t.id
      LIMIT 1 FOR UPDATE SKIP LOCKED""";

  private static final String PEEK = WAITING_AT_COUNTER + CALL_ORDER + "LIMIT $4";

  private final String hallId;

  public CallPolicy(String hallId) {
    this.hallId = hallId;
  }

  /** Locks and returns the ticket a counter of these {@code services} (in its order) calls next, all of them STRICT. */
  public Future<Optional<Ticket>> pickNext(SqlClient sql, List<String> services, LocalDate day) {
    List<String> queues = new ArrayList<>(services);
    queues.addAll(services);
    List<Boolean> walkIn = new ArrayList<>(Collections.nCopies(services.size(), false));
    walkIn.addAll(Collections.nCopies(services.size(), true));
    return firstHead(sql, queues, walkIn, day);
  }

  /**
   * The same with each service's {@link PriorityRule}: the first priority ticket of a STRICT service
   * goes first; the first of a RATIO service only once the counter has called its share of walk-ins
   * ({@code walkInsSincePriority}) or when no walk-in waits; otherwise the first walk-in. A checked-in
   * appointment of a RATIO service goes before its other priority tickets and walk-ins whatever the count:
   * its slot's capacity bounds how many there are, so they cannot starve walk-ins, and its time was promised.
   */
  public Future<Optional<Ticket>> pickNext(SqlClient sql, List<String> services, Function<String, PriorityRule> rules,
      int walkInsSincePriority, LocalDate day) {
    List<String> strict = services.stream().filter(s -> rules.apply(s).mode() == PriorityRule.Mode.STRICT).toList();
    if (strict.size() == services.size()) {
      return pickNext(sql, services, day);
    }
    List<String> ratio = services.stream().filter(s -> !strict.contains(s)).toList();
    return firstHead(sql, strict, false, day).compose(first -> {
      if (first.isPresent()) {
        return Future.succeededFuture(first);
      }
      return firstAppointment(sql, ratio, 0, day);
    }).compose(appointment -> {
      if (appointment.isPresent()) {
        return Future.succeededFuture(appointment);
      }
      return firstHead(sql, ratio, false, day).compose(priority -> {
        if (priority.isPresent() && rules.apply(priority.get().serviceCode()).priorityDue(walkInsSincePriority)) {
          return Future.succeededFuture(priority);
        }
        return firstHead(sql, services, true, day).map(walkIn -> walkIn.isPresent() ? walkIn : priority);
      });
    });
  }

  /** The first head of these services' priority ({@code walkIn} false) or walk-in queues. */
  private Future<Optional<Ticket>> firstHead(SqlClient sql, List<String> services, boolean walkIn, LocalDate day) {
    return firstHead(sql, services, Collections.nCopies(services.size(), walkIn), day);
  }

  private Future<Optional<Ticket>> firstHead(SqlClient sql, List<String> services, List<Boolean> walkIn, LocalDate day) {
    if (services.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sql.preparedQuery(PICK_FIRST_HEAD)
        .execute(Tuple.of(hallId).addArrayOfString(services.toArray(String[]::new)).addArrayOfBoolean(walkIn.toArray(Boolean[]::new))
            .addLocalDate(day))
        .map(PgTicketRepository::first);
  }

  /** The first appointment head, service by service in the counter's order. */
  private Future<Optional<Ticket>> firstAppointment(SqlClient sql, List<String> services, int index, LocalDate day) {
    if (index == services.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sql.preparedQuery(PICK_APPOINTMENT)
        .execute(Tuple.of(hallId, day, services.get(index), Ticket.APPOINTMENT))
        .map(PgTicketRepository::first)
        .compose(head -> head.isPresent() ? Future.succeededFuture(head) : firstAppointment(sql, services, index + 1, day));
  }

  /** The next {@code limit} tickets this counter would call, in that order, without locking them. */
  public Future<List<Ticket>> waiting(SqlClient sql, int counterNo, LocalDate day, int limit) {
    return sql.preparedQuery(PEEK)
        .execute(Tuple.of(hallId, counterNo, day, limit))
        .map(PgTicketRepository::all);
  }
}
