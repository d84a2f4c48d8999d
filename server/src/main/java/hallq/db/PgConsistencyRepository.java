package hallq.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Each clerk's handling times and ratings per service: what the consistency of a service is judged from. */
public final class PgConsistencyRepository {

  /** One clerk at one service: tickets finished, median and P90 handling seconds, mean score of the ratings that count. */
  public record ClerkFigures(String serviceCode, String clerk, long finished, double medianSeconds, double p90Seconds,
      Double meanScore, long ratings) {}

  private static final String FIGURES = """
      SELECT t.service_code, t.served_by AS clerk, count(*) AS finished,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.ended_at - t.started_at)) AS median_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.ended_at - t.started_at)) AS p90_s,
        avg(r.score) FILTER (WHERE NOT r.excluded AND r.channel <> 'DEFAULT') AS mean_score,
        count(r.score) FILTER (WHERE NOT r.excluded AND r.channel <> 'DEFAULT') AS ratings
      FROM ticket t LEFT JOIN rating r ON r.ticket_id = t.id
      WHERE t.hall_id = $1 AND t.service_day BETWEEN $2 AND $3 AND t.status = 'FINISHED' AND t.served_by IS NOT NULL
      GROUP BY t.service_code, t.served_by ORDER BY t.service_code, t.served_by""";

  private final String hallId;

  public PgConsistencyRepository(String hallId) {
    this.hallId = hallId;
  }

  public Future<List<ClerkFigures>> figures(SqlClient sql, LocalDate from, LocalDate to) {
    return sql.preparedQuery(FIGURES).execute(Tuple.of(hallId, from, to)).map(rows -> {
      List<ClerkFigures> figures = new ArrayList<>();
      for (Row row : rows) {
        Number mean = row.getNumeric("mean_score");
        figures.add(new ClerkFigures(row.getString("service_code"), row.getString("clerk"), row.getLong("finished"),
            row.getDouble("median_s"), row.getDouble("p90_s"), mean == null ? null : mean.doubleValue(), row.getLong("ratings")));
      }
      return figures;
    });
  }
}
