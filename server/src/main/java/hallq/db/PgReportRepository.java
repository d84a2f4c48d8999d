package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Report figures straight from the tickets, ratings and follow-up cases of a date range, grouped by a
 * key expression the caller takes from a fixed list. Percentiles are PostgreSQL's
 * {@code percentile_cont} (linear interpolation between the closest ranks).
 */
public final class PgReportRepository {

  /** $1 hall, $2 first day, $3 last day, $4 time zone; {@code %s} is the group key. */
  private static final String TICKETS = """
      WITH t AS (
        SELECT %s AS grp, t.status, t.transferred_from,
          extract(epoch FROM t.called_at - t.queued_at) AS wait_s,
          CASE WHEN t.status = 'FINISHED' THEN extract(epoch FROM t.ended_at - t.started_at) END AS service_s,
          s.target_wait_minutes * 60 AS target_s
        FROM ticket t
        JOIN service_type s ON s.hall_id = t.hall_id AND s.code = t.service_code
        -- $4 (the zone) is used by the HOUR key only; naming it here keeps its type known for every key.
        WHERE t.hall_id = $1 AND t.service_day BETWEEN $2 AND $3 AND $4::text <> '')
      SELECT grp,
        count(*) FILTER (WHERE transferred_from IS NULL) AS issued,
        count(*) FILTER (WHERE status = 'FINISHED') AS served,
        count(*) FILTER (WHERE status = 'NO_SHOW') AS no_show,
        count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
        count(wait_s) AS called,
        avg(wait_s) AS avg_wait,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_s) AS p90_wait,
        avg(service_s) AS avg_service,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY service_s) AS p90_service,
        count(*) FILTER (WHERE wait_s <= target_s) AS within_target
      FROM t GROUP BY grp ORDER BY grp""";

  private static final String RATINGS = """
      SELECT %s AS grp,
        count(*) AS ratings,
        count(*) FILTER (WHERE r.score >= 4) AS satisfied,
        count(*) FILTER (WHERE r.score = 1) AS s1, count(*) FILTER (WHERE r.score = 2) AS s2,
        count(*) FILTER (WHERE r.score = 3) AS s3, count(*) FILTER (WHERE r.score = 4) AS s4,
        count(*) FILTER (WHERE r.score = 5) AS s5,
        count(c.id) AS follow_ups,
        count(c.id) FILTER (WHERE c.closed_at IS NOT NULL AND (c.closed_at AT TIME ZONE $4)::date <= c.deadline) AS on_time
      FROM rating r
      JOIN ticket t ON t.id = r.ticket_id
      LEFT JOIN follow_up_case c ON c.ticket_id = r.ticket_id
      WHERE r.hall_id = $1 AND t.service_day BETWEEN $2 AND $3 AND NOT r.excluded
      GROUP BY grp ORDER BY grp""";

  private final String hallId;

  public PgReportRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Ticket figures per group key. */
  public Future<List<JsonObject>> tickets(SqlClient sql, String keyExpression, LocalDate from, LocalDate to, ZoneId zone) {
    return grouped(sql, TICKETS, keyExpression, from, to, zone, row -> new JsonObject()
        .put("key", row.getString("grp"))
        .put("issued", row.getLong("issued"))
        .put("served", row.getLong("served"))
        .put("noShow", row.getLong("no_show"))
        .put("cancelled", row.getLong("cancelled"))
        .put("called", row.getLong("called"))
        .put("avgWait", number(row, "avg_wait"))
        .put("p90Wait", number(row, "p90_wait"))
        .put("avgService", number(row, "avg_service"))
        .put("p90Service", number(row, "p90_service"))
        .put("withinTarget", row.getLong("within_target")));
  }

  /** Rating and follow-up figures per group key; ratings an upheld appeal took out do not count. */
  public Future<List<JsonObject>> ratings(SqlClient sql, String keyExpression, LocalDate from, LocalDate to, ZoneId zone) {
    return grouped(sql, RATINGS, keyExpression, from, to, zone, row -> new JsonObject()
        .put("key", row.getString("grp"))
        .put("ratings", row.getLong("ratings"))
        .put("satisfied", row.getLong("satisfied"))
        .put("scores", new JsonObject().put("1", row.getLong("s1")).put("2", row.getLong("s2")).put("3", row.getLong("s3"))
            .put("4", row.getLong("s4")).put("5", row.getLong("s5")))
        .put("followUps", row.getLong("follow_ups"))
        .put("followUpsOnTime", row.getLong("on_time")));
  }

  private Future<List<JsonObject>> grouped(SqlClient sql, String template, String keyExpression, LocalDate from, LocalDate to,
      ZoneId zone, Function<Row, JsonObject> figures) {
    return sql.preparedQuery(template.formatted(keyExpression))
        .execute(Tuple.of(hallId, from, to, zone.getId()))
        .map(rows -> {
          List<JsonObject> groups = new ArrayList<>();
          rows.forEach(row -> groups.add(figures.apply(row)));
          return groups;
        });
  }

  private static Double number(Row row, String column) {
    Object value = row.getValue(column);
    return value == null ? null : ((Number) value).doubleValue();
  }
}
