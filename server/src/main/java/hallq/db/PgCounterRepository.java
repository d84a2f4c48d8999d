package hallq.db;

import hallq.DomainException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/** Counters (窗口): their pause flag and the service types they call. */
public final class PgCounterRepository {

  /**
   * A counter row; {@code services} in the counter's preferred order; {@code walkInsSincePriority}: walk-ins
   * it called since its last priority call (for a RATIO {@link hallq.queue.PriorityRule}).
   */
  /** {@code smsContacts}: some ticket of the hall has an open SMS contact, so a call looks for reminders to queue. */
  public record CounterRow(int no, String name, boolean paused, List<String> services, int walkInsSincePriority, boolean smsContacts) {}

  private static final String SELECT = """
      SELECT c.counter_no, c.name, c.paused, c.walk_ins_since_priority,
        EXISTS (SELECT 1 FROM ticket_contact k WHERE k.hall_id = c.hall_id AND k.open) AS sms_contacts,
        array(SELECT cs.service_code FROM counter_service cs
              WHERE cs.hall_id = c.hall_id AND cs.counter_no = c.counter_no ORDER BY cs.position) AS services
      FROM counter c WHERE c.hall_id = $1 AND c.active""";

  private static final String FIND_ALL = SELECT + " ORDER BY c.counter_no";

  private static final String LOCK = SELECT + " AND c.counter_no = $2 FOR UPDATE OF c";

  private static final String SET_PAUSED = """
      UPDATE counter SET paused = $3, paused_at = CASE WHEN $3 THEN coalesce(paused_at, $4) END
      WHERE hall_id = $1 AND counter_no = $2""";

  private final String hallId;

  public PgCounterRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Locks the counter row: one operation at a time per counter. Fails with 404 for an unknown counter. */
  public Future<CounterRow> lock(SqlClient sql, int counterNo) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(hallId, counterNo))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            throw DomainException.notFound("COUNTER_NOT_FOUND", "counterNo: no counter " + counterNo + " in this hall");
          }
          return fromRow(it.next());
        });
  }

  public Future<List<CounterRow>> findAll(SqlClient sql) {
    return sql.preparedQuery(FIND_ALL)
        .execute(Tuple.of(hallId))
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
    return new CounterRow(row.getInteger("counter_no"), row.getString("name"), row.getBoolean("paused"),
        List.of(row.getArrayOfStrings("services")), row.getInteger("walk_ins_since_priority"),
        row.getBoolean("sms_contacts"));
  }
}
