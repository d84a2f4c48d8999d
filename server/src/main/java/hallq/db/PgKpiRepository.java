package hallq.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KPI targets per period. */
public final class PgKpiRepository {
  private static final String CLEAR = "DELETE FROM kpi_target WHERE hall_id = $1 AND period = $2";
  private static final String ADD = "INSERT INTO kpi_target (hall_id, period, indicator, target, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)";
  private static final String TARGETS = "SELECT indicator, target FROM kpi_target WHERE hall_id = $1 AND period = $2 ORDER BY indicator";

  private final String hallId;

  public PgKpiRepository(String hallId) {
    this.hallId = hallId;
  }

  /** The period's targets become exactly these, in the caller's transaction. */
  public Future<Void> replace(SqlClient sql, String period, Map<String, Double> targets, String by, Instant at) {
    List<Tuple> rows = new ArrayList<>();
    targets.forEach((indicator, target) -> rows.add(Tuple.of(hallId, period, indicator, target, by, PgTicketRepository.time(at))));
    Future<Void> cleared = sql.preparedQuery(CLEAR).execute(Tuple.of(hallId, period)).mapEmpty();
    return rows.isEmpty() ? cleared : cleared.compose(v -> sql.preparedQuery(ADD).executeBatch(rows)).mapEmpty();
  }

  public Future<Map<String, Double>> targets(SqlClient sql, String period) {
    return sql.preparedQuery(TARGETS).execute(Tuple.of(hallId, period)).map(rows -> {
      Map<String, Double> targets = new LinkedHashMap<>();
      for (Row row : rows) {
        targets.put(row.getString("indicator"), row.getNumeric("target").doubleValue());
      }
      return targets;
    });
  }
}
