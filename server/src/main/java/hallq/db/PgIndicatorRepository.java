package hallq.db;

import hallq.quality.RatingCounts;
import hallq.report.ReportGrouping;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the 好差评 indicators are computed from, read live from tickets, ratings and follow-up cases. */
public final class PgIndicatorRepository {

  private static final String COUNTS = """
      WITH f AS (
        SELECT %s AS key, r.ticket_id IS NOT NULL AND r.excluded AS excluded,
          CASE WHEN r.ticket_id IS NOT NULL AND NOT r.excluded AND r.channel <> 'DEFAULT' THEN r.score END AS active,
          CASE WHEN r.ticket_id IS NOT NULL AND NOT r.excluded AND r.channel = 'DEFAULT' THEN r.score END AS by_default,
          c.id AS case_id, c.deadline, c.closed_at, act.replied, act.revisited, act.revisit_satisfied
        FROM ticket t
        LEFT JOIN rating r ON r.ticket_id = t.id
        LEFT JOIN follow_up_case c ON c.ticket_id = t.id
        LEFT JOIN LATERAL (
          SELECT bool_or(a.action = 'FED_BACK') AS replied, bool_or(a.action = 'REVISITED') AS revisited,
            (array_agg(a.satisfied ORDER BY a.id DESC) FILTER (WHERE a.action = 'REVISITED'))[1] AS revisit_satisfied
          FROM follow_up_action a WHERE a.case_id = c.id) act ON true
        WHERE t.hall_id = $1 AND t.service_day BETWEEN $2 AND $3 AND t.status = 'FINISHED'),
      low AS (SELECT *, active <= 2 AS is_low FROM f)
      SELECT key, count(*) AS finished, count(*) FILTER (WHERE excluded) AS excluded,
        count(*) FILTER (WHERE active = 1) AS a1, count(*) FILTER (WHERE active = 2) AS a2, count(*) FILTER (WHERE active = 3) AS a3,
        count(*) FILTER (WHERE active = 4) AS a4, count(*) FILTER (WHERE active = 5) AS a5,
        count(*) FILTER (WHERE by_default = 1) AS d1, count(*) FILTER (WHERE by_default = 2) AS d2,
        count(*) FILTER (WHERE by_default = 3) AS d3, count(*) FILTER (WHERE by_default = 4) AS d4,
        count(*) FILTER (WHERE by_default = 5) AS d5,
        count(*) FILTER (WHERE is_low AND replied) AS replied,
        count(*) FILTER (WHERE is_low AND revisited) AS revisited,
        count(*) FILTER (WHERE is_low AND revisited AND revisit_satisfied IS NOT NULL) AS revisit_answered,
        count(*) FILTER (WHERE is_low AND revisited AND revisit_satisfied) AS revisit_satisfied,
        count(*) FILTER (WHERE is_low AND case_id IS NOT NULL AND (closed_at IS NOT NULL OR deadline < $5)) AS cases_due,
        count(*) FILTER (WHERE is_low AND closed_at IS NOT NULL AND (closed_at AT TIME ZONE $4)::date <= deadline) AS cases_on_time
      FROM low GROUP BY key ORDER BY key""";

  private final String hallId;

  public PgIndicatorRepository(String hallId) {
    this.hallId = hallId;
  }

  /** The counts per row of {@code by} for tickets served from {@code from} to {@code to}; cases are due by {@code today}. */
  public Future<Map<String, RatingCounts>> counts(SqlClient sql, LocalDate from, LocalDate to, ReportGrouping by, ZoneId zone,
      LocalDate today) {
    String query = COUNTS.formatted(key(by));
    return sql.preparedQuery(query).execute(Tuple.of(hallId, from, to, zone.getId(), today)).map(rows -> {
      Map<String, RatingCounts> counts = new LinkedHashMap<>();
      for (Row row : rows) {
        counts.put(row.getString("key"), new RatingCounts(row.getLong("finished"), row.getLong("excluded"), levels(row, "a"),
            levels(row, "d"), row.getLong("replied"), row.getLong("revisited"), row.getLong("revisit_answered"),
            row.getLong("revisit_satisfied"), row.getLong("cases_due"), row.getLong("cases_on_time")));
      }
      return counts;
    });
  }

  private static long[] levels(Row row, String prefix) {
    long[] levels = new long[5];
    for (int s = 1; s <= 5; s++) {
      levels[s - 1] = row.getLong(prefix + s);
    }
    return levels;
  }

  /** The row a ticket belongs to; the clerk is the one who called it, as in the reports. */
  private static String key(ReportGrouping by) {
    return switch (by) {
      case SERVICE -> "t.service_code";
      case COUNTER -> "coalesce(t.counter_no::text, '-')";
      case CLERK -> "coalesce(t.served_by, '-')";
      case HOUR -> "to_char(t.issued_at AT TIME ZONE $4, 'HH24')";
      case ALL -> "'all'";
    };
  }
}
