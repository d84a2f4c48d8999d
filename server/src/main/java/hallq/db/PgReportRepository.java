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
 * Daily report roll-ups: each day's tickets, ratings and follow-up cases aggregated once per grouping
 * (service, counter, clerk, hour of issue, all) into counts, sums and whole-minute histograms, so a
 * report over months reads a few thousand rows instead of millions of tickets.
 */
public final class PgReportRepository {

  /** One row per ticket of the day, with the keys of every grouping ('-' where a ticket has none). */
  private static final String FACTS = """
      WITH f AS (
        SELECT t.service_code, coalesce(t.counter_no::text, '-') AS counter_key, coalesce(t.served_by, '-') AS clerk,
          to_char(t.issued_at AT TIME ZONE $3, 'HH24') AS hour, t.status, t.transferred_from, t.called_at, t.ended_at,
          extract(epoch FROM t.called_at - t.queued_at) AS wait_s,
          CASE WHEN t.status = 'FINISHED' THEN extract(epoch FROM t.ended_at - t.started_at) END AS service_s,
          st.target_wait_minutes * 60 AS target_s,
          t.status = 'FINISHED' AND t.called_at >= dc.closes_at AS late
        FROM ticket t """ + PgStandardsRepository.VERSION_IN_FORCE + """
        LEFT JOIN day_close dc ON dc.hall_id = t.hall_id AND dc.service_day = t.service_day
        WHERE t.hall_id = $1 AND t.service_day = $2)
      """;

  private static final String DIM = """
      CASE WHEN GROUPING(service_code) = 0 THEN 'SERVICE' WHEN GROUPING(counter_key) = 0 THEN 'COUNTER'
        WHEN GROUPING(clerk) = 0 THEN 'CLERK' WHEN GROUPING(hour) = 0 THEN 'HOUR' ELSE 'ALL' END AS dim,
      coalesce(service_code, counter_key, clerk, hour, 'all') AS key""";

  private static final String ROLL_TICKETS = FACTS + """
      INSERT INTO report_day (hall_id, day, dim, key, issued, served, no_show, cancelled, called, sum_wait, within_target, sum_service,
        busy_seconds, span_seconds, served_late, closed_unserved)
      SELECT $1, $2, dim, key, issued, served, no_show, cancelled, called, sum_wait, within_target, sum_service,
        busy_seconds, span_seconds, served_late, closed_unserved FROM (
        SELECT""" + " " + DIM + " " + """
          , count(*) FILTER (WHERE transferred_from IS NULL) AS issued,
          count(*) FILTER (WHERE status = 'FINISHED') AS served,
          count(*) FILTER (WHERE status = 'NO_SHOW') AS no_show,
          count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
          count(*) FILTER (WHERE late) AS served_late,
          count(*) FILTER (WHERE status = 'CLOSED_UNSERVED') AS closed_unserved,
          count(wait_s) AS called,
          coalesce(sum(wait_s), 0) AS sum_wait,
          count(*) FILTER (WHERE wait_s <= target_s) AS within_target,
          coalesce(sum(service_s), 0) AS sum_service,
          coalesce(sum(extract(epoch FROM ended_at - called_at)), 0) AS busy_seconds,
          coalesce(extract(epoch FROM max(ended_at) - min(called_at)), 0) AS span_seconds
        FROM f GROUP BY GROUPING SETS ((service_code), (counter_key), (clerk), (hour), ())) g""";

  private static final String ROLL_HISTOGRAMS = FACTS + """
      , m AS (
        SELECT service_code, counter_key, clerk, hour, 'WAIT' AS metric, floor(wait_s / 60)::int AS minute FROM f WHERE wait_s IS NOT NULL
        UNION ALL
        SELECT service_code, counter_key, clerk, hour, 'SERVICE', floor(service_s / 60)::int FROM f WHERE service_s IS NOT NULL)
      INSERT INTO report_histogram (hall_id, day, dim, key, metric, minute, n)
      SELECT $1, $2, dim, key, metric, minute, n FROM (
        SELECT""" + " " + DIM + " " + """
          , metric, minute, count(*) AS n
        FROM m GROUP BY GROUPING SETS ((metric, minute, service_code), (metric, minute, counter_key), (metric, minute, clerk),
          (metric, minute, hour), (metric, minute))) g""";

