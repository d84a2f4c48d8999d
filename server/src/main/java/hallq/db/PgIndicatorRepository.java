package hallq.db;

import hallq.quality.IndicatorCounts;
import hallq.rating.Rating;
import hallq.report.ReportGrouping;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What the 好差评 indicators are computed from, read live from tickets, ratings and follow-up cases. */
public final class PgIndicatorRepository {

  /** The NPS answers by value: r0 … r10. */
  private static final String RECOMMEND_COUNTS = IntStream.rangeClosed(0, Rating.MAX_RECOMMEND)
      .mapToObj(n -> "count(*) FILTER (WHERE recommend = " + n + ") AS r" + n)
      .collect(Collectors.joining(", ", "", "\n"));

  /** A ticket's 差评 case (c) and what its steps did (act): replied to the citizen, revisited, satisfied at the last 回访. */
  static final String CASE_STEPS = """
      LEFT JOIN follow_up_case c ON c.ticket_id = t.id
      LEFT JOIN LATERAL (
        SELECT bool_or(a.action = 'FED_BACK') AS replied, bool_or(a.action = 'REVISITED') AS revisited,
          (array_agg(a.satisfied ORDER BY a.id DESC) FILTER (WHERE a.action = 'REVISITED'))[1] AS revisit_satisfied
        FROM follow_up_action a WHERE a.case_id = c.id) act ON true
      """;

  private static final String COUNTS = """
      WITH f AS (
        SELECT %s AS key, t.status = 'FINISHED' AS finished, t.status = 'NO_SHOW' AS no_show, t.status = 'TRANSFERRED' AS transferred,
          t.status = 'FINISHED' AND t.ended_at - t.started_at > st.standard_service_minutes * interval '1 minute' AS overtime,
          t.called_at IS NOT NULL AS called, t.called_at - t.queued_at <= st.target_wait_minutes * interval '1 minute' AS within_target,
          t.recall_count > $9 AS recalled_over_limit,
          CASE WHEN t.status = 'FINISHED' THEN coalesce(t.outcome, $6) END AS outcome,
          r.ticket_id IS NOT NULL AND r.excluded AS excluded,
          CASE WHEN r.ticket_id IS NOT NULL AND NOT r.excluded AND r.channel <> 'DEFAULT' THEN r.score END AS active,
          CASE WHEN r.ticket_id IS NOT NULL AND NOT r.excluded AND r.channel = 'DEFAULT' THEN r.score END AS by_default,
          CASE WHEN r.ticket_id IS NOT NULL AND NOT r.excluded THEN r.recommend END AS recommend,
          c.id AS case_id, c.deadline, c.closed_at, c.reopened, act.replied, act.revisited, act.revisit_satisfied
        FROM ticket t
        """ + PgStandardsRepository.VERSION_IN_FORCE + """
        LEFT JOIN rating r ON r.ticket_id = t.id
        """ + CASE_STEPS + """
        WHERE t.hall_id = $1 AND t.service_day BETWEEN $2 AND $3 AND t.status IN ('FINISHED', 'NO_SHOW', 'TRANSFERRED')
          AND ($11::int IS NULL OR t.counter_no = $11)),
      low AS (SELECT *, active <= 2 AS is_low FROM f)
      SELECT key, count(*) FILTER (WHERE finished) AS finished, count(*) FILTER (WHERE excluded) AS excluded,
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
        count(*) FILTER (WHERE is_low AND closed_at IS NOT NULL AND (closed_at AT TIME ZONE $4)::date <= deadline) AS cases_on_time,
        count(*) FILTER (WHERE is_low AND (closed_at IS NOT NULL OR reopened > 0)) AS cases_closed_ever,
        count(*) FILTER (WHERE is_low AND reopened > 0) AS cases_reopened,
        count(*) FILTER (WHERE outcome = ANY($7)) AS once_done, count(*) FILTER (WHERE outcome = ANY($8)) AS not_done,
        count(*) FILTER (WHERE outcome = ANY($10)) AS abnormal_outcome, count(*) FILTER (WHERE overtime) AS overtime,
        count(*) FILTER (WHERE no_show) AS no_show, count(*) FILTER (WHERE transferred) AS transferred,
        count(*) FILTER (WHERE recalled_over_limit) AS recalled_over_limit,
        count(*) FILTER (WHERE called) AS called, count(*) FILTER (WHERE within_target) AS within_target,
      """ + RECOMMEND_COUNTS + """
      FROM low GROUP BY key ORDER BY key""";

  /**
   * How the hall's config reads a ticket's handling: the outcome of a ticket finished without one,
   * the outcomes that did the matter on the visit, that did not, and that are 异常办理, and how many
   * recalls are too many.
   */
  public record HandlingRules(String defaultOutcome, List<String> onceDone, List<String> notDone, List<String> abnormal,
      int recallLimit) {}

  private final String hallId;

  public PgIndicatorRepository(String hallId) {
    this.hallId = hallId;
  }

  /** The counts per row of {@code by} for tickets served from {@code from} to {@code to}; cases are due by {@code today}. */
  public Future<Map<String, IndicatorCounts>> counts(SqlClient sql, LocalDate from, LocalDate to, ReportGrouping by, ZoneId zone,
      LocalDate today, HandlingRules rules) {
    return counts(sql, from, to, by, zone, today, rules, null);
  }

  /** The same, for one window's tickets only ({@code counterNo}; null: all): a window's figures broken down. */
  public Future<Map<String, IndicatorCounts>> counts(SqlClient sql, LocalDate from, LocalDate to, ReportGrouping by, ZoneId zone,
      LocalDate today, HandlingRules rules, Integer counterNo) {
    String query = COUNTS.formatted(key(by));
    Tuple params = Tuple.tuple().addValue(hallId).addValue(from).addValue(to).addValue(zone.getId()).addValue(today)
        .addValue(rules.defaultOutcome()).addArrayOfString(rules.onceDone().toArray(String[]::new))
        .addArrayOfString(rules.notDone().toArray(String[]::new)).addValue(rules.recallLimit())
        .addArrayOfString(rules.abnormal().toArray(String[]::new)).addInteger(counterNo);
    return sql.preparedQuery(query).execute(params).map(rows -> {
      Map<String, IndicatorCounts> counts = new LinkedHashMap<>();
      for (Row row : rows) {
        counts.put(row.getString("key"), new IndicatorCounts(row.getLong("finished"), row.getLong("excluded"), levels(row, "a"),
            levels(row, "d"), row.getLong("replied"), row.getLong("revisited"), row.getLong("revisit_answered"),
            row.getLong("revisit_satisfied"), row.getLong("cases_due"), row.getLong("cases_on_time"), row.getLong("cases_closed_ever"),
            row.getLong("cases_reopened"), recommendAnswers(row),
            new IndicatorCounts.Handling(row.getLong("once_done"), row.getLong("not_done"), row.getLong("abnormal_outcome"),
                row.getLong("overtime"), row.getLong("no_show"), row.getLong("transferred"), row.getLong("recalled_over_limit"),
                row.getLong("called"), row.getLong("within_target"))));
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

  private static long[] recommendAnswers(Row row) {
    long[] answers = new long[Rating.MAX_RECOMMEND + 1];
    for (int n = 0; n <= Rating.MAX_RECOMMEND; n++) {
      answers[n] = row.getLong("r" + n);
    }
    return answers;
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
