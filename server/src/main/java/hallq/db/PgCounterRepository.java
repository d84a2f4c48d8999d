package hallq.db;

import hallq.DomainException;
import hallq.queue.PriorityRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counters (窗口): their pause flag and the service types they call. */
public final class PgCounterRepository {

  /**
   * A counter row. {@code services}: what it calls, in its order: the services assigned to it for now
   * (潮汐窗口, {@code assignments}: service → assignment), then its own in its preferred order.
   * {@code walkInsSincePriority}: walk-ins it called since its last priority call (for a RATIO
   * {@link hallq.queue.PriorityRule}). {@code smsContacts}: some ticket of the hall has an open SMS
   * contact, so a call looks for reminders to queue. {@code ratioRules}: the hall's services called by a
   * RATIO rule (read with the counter's lock, not in a statement of its own: a call needs them); any other is STRICT.
   */
  public record CounterRow(int no, String name, boolean paused, List<String> services, int walkInsSincePriority,
      Map<String, Long> assignments, boolean smsContacts, Map<String, PriorityRule> ratioRules) {

    /** The rule the counter calls this service's priority tickets by. */
    public PriorityRule priorityRule(String serviceCode) {
      return ratioRules.getOrDefault(serviceCode, PriorityRule.STRICT);
    }
  }

  private static final String SELECT = """
      SELECT c.counter_no, c.name, c.paused, c.walk_ins_since_priority,
        EXISTS (SELECT 1 FROM ticket_contact k WHERE k.hall_id = c.hall_id AND k.open) AS sms_contacts,
        array(SELECT cs.service_code FROM counter_service cs
              WHERE cs.hall_id = c.hall_id AND cs.counter_no = c.counter_no ORDER BY cs.position) AS services,
        array(SELECT a.service_code FROM counter_assignment a WHERE a.hall_id = c.hall_id AND a.counter_no = c.counter_no
              AND a.starts_at <= $2 AND a.ends_at > $2 ORDER BY a.starts_at, a.id) AS assigned,
        array(SELECT a.id FROM counter_assignment a WHERE a.hall_id = c.hall_id AND a.counter_no = c.counter_no
              AND a.starts_at <= $2 AND a.ends_at > $2 ORDER BY a.starts_at, a.id) AS assignment_ids,
        array(SELECT r.service_code FROM service_priority_rule r WHERE r.hall_id = $1 AND r.mode = 'RATIO'
              ORDER BY r.service_code) AS ratio_services,
        array(SELECT r.normal_per_priority FROM service_priority_rule r WHERE r.hall_id = $1 AND r.mode = 'RATIO'
              ORDER BY r.service_code) AS ratio_walk_ins
      FROM counter c WHERE c.hall_id = $1 AND c.active""";

  private static final String FIND_ALL = SELECT + " ORDER BY c.counter_no";

  private static final String LOCK = SELECT + " AND c.counter_no = $3 FOR UPDATE OF c";

  /** The counter alone, for an operation on the ticket it holds: what it calls is not read. */
  private static final String LOCK_ROW = """
      SELECT c.counter_no, c.name, c.paused, c.walk_ins_since_priority FROM counter c
      WHERE c.hall_id = $1 AND c.active AND c.counter_no = $2 FOR UPDATE OF c""";

  private static final String SET_PAUSED = """
      UPDATE counter SET paused = $3, paused_at = CASE WHEN $3 THEN coalesce(paused_at, $4) END
      WHERE hall_id = $1 AND counter_no = $2""";

  private final String hallId;

  public PgCounterRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Locks the counter row: one operation at a time per counter. Fails with 404 for an unknown counter. */
  public Future<CounterRow> lock(SqlClient sql, int counterNo, Instant now) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(hallId, PgTicketRepository.time(now), counterNo))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            throw DomainException.notFound("COUNTER_NOT_FOUND", "counterNo: no counter " + counterNo + " in this hall");
          }
          return fromRow(it.next());
        });
  }

  /**
   * Locks the counter row without reading what it calls ({@code services} and {@code assignments} empty,
   * no SMS check): for starting, finishing, recalling … the ticket it holds. Fails with 404 for an unknown counter.
   */
  public Future<CounterRow> lockRow(SqlClient sql, int counterNo) {
    return sql.preparedQuery(LOCK_ROW)
        .execute(Tuple.of(hallId, counterNo))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            throw DomainException.notFound("COUNTER_NOT_FOUND", "counterNo: no counter " + counterNo + " in this hall");
          }
          Row row = it.next();
          return new CounterRow(row.getInteger("counter_no"), row.getString("name"), row.getBoolean("paused"), List.of(),
              row.getInteger("walk_ins_since_priority"), Map.of(), false, Map.of());
        });
  }

  public Future<List<CounterRow>> findAll(SqlClient sql, Instant now) {
    return sql.preparedQuery(FIND_ALL)
        .execute(Tuple.of(hallId, PgTicketRepository.time(now)))
        .map(rows -> {
          List<CounterRow> counters = new ArrayList<>();
          rows.forEach(row -> counters.add(fromRow(row)));
          return counters;
        });
  }

  public Future<Void> setPaused(SqlClient sql, int counterNo, boolean paused, Instant at) {
    return sql.preparedQuery(SET_PAUSED).execute(Tuple.of(hallId, counterNo, paused, PgTicketRepository.time(at))).mapEmpty();
  }

  private static CounterRow fromRow(Row row) {
    String[] assigned = row.getArrayOfStrings("assigned");
    Long[] ids = row.getArrayOfLongs("assignment_ids");
    Map<String, Long> assignments = new LinkedHashMap<>();
    for (int i = 0; i < assigned.length; i++) {
      assignments.putIfAbsent(assigned[i], ids[i]);
    }
    List<String> services = new ArrayList<>(assignments.keySet());
    for (String own : row.getArrayOfStrings("services")) {
      if (!services.contains(own)) {
        services.add(own);
      }
    }
    String[] ratioServices = row.getArrayOfStrings("ratio_services");
    Integer[] ratioWalkIns = row.getArrayOfIntegers("ratio_walk_ins");
    Map<String, PriorityRule> ratioRules = new HashMap<>();
    for (int i = 0; i < ratioServices.length; i++) {
      ratioRules.put(ratioServices[i], new PriorityRule(PriorityRule.Mode.RATIO, ratioWalkIns[i]));
    }
    return new CounterRow(row.getInteger("counter_no"), row.getString("name"), row.getBoolean("paused"), List.copyOf(services),
        row.getInteger("walk_ins_since_priority"), assignments, row.getBoolean("sms_contacts"), Map.copyOf(ratioRules));
  }
}
