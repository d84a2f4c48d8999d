package hallq.db;

import hallq.standards.AlertKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Alerts, and the one query that finds every condition that should have an open alert now. */
public final class PgAlertRepository {

  /** A condition that holds now: its kind, subject and what the manager should read about it. */
  public record Condition(AlertKind kind, String subject, JsonObject detail) {}

  /** An alert as stored. */
  public record Alert(long id, AlertKind kind, String subject, JsonObject detail, Instant raisedAt, Instant clearedAt,
      String ackedBy, Instant ackedAt) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("kind", kind.name())
          .put("subject", subject)
          .put("detail", detail)
          .put("raisedAt", raisedAt.toString())
          .put("clearedAt", clearedAt == null ? null : clearedAt.toString())
          .put("ackedBy", ackedBy)
          .put("ackedAt", ackedAt == null ? null : ackedAt.toString());
    }
  }

  private static final String SERIALIZE = "SELECT pg_try_advisory_xact_lock(hashtext('hallq_alerts:' || $1))";

  /** $1 hall, $2 service day, $3 now, $4 minutes a counter may stay paused. */
  private static final String CONDITIONS = """
      SELECT 'WAIT_OVER_TARGET' AS kind, t.id::text AS subject,
        jsonb_build_object('number', t.number, 'serviceCode', t.service_code, 'since', t.queued_at,
          'targetWaitMinutes', s.target_wait_minutes) AS detail
      FROM ticket t JOIN service_type s ON s.hall_id = t.hall_id AND s.code = t.service_code
      WHERE t.hall_id = $1 AND t.service_day = $2 AND t.status = 'WAITING'
        AND t.queued_at < $3::timestamptz - make_interval(mins => s.target_wait_minutes)
      UNION ALL
      SELECT 'HANDLING_TOO_LONG', t.id::text,
        jsonb_build_object('number', t.number, 'serviceCode', t.service_code, 'counterNo', t.counter_no, 'since', t.started_at,
          'standardServiceMinutes', s.standard_service_minutes)
      FROM ticket t JOIN service_type s ON s.hall_id = t.hall_id AND s.code = t.service_code
      WHERE t.hall_id = $1 AND t.status = 'SERVING' AND t.started_at < $3::timestamptz - make_interval(mins => s.standard_service_minutes)
      UNION ALL
      SELECT 'QUEUE_TOO_LONG', s.code,
        jsonb_build_object('serviceCode', s.code, 'waiting', count(t.id), 'queueAlertLength', s.queue_alert_length)
      FROM service_type s JOIN ticket t ON t.hall_id = s.hall_id AND t.service_code = s.code AND t.service_day = $2 AND t.status = 'WAITING'
      WHERE s.hall_id = $1 AND s.active
      GROUP BY s.code, s.queue_alert_length HAVING count(t.id) > s.queue_alert_length
      UNION ALL
      SELECT 'COUNTER_PAUSED_TOO_LONG', c.counter_no::text,
        jsonb_build_object('counterNo', c.counter_no, 'since', c.paused_at, 'limitMinutes', $4::int)
      FROM counter c
      WHERE c.hall_id = $1 AND c.active AND c.paused AND c.paused_at < $3::timestamptz - make_interval(mins => $4::int)
      UNION ALL
      SELECT 'PRINTER_PROBLEM', d.device_id, jsonb_build_object('kioskId', d.device_id, 'printer', d.printer, 'since', d.updated_at)
      FROM device_status d
      WHERE d.hall_id = $1 AND d.printer NOT IN ('OK', 'PAPER_NEAR_END')
      UNION ALL
      SELECT 'DEVICE_OFFLINE', b.bridge_id || '/' || b.device_id,
        jsonb_build_object('bridgeId', b.bridge_id, 'deviceId', b.device_id, 'kind', b.kind, 'kioskId', b.kiosk_id,
          'counterNo', b.counter_no, 'detail', b.detail, 'since', b.updated_at)
      FROM bridge_device b
      WHERE b.hall_id = $1 AND NOT b.online
      UNION ALL
      SELECT 'FOLLOW_UP_OVERDUE', f.id::text,
        jsonb_build_object('caseId', f.id, 'number', f.number, 'counterNo', f.counter_no, 'deadline', f.deadline, 'step', f.step)
      FROM follow_up_case f
      WHERE f.hall_id = $1 AND f.step <> 'CLOSED' AND f.deadline < $2""";

  private static final String COLUMNS = "id, kind, subject, detail, raised_at, cleared_at, acked_by, acked_at";

  private static final String OPEN = "SELECT " + COLUMNS + " FROM alert WHERE hall_id = $1 AND cleared_at IS NULL ORDER BY id";

  private static final String RECENT = "SELECT " + COLUMNS
      + " FROM alert WHERE hall_id = $1 AND (cleared_at IS NULL OR raised_at >= $2) ORDER BY id DESC LIMIT 500";

  private static final String RAISE = "INSERT INTO alert (hall_id, kind, subject, detail, raised_at) VALUES ($1, $2, $3, $4, $5)"
      + " RETURNING " + COLUMNS;

  private static final String CLEAR = "UPDATE alert SET cleared_at = $3 WHERE hall_id = $1 AND id = $2";

  private static final String LOCK = "SELECT " + COLUMNS + " FROM alert WHERE hall_id = $1 AND id = $2 FOR UPDATE";

  private static final String ACK = "UPDATE alert SET acked_by = $3, acked_at = $4 WHERE hall_id = $1 AND id = $2 AND acked_by IS NULL";

  private final String hallId;

  public PgAlertRepository(String hallId) {
    this.hallId = hallId;
  }

  /** One checker per hall at a time, across server instances; false if another holds it now. */
  public Future<Boolean> tryLock(SqlClient sql) {
    return sql.preparedQuery(SERIALIZE).execute(Tuple.of(hallId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<List<Condition>> conditions(SqlClient sql, LocalDate day, Instant now, Duration counterPausedLimit) {
    Tuple params = Tuple.of(hallId, day, PgTicketRepository.time(now), (int) counterPausedLimit.toMinutes());
    return sql.preparedQuery(CONDITIONS).execute(params).map(rows -> {
      List<Condition> conditions = new ArrayList<>();
      rows.forEach(row -> conditions.add(new Condition(AlertKind.valueOf(row.getString("kind")), row.getString("subject"),
          (JsonObject) row.getValue("detail"))));
      return conditions;
    });
  }

  public Future<List<Alert>> open(SqlClient sql) {
    return sql.preparedQuery(OPEN).execute(Tuple.of(hallId)).map(PgAlertRepository::alerts);
  }

  /** The open alerts and those raised since {@code since}, newest first. */
  public Future<List<Alert>> recent(SqlClient sql, Instant since) {
    return sql.preparedQuery(RECENT).execute(Tuple.of(hallId, PgTicketRepository.time(since))).map(PgAlertRepository::alerts);
  }

  public Future<Alert> raise(SqlClient sql, Condition condition, Instant at) {
    Tuple params = Tuple.of(hallId, condition.kind().name(), condition.subject(), condition.detail(), PgTicketRepository.time(at));
    return sql.preparedQuery(RAISE).execute(params).map(rows -> alerts(rows).get(0));
  }

  public Future<Void> clear(SqlClient sql, long id, Instant at) {
    return sql.preparedQuery(CLEAR).execute(Tuple.of(hallId, id, PgTicketRepository.time(at))).mapEmpty();
  }

  public Future<Optional<Alert>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, id)).map(rows -> alerts(rows).stream().findFirst());
  }

  public Future<Void> acknowledge(SqlClient sql, long id, String by, Instant at) {
    return sql.preparedQuery(ACK).execute(Tuple.of(hallId, id, by, PgTicketRepository.time(at))).mapEmpty();
  }

  private static List<Alert> alerts(Iterable<Row> rows) {
    List<Alert> alerts = new ArrayList<>();
    for (Row row : rows) {
      var cleared = row.getOffsetDateTime("cleared_at");
      var acked = row.getOffsetDateTime("acked_at");
      alerts.add(new Alert(row.getLong("id"), AlertKind.valueOf(row.getString("kind")), row.getString("subject"),
          (JsonObject) row.getValue("detail"), row.getOffsetDateTime("raised_at").toInstant(),
          cleared == null ? null : cleared.toInstant(), row.getString("acked_by"), acked == null ? null : acked.toInstant()));
    }
    return alerts;
  }
}