  /** Ratings an upheld appeal took out do not count, nor default ratings (the citizen did not rate). */
  private static final String ROLL_RATINGS = """
      WITH f AS (
        SELECT t.service_code, coalesce(t.counter_no::text, '-') AS counter_key, coalesce(t.served_by, '-') AS clerk,
          to_char(t.issued_at AT TIME ZONE $3, 'HH24') AS hour, r.score, c.id AS case_id,
          c.closed_at IS NOT NULL AND (c.closed_at AT TIME ZONE $3)::date <= c.deadline AS on_time
        FROM rating r JOIN ticket t ON t.id = r.ticket_id LEFT JOIN follow_up_case c ON c.ticket_id = r.ticket_id
        WHERE t.hall_id = $1 AND t.service_day = $2 AND NOT r.excluded AND r.channel <> 'DEFAULT'),
      g AS (
        SELECT""" + " " + DIM + " " + """
          , count(*) AS ratings, count(*) FILTER (WHERE score >= 4) AS satisfied,
          count(*) FILTER (WHERE score = 1) AS s1, count(*) FILTER (WHERE score = 2) AS s2, count(*) FILTER (WHERE score = 3) AS s3,
          count(*) FILTER (WHERE score = 4) AS s4, count(*) FILTER (WHERE score = 5) AS s5,
          count(case_id) AS follow_ups, count(*) FILTER (WHERE on_time) AS on_time
        FROM f GROUP BY GROUPING SETS ((service_code), (counter_key), (clerk), (hour), ()))
      UPDATE report_day d SET ratings = g.ratings, satisfied = g.satisfied, s1 = g.s1, s2 = g.s2, s3 = g.s3, s4 = g.s4, s5 = g.s5,
        follow_ups = g.follow_ups, on_time = g.on_time
      FROM g WHERE d.hall_id = $1 AND d.day = $2 AND d.dim = g.dim AND d.key = g.key""";

  private static final String SERIALIZE = "SELECT pg_advisory_xact_lock(hashtext('hallq_report:' || $1))";
  private static final String CLEAR_DAY = "DELETE FROM report_day WHERE hall_id = $1 AND day = $2";
  private static final String CLEAR_HISTOGRAMS = "DELETE FROM report_histogram WHERE hall_id = $1 AND day = $2";
  private static final String MARK_ROLLED = "INSERT INTO report_rolled (hall_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING";

  private static final String DAYS_TO_ROLL = """
      SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') d
      WHERE NOT EXISTS (SELECT 1 FROM report_rolled r WHERE r.hall_id = $1 AND r.day = d::date)""";

  private static final String DAYS_WITH_TICKETS_TO_ROLL = """
      SELECT DISTINCT t.service_day AS day FROM ticket t
      WHERE t.hall_id = $1 AND t.service_day BETWEEN $2 AND $3
        AND NOT EXISTS (SELECT 1 FROM report_rolled r WHERE r.hall_id = $1 AND r.day = t.service_day)
      ORDER BY 1""";

  private static final String FIGURES = """
      SELECT key, sum(issued) AS issued, sum(served) AS served, sum(no_show) AS no_show, sum(cancelled) AS cancelled,
        sum(served_late) AS served_late, sum(closed_unserved) AS closed_unserved,
        sum(called) AS called, sum(sum_wait) AS sum_wait, sum(within_target) AS within_target, sum(sum_service) AS sum_service,
        sum(ratings) AS ratings, sum(satisfied) AS satisfied, sum(s1) AS s1, sum(s2) AS s2, sum(s3) AS s3, sum(s4) AS s4,
        sum(s5) AS s5, sum(follow_ups) AS follow_ups, sum(on_time) AS on_time,
        sum(busy_seconds) AS busy_seconds, sum(span_seconds) AS span_seconds
      FROM report_day WHERE hall_id = $1 AND day BETWEEN $2 AND $3 AND dim = $4 GROUP BY key ORDER BY key""";

