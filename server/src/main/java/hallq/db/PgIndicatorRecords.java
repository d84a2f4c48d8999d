package hallq.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What the 好差评 indicators are computed from, one record per ticket served, not served (过号) or
 * transferred, as stored: its times, the standard in force when it was called, its rating, its 差评
 * case. An auditor recomputes the indicators from these outside HallQ. No personal data.
 */
public final class PgIndicatorRecords {
  /** The columns, in order: the export's header. */
  public static final List<String> COLUMNS = List.of("service_day", "number", "service_code", "counter_no", "clerk", "status",
      "outcome", "issued_hour", "queued_at", "called_at", "started_at", "ended_at", "recall_count", "target_wait_minutes",
      "standard_service_minutes", "score", "channel", "excluded", "recommend", "case_deadline", "case_closed_at", "case_reopened",
      "replied", "revisited", "revisit_satisfied", "assignment_id");

  private static final String RECORDS = """
      SELECT t.service_day, t.number, t.service_code, t.counter_no, t.served_by AS clerk, t.status, t.outcome,
        to_char(t.issued_at AT TIME ZONE $4, 'HH24') AS issued_hour, t.queued_at, t.called_at, t.started_at, t.ended_at,
        t.recall_count, st.target_wait_minutes, st.standard_service_minutes, r.score, r.channel, r.excluded, r.recommend,
        c.deadline AS case_deadline, c.closed_at AS case_closed_at, c.reopened AS case_reopened,
        act.replied, act.revisited, act.revisit_satisfied, t.assignment_id
      FROM ticket t""" + PgStandardsRepository.VERSION_IN_FORCE + """
      LEFT JOIN rating r ON r.ticket_id = t.id
      """ + PgIndicatorRepository.CASE_STEPS + """
      WHERE t.hall_id = $1 AND t.service_day BETWEEN $2 AND $3 AND t.status IN ('FINISHED', 'NO_SHOW', 'TRANSFERRED')
      ORDER BY t.service_day, t.queued_at, t.number""";

  private final String hallId;

  public PgIndicatorRecords(String hallId) {
    this.hallId = hallId;
  }

  /** The records of these service days (both included), each its columns' values in {@link #COLUMNS} order. */
  public Future<List<List<Object>>> records(SqlClient sql, LocalDate from, LocalDate to, ZoneId zone) {
    return sql.preparedQuery(RECORDS).execute(Tuple.of(hallId, from, to, zone.getId())).map(rows -> {
      List<List<Object>> records = new ArrayList<>();
      for (Row row : rows) {
        List<Object> values = new ArrayList<>();
        for (String column : COLUMNS) {
          values.add(row.getValue(column));
        }
        records.add(values);
      }
      return records;
    });
  }
}
