package hallq.bench;

import hallq.bridge.printer.QrMode;
import hallq.bridge.printer.TicketPrintout;
import hallq.db.Database;
import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.ServerProcess;
import hallq.support.TempDirs;
import hallq.support.TestDatabase;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * HallQ's load benchmark: an embedded PostgreSQL with production settings (fsync on), HallQ server
 * processes built from this checkout, and clients over real HTTP on loopback. Prints a table of
 * medians over {@link #ROUNDS} rounds. Run with {@code mvn -B -Pbenchmark verify} (see README).
 */
public final class LoadBenchmark {
  /** The parts to run, named in the first argument ({@code -Dbench.parts=issue,call}): printer, issue, call, push. */
  private static final String ALL_PARTS = "all";
  static final int ROUNDS = 3;
  static final int CLIENTS = 32;
  static final int ISSUE_WARMUP = 500;
  /**
   * A new server's JIT compiler takes most of its CPU for its first seconds, so a server is warmed
   * first: kiosks issue tickets that their citizens cancel at once (so no queue is left behind).
   */
  static final int SERVER_WARMUP_PAIRS = 6_000;
  static final int ISSUES = 3_000;
  static final int COUNTERS = 50;
  static final int WAITING = 10_000;
  static final int CALL_WARMUP = 3_000;
  static final int DISPLAYS = 2_000;
  static final int FAN_OUT_CALLS = 30;
  /** The server runs as `./hallq` runs it: the launcher's default HALLQ_JAVA_OPTS. */
  static final List<String> JVM = List.of("-Xmx256m");
  /** Services with no daily quota in the demo config (REAL_ESTATE's 300 would refuse the load). */
  private static final String[] SERVICES = {"SOCIAL_INSURANCE", "HOUSING_FUND", "HOUSEHOLD_ENTRY_EXIT", "BUSINESS_SETUP", "CONSULTATION"};

  private final Vertx vertx;
  private final Database postgres;
  private final ResultTable table = new ResultTable();
  private final AtomicInteger databases = new AtomicInteger();
  /** With {@code -Dbench.statements=true}: the first round of each part prints where its database time went. */
  private final StatementProfile statements;

  private LoadBenchmark(Vertx vertx, Database postgres, boolean profileStatements) {
    this.vertx = vertx;
    this.postgres = postgres;
    this.statements = profileStatements ? new StatementProfile(vertx, postgres.connectOptions()) : null;
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    boolean profileStatements = Boolean.getBoolean("bench.statements");
    Database postgres = TempDirs.embeddedPostgres("hallq-bench", true, profileStatements ? StatementProfile.SETTINGS : Map.of());
    try {
      LoadBenchmark bench = new LoadBenchmark(vertx, postgres, profileStatements);
      Set<String> parts = Set.of((args.length == 0 ? ALL_PARTS : args[0]).split(","));
      if (parts.contains("all") || parts.contains("printer")) {
        bench.printerBytes();
      }
      if (parts.contains("all") || parts.contains("issue")) {
        bench.issueThroughput();
      }
      if (parts.contains("all") || parts.contains("call")) {
        bench.callContention();
      }
      if (parts.contains("all") || parts.contains("push")) {
        bench.pushFanOut();
      }
      System.out.println();
      System.out.println(bench.table.markdown());
    } finally {
      vertx.close().await();
    }
  }

  private void profileFrom(boolean profiled) {
    if (profiled && statements != null) {
      statements.reset();
    }
  }

  private void profileTo(boolean profiled, String run, String unit, long units) {
    if (profiled && statements != null) {
      statements.print(run, unit, units);
    }
  }

  private String newDatabase() {
    return TestDatabase.createDatabase(postgres, "hallq_bench_" + databases.incrementAndGet());
  }

  // ---- issue-ticket throughput against the database ceiling, 1 and 2 server instances ----

  private void issueThroughput() {
    Pool ceilingPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(CLIENTS))
        .connectingTo(PgConnectOptions.fromUri(newDatabase()).setCachePreparedStatements(true)).using(vertx).build();
    ceilingPool.query("CREATE TABLE ceiling_row (id bigserial PRIMARY KEY, payload text NOT NULL, "
        + "created_at timestamptz NOT NULL DEFAULT now())").execute().await();
    IntFunction<Future<String>> insert = i -> ceilingPool.preparedQuery("INSERT INTO ceiling_row (payload) VALUES ($1)")
        .execute(Tuple.of("row " + i)).map(rows -> null);
    List<ClosedLoop.Result> ceiling = new ArrayList<>();
    List<ClosedLoop.Result> one = new ArrayList<>();
    List<ClosedLoop.Result> two = new ArrayList<>();
    try {
      ClosedLoop.run(CLIENTS, ISSUE_WARMUP, insert);
      for (int round = 0; round < ROUNDS; round++) {
        ceiling.add(ClosedLoop.run(CLIENTS, ISSUES, insert));
        // Each run on a new database: a queue that grew in an earlier run would slow the next.
        one.add(issueRun(1, "one-" + round));
        two.add(issueRun(2, "two-" + round));
      }
    } finally {
      ceilingPool.close().await();
    }
    double ceilingRate = Rounds.medianRate(ceiling);
    double oneRate = Rounds.medianRate(one);
    table.add("database ceiling: single-row INSERT transactions, " + CLIENTS + " concurrent", rate(ceilingRate), "", "");
    table.add("issue ticket, 1 instance, " + CLIENTS + " clients", rate(oneRate),
        "≥ 70% of ceiling", percent(oneRate / ceilingRate));
    table.add("issue ticket p50 / p99 latency, 1 instance", millis(Rounds.median(one, 50)) + " / " + millis(Rounds.median(one, 99)),
        "p99 ≤ 50 ms", "");
    table.add("issue ticket, 2 instances (clients alternate)", rate(Rounds.medianRate(two)),
        "report 1 vs 2", "×" + String.format("%.2f", Rounds.medianRate(two) / oneRate));
    table.add("issue ticket p50 / p99 latency, 2 instances", millis(Rounds.median(two, 50)) + " / " + millis(Rounds.median(two, 99)), "", "");
    table.add("failed issue requests (all rounds)", Integer.toString(Rounds.failures(one) + Rounds.failures(two)), "0",
        Rounds.failureKinds(one, two));
  }

  /** {@link #ISSUES} tickets from {@link #CLIENTS} kiosks over {@code instances} fresh servers on a new database. */
  private ClosedLoop.Result issueRun(int instances, String run) {
    String url = newDatabase();
    List<ServerProcess> servers = new ArrayList<>();
    List<Api> apis = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        servers.add(ServerProcess.start(url, JVM, raw -> {}));
        apis.add(new Api(vertx, servers.get(i).port()));
      }
      ClosedLoop.Result warmUp = ClosedLoop.run(CLIENTS, SERVER_WARMUP_PAIRS, issueAndCancelAt(apis, run + "-warm"));
      if (warmUp.failures() > 0) {
        throw new IllegalStateException("the warm-up failed: " + warmUp.failuresByKind());
      }
      profileFrom(run.equals("one-0"));
      ClosedLoop.Result measured = ClosedLoop.run(CLIENTS, ISSUES, issueAt(apis, run));
      profileTo(run.equals("one-0"), "issue, 1 instance", "ticket", ISSUES);
      return measured;
    } finally {
      apis.forEach(Api::close);
      servers.forEach(ServerProcess::close);
    }
  }

  private static IntFunction<Future<String>> issueAt(List<Api> servers, String run) {
    return i -> {
      JsonObject body = new JsonObject().put("serviceCode", SERVICES[i % SERVICES.length]);
      if (i % 10 == 0) {
        body.put("priority", "ELDERLY");
      }
      MultiMap key = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "bench-" + run + "-" + i);
      return servers.get(i % servers.size()).send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK, body, key)
          .map(reply -> reply.status() == 201 ? null : describe(reply));
    };
  }

  private static IntFunction<Future<String>> issueAndCancelAt(List<Api> servers, String run) {
    return i -> {
      Api server = servers.get(i % servers.size());
      JsonObject body = new JsonObject().put("serviceCode", SERVICES[i % SERVICES.length]);
      return server.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK, body, null).compose(issued -> {
        if (issued.status() != 201) {
          return Future.succeededFuture(describe(issued));
        }
        MultiMap key = MultiMap.caseInsensitiveMultiMap().add("Ticket-Key", issued.body().getString("citizenKey"));
        return server.send(HttpMethod.POST, "/api/v1/tickets/" + issued.ticket().getString("id") + "/cancel", null, null, key)
            .map(cancelled -> cancelled.status() == 200 ? null : describe(cancelled));
      });
    };
  }

  // ---- call-next under contention ----

  private void callContention() {
    List<Double> rates = new ArrayList<>();
    List<Samples> latencies = new ArrayList<>();
    int twice = 0;
    Map<String, Integer> failed = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      String url = newDatabase();
      try (ServerProcess server = ServerProcess.start(url, JVM, LoadBenchmark::fiftyCounters)) {
        Api api = new Api(vertx, server.port());
        String manager = login(api);
        // The JIT warms on a first, smaller queue served to the end; then the measured one is issued.
        issueQueue(api, CALL_WARMUP, "warm");
        serveAll(api, manager, new Samples(), Collections.synchronizedSet(new HashSet<>()), new ConcurrentHashMap<>());
        issueQueue(api, WAITING, "wait");
        // In a hall these tickets come over hours and autovacuum analyzes the table meanwhile (within a
        // minute of a burst); here they came in seconds, and with no statistics the planner scans the day.
        onDatabase(url, "ANALYZE ticket");
        Samples calls = new Samples();
        Set<String> called = Collections.synchronizedSet(new HashSet<>());
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        profileFrom(round == 0);
        long wall = serveAll(api, manager, calls, called, failures);
        profileTo(round == 0, "call-next", "call-next cycle (call, start, finish)", calls.count());
        twice += countCalledTwice(url);
        failures.forEach((kind, n) -> failed.merge(kind, n, Integer::sum));
        if (called.size() != WAITING) {
          throw new IllegalStateException("called " + called.size() + " of " + WAITING + " tickets");
        }
        rates.add(calls.count() / (wall / 1e9));
        latencies.add(calls);
        api.close();
      }
    }
    table.add("call-next, " + COUNTERS + " counters over " + WAITING + " waiting (start + finish between calls)",
        rate(Rounds.median(rates)), "≥ 1,000 calls/s", "");
    table.add("call-next p50 / p99 latency", millis(Rounds.medianOf(latencies, 50)) + " / " + millis(Rounds.medianOf(latencies, 99)),
        "p99 ≤ 50 ms", "");
    table.add("tickets called twice (all rounds)", Integer.toString(twice), "0", "");
    table.add("counter requests failed (all rounds)", Integer.toString(failed.values().stream().mapToInt(Integer::intValue).sum()), "0",
        failed.toString());
  }

  private static void issueQueue(Api api, int tickets, String run) {
    ClosedLoop.Result issued = ClosedLoop.run(CLIENTS, tickets, issueAt(List.of(api), run));
    if (issued.failures() > 0) {
      throw new IllegalStateException("tickets were not issued: " + issued.failuresByKind());
    }
  }

  /** All counters call at once until the queue is empty; returns the wall time in nanoseconds. */
  private static long serveAll(Api api, String token, Samples calls, Set<String> called, Map<String, Integer> failures) {
    long start = System.nanoTime();
    List<Future<Void>> counters = new ArrayList<>();
    for (int c = 1; c <= COUNTERS; c++) {
      counters.add(serveUntilEmpty(api, token, c, calls, called, failures));
    }
    Future.all(counters).await();
    return System.nanoTime() - start;
  }

  /** Each counter serves 2 of the services, so queues mix and overlap; every counter may call every priority. */
  private static void fiftyCounters(JsonObject raw) {
    JsonArray counters = new JsonArray();
    for (int no = 1; no <= COUNTERS; no++) {
      counters.add(new JsonObject().put("no", no).put("name", "综合窗口 " + no)
          .put("services", new JsonArray().add(SERVICES[no % SERVICES.length]).add(SERVICES[(no + 1) % SERVICES.length])));
    }
    raw.put("counters", counters);
  }

  private static Future<Void> serveUntilEmpty(Api api, String token, int counter, Samples calls, Set<String> called,
      Map<String, Integer> failures) {
    long sent = System.nanoTime();
    return api.send(HttpMethod.POST, "/api/v1/counters/" + counter + "/call-next", token, null, null).compose(reply -> {
      calls.add(System.nanoTime() - sent);
      if (reply.status() != 200) {
        failures.merge("call-next " + describe(reply), 1, Integer::sum);
        return Future.succeededFuture();
      }
      JsonObject ticket = reply.body().getJsonObject("ticket");
      if (ticket == null) {
        return Future.succeededFuture();
      }
      if (!called.add(ticket.getString("id"))) {
        failures.merge("call-next returned a ticket already called", 1, Integer::sum);
      }
      return op(api, token, counter, "start", failures)
          .compose(v -> op(api, token, counter, "finish", failures))
          .compose(v -> serveUntilEmpty(api, token, counter, calls, called, failures));
    });
  }

  private static Future<Void> op(Api api, String token, int counter, String action, Map<String, Integer> failures) {
    return api.send(HttpMethod.POST, "/api/v1/counters/" + counter + "/" + action, token, null, null).map(reply -> {
      if (reply.status() != 200) {
        failures.merge(action + " " + describe(reply), 1, Integer::sum);
      }
      return null;
    });
  }

  private static String describe(Reply reply) {
    return reply.status() + (reply.body() != null && reply.body().containsKey("error") ? " " + reply.errorCode() : "");
  }

  private int countCalledTwice(String url) {
    return onDatabase(url, "SELECT count(*) FROM (SELECT ticket_id FROM ticket_event WHERE type = 'TICKET_CALLED' "
        + "GROUP BY ticket_id HAVING count(*) > 1) twice").iterator().next().getInteger(0);
  }

  private RowSet<Row> onDatabase(String url, String sql) {
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    try {
      return pool.query(sql).execute().await();
    } finally {
      pool.close().await();
    }
  }

  private static String login(Api api) {
    Reply reply = api.post("/api/v1/auth/login", null,
        new JsonObject().put("username", "manager").put("password", TestHall.MANAGER_PASSWORD));
    return reply.body().getString("token");
  }

  // ---- push fan-out ----

  private void pushFanOut() throws InterruptedException {
    String url = newDatabase();
    try (ServerProcess a = ServerProcess.start(url, JVM, raw -> {});
         ServerProcess b = ServerProcess.start(url, JVM, raw -> {})) {
      Api api = new Api(vertx, a.port());
      String manager = login(api);
      // Counter 1 calls them: its service.
      ClosedLoop.run(4, 2 * FAN_OUT_CALLS * ROUNDS, i -> api.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK,
          new JsonObject().put("serviceCode", "SOCIAL_INSURANCE"), null).map(reply -> reply.status() == 201 ? null : describe(reply)));
      List<Samples> oneInstance = new ArrayList<>();
      List<Samples> acrossInstances = new ArrayList<>();
      AtomicLong peakRss = new AtomicLong();
      for (int round = 0; round < ROUNDS; round++) {
        try (DisplayFleet fleet = DisplayFleet.connect(vertx, DISPLAYS, a.port())) {
          oneInstance.add(callAndMeasure(api, manager, fleet, DISPLAYS, () -> peakRss.accumulateAndGet(a.residentBytes(), Math::max)));
        }
        try (DisplayFleet onA = DisplayFleet.connect(vertx, DISPLAYS / 2, a.port());
             DisplayFleet onB = DisplayFleet.connect(vertx, DISPLAYS / 2, b.port())) {
          acrossInstances.add(callAndMeasure(api, manager, onB, DISPLAYS / 2, () -> { }));
        }
      }
      api.close();
      table.add("push fan-out: call reply → all " + DISPLAYS + " displays, p50 / p99",
          millis(Rounds.medianOf(oneInstance, 50)) + " / " + millis(Rounds.medianOf(oneInstance, 99)), "p99 ≤ 100 ms", "");
      table.add("server RSS with " + DISPLAYS + " displays (peak)", String.format("%.0f MB", peakRss.get() / 1048576.0),
          "≤ 512 MB", "");
      table.add("push across instances: call on A → " + DISPLAYS / 2 + " displays on B, p50 / p99",
          millis(Rounds.medianOf(acrossInstances, 50)) + " / " + millis(Rounds.medianOf(acrossInstances, 99)), "", "");
    }
  }

  /** Calls {@link #FAN_OUT_CALLS} tickets one after another; latency = arrival at a display − the call's HTTP reply. */
  private static Samples callAndMeasure(Api api, String manager, DisplayFleet fleet, int displays, Runnable sample)
      throws InterruptedException {
    List<String> numbers = new ArrayList<>();
    List<Long> replies = new ArrayList<>();
    for (int call = 0; call < FAN_OUT_CALLS; call++) {
      Reply reply = api.post("/api/v1/counters/1/call-next", manager);
      replies.add(System.nanoTime());
      numbers.add(reply.ticket().getString("number"));
      api.post("/api/v1/counters/1/start", manager);
      api.post("/api/v1/counters/1/finish", manager);
      sample.run();
      Thread.sleep(50);
    }
    if (!fleet.awaitAll(numbers, displays, 30_000)) {
      throw new IllegalStateException("not every display got every call");
    }
    Samples latencies = new Samples();
    for (int i = 0; i < numbers.size(); i++) {
      for (long arrived : fleet.arrivalsOf(numbers.get(i))) {
        latencies.add(Math.max(0, arrived - replies.get(i)));
      }
    }
    return latencies;
  }

  // ---- printer bytes ----

  private void printerBytes() {
    TicketPrintout ticket = new TicketPrintout("临江市民服务中心", "社保医保", "A012", "2026-12-02 09:05", 12,
        "http://192.168.10.20:8080/ticket.html?id=3f2b8c1e-5d4a-4e8f-9a61-2c7d0b9e4f13&key=BJMnhOgMaJH-0Elhb-BfdQ");
    for (QrMode mode : QrMode.values()) {
      int bytes = ticket.escPos(mode).length;
      // 9600 baud, 8N1: ten bits on the wire per byte.
      double seconds = bytes * 10 / 9600.0;
      table.add("ticket bytes to the printer, " + mode.name().toLowerCase() + " QR", String.format("%,d B (%.2f s at 9600 baud)", bytes, seconds),
          mode == QrMode.NATIVE ? "≤ 1 KB" : "", "");
    }
  }

  private static String rate(double perSecond) {
    return String.format("%,.0f /s", perSecond);
  }

  private static String millis(double ms) {
    return String.format("%.1f ms", ms);
  }

  private static String percent(double ratio) {
    return String.format("%.0f%%", ratio * 100);
  }
}