  private static final String HISTOGRAMS = """
      SELECT key, metric, minute, sum(n) AS n FROM report_histogram
      WHERE hall_id = $1 AND day BETWEEN $2 AND $3 AND dim = $4 GROUP BY key, metric, minute ORDER BY key, metric, minute""";

  /** The counted figures of a roll-up, by column name. */
  public static final List<String> COUNTS = List.of("issued", "served", "no_show", "cancelled", "served_late", "closed_unserved",
      "called", "within_target", "ratings", "satisfied", "s1", "s2", "s3", "s4", "s5", "follow_ups", "on_time");

  private final String hallId;

  public PgReportRepository(String hallId) {
    this.hallId = hallId;
  }

  /** The days of the range whose roll-up is missing or out of date. */
  public Future<List<LocalDate>> daysToRoll(SqlClient sql, LocalDate from, LocalDate to) {
    return days(sql, DAYS_TO_ROLL, from, to);
  }

  private Future<List<LocalDate>> days(SqlClient sql, String query, LocalDate from, LocalDate to) {
    return sql.preparedQuery(query).execute(Tuple.of(hallId, from, to)).map(rows -> {
      List<LocalDate> days = new ArrayList<>();
      rows.forEach(row -> days.add(row.getLocalDate("day")));
      return days;
    });
  }

  /** The days of the range that have tickets and whose roll-up is missing or out of date. */
  public Future<List<LocalDate>> daysWithTicketsToRoll(SqlClient sql, LocalDate from, LocalDate to) {
    return days(sql, DAYS_WITH_TICKETS_TO_ROLL, from, to);
  }

  /**
   * Rolls one day up afresh, in the caller's transaction; {@code settled} marks it up to date (a day
   * still taking tickets is not).
   */
  public Future<Void> rollUp(SqlClient sql, LocalDate day, ZoneId zone, boolean settled) {
    Tuple hallDay = Tuple.of(hallId, day);
    Tuple withZone = Tuple.of(hallId, day, zone.getId());
    return sql.preparedQuery(SERIALIZE).execute(Tuple.of(hallId))
        .compose(v -> sql.preparedQuery(CLEAR_DAY).execute(hallDay))
        .compose(v -> sql.preparedQuery(CLEAR_HISTOGRAMS).execute(hallDay))
        .compose(v -> sql.preparedQuery(ROLL_TICKETS).execute(withZone))
        .compose(v -> sql.preparedQuery(ROLL_HISTOGRAMS).execute(withZone))
        .compose(v -> sql.preparedQuery(ROLL_RATINGS).execute(withZone))
        .compose(v -> settled ? sql.preparedQuery(MARK_ROLLED).execute(hallDay).mapEmpty() : Future.<Void>succeededFuture());
  }

  /** Summed figures per key of one grouping over the range. */
  public Future<List<JsonObject>> figures(SqlClient sql, String dim, LocalDate from, LocalDate to) {
    return query(sql, FIGURES, dim, from, to, row -> {
      JsonObject figures = new JsonObject().put("key", row.getString("key"));
      for (String column : COUNTS) {
        figures.put(column, ((Number) row.getValue(column)).longValue());
      }
      for (String column : new String[] {"sum_wait", "sum_service", "busy_seconds", "span_seconds"}) {
        figures.put(column, ((Number) row.getValue(column)).doubleValue());
      }
      return figures;
    });
  }

  /** Histogram rows {key, metric, minute, n} of one grouping over the range, ordered by key, metric, minute. */
  public Future<List<JsonObject>> histograms(SqlClient sql, String dim, LocalDate from, LocalDate to) {
    return query(sql, HISTOGRAMS, dim, from, to, row -> new JsonObject()
        .put("key", row.getString("key"))
        .put("metric", row.getString("metric"))
        .put("minute", row.getInteger("minute"))
        .put("n", ((Number) row.getValue("n")).longValue()));
  }

  private Future<List<JsonObject>> query(SqlClient sql, String text, String dim, LocalDate from, LocalDate to,
      Function<Row, JsonObject> read) {
    return sql.preparedQuery(text).execute(Tuple.of(hallId, from, to, dim)).map(rows -> {
      List<JsonObject> result = new ArrayList<>();
      rows.forEach(row -> result.add(read.apply(row)));
      return result;
    });
  }
}
