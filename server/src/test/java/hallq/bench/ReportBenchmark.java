package hallq.bench;

import hallq.support.Reply;
import hallq.support.TestDatabase;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast a 90-day report answers over about 3 million tickets. Generates 90 days of a busy hall in
 * the embedded PostgreSQL (test settings: fsync off), times the first report (which rolls the days
 * up), then each report grouping over HTTP several times, and prints the medians. Run with
 * {@code server/bench/report-benchmark.sh}.
 */
public final class ReportBenchmark {
  static final int DAYS = 90;
  static final int PER_SERVICE_PER_DAY = 5_556;  // × 6 services × 90 days ≈ 3.0 million tickets
  static final int RUNS = 3;

  private static final String GENERATE = """
      INSERT INTO ticket (id, hall_id, service_code, service_day, seq, number, status, counter_no, issued_at, queued_at, rank_at,
        called_at, started_at, ended_at, served_by)
      SELECT gen_random_uuid(), 'demo', s.code, d.day, n.seq, s.prefix || n.seq, x.status, x.counter_no, x.issued, x.issued, x.issued,
        x.called, CASE WHEN x.status = 'FINISHED' THEN x.called + interval '1 minute' END,
        CASE WHEN x.status = 'FINISHED' THEN x.called + interval '1 minute' + x.service END,
        'clerk' || lpad(x.counter_no::text, 2, '0')
      FROM (SELECT date '2026-08-01' + i AS day FROM generate_series(0, $1::int - 1) AS g(i)) d
      CROSS JOIN (SELECT code, prefix FROM service_type WHERE hall_id = 'demo') s
      CROSS JOIN generate_series(1, $2::int) AS n(seq)
      CROSS JOIN LATERAL (SELECT
          ((d.day + time '08:30') AT TIME ZONE 'Asia/Shanghai') + random() * interval '8 hours' AS issued,
          CASE WHEN random() < 0.08 THEN 'NO_SHOW' ELSE 'FINISHED' END AS status,
          1 + floor(random() * 12)::int AS counter_no,
          random() * interval '25 minutes' AS service) x0
      CROSS JOIN LATERAL (SELECT x0.*, x0.issued + random() * random() * interval '60 minutes' AS called) x""";

  private static final String RATE = """
      INSERT INTO rating (ticket_id, hall_id, counter_no, score, channel, rated_at, clerk)
      SELECT id, hall_id, counter_no, (ARRAY[1, 2, 3, 4, 4, 5, 5, 5, 5, 5])[1 + floor(random() * 10)::int], 'EVALUATION_PAD',
        ended_at + interval '10 seconds', served_by
      FROM ticket WHERE hall_id = 'demo' AND status = 'FINISHED' AND random() < 0.6""";

  private static final String FOLLOW_UP = """
      INSERT INTO follow_up_case (hall_id, ticket_id, number, service_code, counter_no, clerk, score, opened_at, deadline, step, closed_at)
      SELECT r.hall_id, r.ticket_id, t.number, t.service_code, r.counter_no, r.clerk, r.score, r.rated_at,
        (r.rated_at AT TIME ZONE 'Asia/Shanghai')::date + 7,
        CASE WHEN random() < 0.9 THEN 'CLOSED' ELSE 'VERIFY' END,
        CASE WHEN random() < 0.9 THEN r.rated_at + random() * interval '10 days' END
      FROM rating r JOIN ticket t ON t.id = r.ticket_id WHERE r.score <= 2""";

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    TestHall hall = TestHall.start(vertx, TestHall.testConfig(TestDatabase.newDatabaseUrl(), TestHall.tempDir(), raw -> {}));
    try {
      long start = System.nanoTime();
      // Minutes, not the tests' few seconds: wait as long as generating takes.
      hall.db.preparedQuery(GENERATE).execute(io.vertx.sqlclient.Tuple.of(DAYS, PER_SERVICE_PER_DAY)).await();
      hall.db.query(RATE).execute().await();
      hall.db.query(FOLLOW_UP).execute().await();
      hall.db.query("ANALYZE").execute().await();
      System.out.printf("generated %,d tickets, %,d ratings, %,d follow-up cases in %.1f s%n", hall.count("SELECT count(*) FROM ticket"),
          hall.count("SELECT count(*) FROM rating"), hall.count("SELECT count(*) FROM follow_up_case"), (System.nanoTime() - start) / 1e9);
      String manager = hall.manager();
      long cold = System.nanoTime();
      Reply first = hall.api.send(HttpMethod.GET, "/api/v1/reports?from=2026-08-01&to=2026-10-29&by=service", manager, null, null)
          .await(30, TimeUnit.MINUTES);
      System.out.printf("first report (rolls up the 90 days): %.1f s, HTTP %d%n", (System.nanoTime() - cold) / 1e9, first.status());
      for (String by : List.of("service", "counter", "clerk", "hour", "all")) {
        List<Double> seconds = new ArrayList<>();
        JsonObject last = null;
        for (int run = 0; run < RUNS; run++) {
          long t0 = System.nanoTime();
          Reply reply = hall.api.send(HttpMethod.GET, "/api/v1/reports?from=2026-08-01&to=2026-10-29&by=" + by, manager, null, null)
              .await(15, TimeUnit.MINUTES);
          seconds.add((System.nanoTime() - t0) / 1e9);
          if (reply.status() != 200) {
            throw new IllegalStateException(reply.toString());
          }
          last = reply.body();
        }
        Collections.sort(seconds);
        System.out.printf("by=%-8s median %.2f s  (runs: %s)  total issued %,d%n", by, seconds.get(RUNS / 2), seconds,
            last.getJsonObject("total").getLong("issued"));
      }
    } finally {
      hall.close();
      vertx.close().await();
    }
    System.exit(0);
  }
}
