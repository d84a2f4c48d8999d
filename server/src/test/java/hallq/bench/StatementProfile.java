package hallq.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.Map;

/**
 * Where a measured run's database time went ({@code -Dbench.statements=true}): PostgreSQL's
 * {@code pg_stat_statements}, summed over the run's databases, each statement's executions and time
 * per unit of work (a call-next cycle, an issued ticket). The statistics cost a little themselves, so
 * a profiled run's throughput is not one to report.
 */
final class StatementProfile {
  /** The server setting that loads the statistics at start. */
  static final Map<String, String> SETTINGS = Map.of("shared_preload_libraries", "pg_stat_statements");

  private static final String TOP = """
      SELECT sum(calls) AS calls, sum(total_exec_time) AS ms, sum(rows) AS rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS query
      FROM pg_stat_statements GROUP BY query ORDER BY ms DESC LIMIT 25""";

  private final Pool admin;

  StatementProfile(Vertx vertx, PgConnectOptions postgres) {
    this.admin = PgBuilder.pool().connectingTo(new PgConnectOptions(postgres).setDatabase("postgres")).using(vertx).build();
    admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute().await();
  }

  /** Forgets everything counted so far: the next measured run starts from zero. */
  void reset() {
    admin.query("SELECT pg_stat_statements_reset()").execute().await();
  }

  /** Prints the statements that took the most time since the last reset, per {@code units} of work. */
  void print(String run, String unit, long units) {
    System.out.printf("%nStatements of the measured %s run, per %s (%d in all):%n", run, unit, units);
    System.out.println("| executions / unit | ms / unit | ms / execution | rows / execution | statement |");
    System.out.println("|---|---|---|---|---|");
    for (Row row : admin.query(TOP).execute().await()) {
      long calls = row.getLong("calls");
      double ms = row.getDouble("ms");
      System.out.printf("| %.2f | %.3f | %.3f | %.1f | `%s` |%n", (double) calls / units, ms / units, ms / calls,
          (double) row.getLong("rows") / calls, row.getString("query").replace("|", "\\|"));
    }
  }

  void close() {
    admin.close().await();
  }
}
