package hallq.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.SseClient;
import hallq.support.TestHall;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL (a real server process, our own for this test) stops while kiosks issue tickets, then
 * comes back on the same data and port. HallQ keeps running throughout.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutageIT {
  private static final int KIOSKS = 4;
  private static final long FAIL_FAST_MS = 3_000;
  /** A kiosk waits a little after a refusal, as the kiosk app does before it tries again. */
  private static final long KIOSK_RETRY_PAUSE_MS = 20;
  private static final long RESUME_WITHIN_MS = 5_000;
  // Services without a daily quota, so only the outage refuses tickets.
  private static final String[] SERVICES = {"SOCIAL_INSURANCE", "HOUSING_FUND", "HOUSEHOLD_ENTRY_EXIT"};

  /** What one issue request got: 201 with a ticket id, or the error status and code. */
  private record Attempt(String key, String service, int status, String ticketId, String errorCode, long millis) {}

  @Test
  @DisplayName("数据库停机：请求快速返回 503；数据库恢复后 5 秒内恢复服务，已确认的数据一条不丢")
  void outageFailsFastAndLosesNothing(Vertx vertx) throws Exception {
    Path pgData = TestHall.tempDir().resolve("pg");
    int pgPort = freePort();
    EmbeddedPostgres pg = startPostgres(pgData, pgPort);
    try (TestHall hall = TestHall.start(vertx, TestHall.testConfig(
        "postgresql://postgres@localhost:" + pgPort + "/postgres", TestHall.tempDir(), raw -> {}))) {
      List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> kiosks = new ArrayList<>();
      for (int k = 0; k < KIOSKS; k++) {
        int kiosk = k;
        Thread thread = new Thread(() -> {
          for (int n = 0; running.get(); n++) {
            Attempt attempt = issue(hall.api, "outage-" + kiosk + "-" + n, SERVICES[n % SERVICES.length]);
            attempts.add(attempt);
            if (attempt.status() == 503) {
              pause(KIOSK_RETRY_PAUSE_MS);
            }
          }
        }, "kiosk-" + kiosk);
        thread.start();
        kiosks.add(thread);
      }
      try (SseClient display = SseClient.open(vertx, hall.server.port(), "/api/v1/events", TestHall.DISPLAY, null)) {
        Thread.sleep(1_000);
        pg.close();
        int beforeOutage = attempts.size();
        Thread.sleep(3_000);
        List<Attempt> duringOutage = List.copyOf(attempts.subList(beforeOutage, attempts.size()));
        Reply health = hall.api.get("/api/v1/health", null);
        assertEquals(503, health.status(), "the load balancer's health check sees the outage: " + health);
        pg = startPostgres(pgData, pgPort);
        long back = System.nanoTime();
        long resumedMs = awaitFirstSuccessAfter(attempts, attempts.size(), back);
        Thread.sleep(1_000);
        running.set(false);
        for (Thread kiosk : kiosks) {
          kiosk.join(30_000);
        }

        System.out.printf("Database outage: %d requests, %d while down (%d refused with 503, slowest %d ms), service back %d ms after PostgreSQL%n",
            attempts.size(), duringOutage.size(), duringOutage.stream().filter(a -> a.status() == 503).count(),
            duringOutage.stream().mapToLong(Attempt::millis).max().orElse(0), resumedMs);
        assertTrue(duringOutage.size() >= KIOSKS, "kiosks kept trying while the database was down: " + duringOutage.size());
        List<Attempt> refused = duringOutage.stream().filter(a -> a.status() == 503).toList();
        assertTrue(refused.size() >= duringOutage.size() - KIOSKS,
            "requests sent while the database was down get 503 (a few in flight at the stop may still succeed): " + duringOutage);
        assertTrue(refused.stream().allMatch(a -> "DATABASE_UNAVAILABLE".equals(a.errorCode())), "503 names the problem: " + refused);
        long slowest = refused.stream().mapToLong(Attempt::millis).max().orElse(0);
        assertTrue(slowest <= FAIL_FAST_MS, "refusals are fast: slowest " + slowest + " ms");
        assertTrue(attempts.stream().allMatch(a -> a.status() == 201 || a.status() == 503), "only 201 or 503: " + attempts);
        assertTrue(resumedMs <= RESUME_WITHIN_MS, "service resumed " + resumedMs + " ms after PostgreSQL was back");

        assertEquals(200, hall.api.get("/api/v1/health", null).status(), "healthy again");
        assertAcknowledgedTicketsKept(hall, attempts);
        assertPushResumes(hall, display);
      }
    } finally {
      pg.close();
    }
  }

  private static Attempt issue(Api api, String key, String service) {
    long start = System.nanoTime();
    Reply reply = Api.await(api.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK,
        new JsonObject().put("serviceCode", service), MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", key)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    // 200: a retried key whose first try had committed (its reply lost to the outage) gets that ticket back.
    return reply.status() == 201 || reply.status() == 200
        ? new Attempt(key, service, reply.status(), reply.ticket().getString("id"), null, millis)
        : new Attempt(key, service, reply.status(), null, reply.body() == null ? null : reply.errorCode(), millis);
  }

  private static long awaitFirstSuccessAfter(List<Attempt> attempts, int from, long sinceNanos) throws InterruptedException {
    long deadline = sinceNanos + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      synchronized (attempts) {
        if (attempts.subList(from, attempts.size()).stream().anyMatch(a -> a.status() == 201)) {
          return (System.nanoTime() - sinceNanos) / 1_000_000;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no ticket issued within 30 s after PostgreSQL came back");
  }

  /**
   * Every 201 is in the database; a refused request retried with its key gives at most one ticket,
   * whether or not its first try had committed.
   */
  private static void assertAcknowledgedTicketsKept(TestHall hall, List<Attempt> attempts) {
    Set<String> stored = new HashSet<>();
    Api.await(hall.db.query("SELECT id FROM ticket").execute()).forEach(row -> stored.add(row.getUUID("id").toString()));
    List<String> acknowledged = attempts.stream().filter(a -> a.status() == 201).map(Attempt::ticketId).toList();
    assertTrue(stored.containsAll(acknowledged), "every acknowledged ticket is stored");
    assertEquals(acknowledged.size(), new HashSet<>(acknowledged).size(), "no two replies name the same ticket");

    List<Attempt> refused = attempts.stream().filter(a -> a.status() != 201).toList();
    for (Attempt attempt : refused) {
      Attempt retry = issue(hall.api, attempt.key(), attempt.service());
      assertTrue(retry.status() == 201 || retry.status() == 200, "the retry of " + attempt.key() + " succeeds: " + retry);
    }
    long tickets = hall.count("SELECT count(*) FROM ticket");
    assertEquals(acknowledged.size() + refused.size(), tickets, "one ticket per request, none lost, none doubled");
    assertEquals(tickets, hall.count("SELECT count(DISTINCT (service_day, number)) FROM ticket"), "numbers stay unique");
  }

  private static void assertPushResumes(TestHall hall, SseClient display) {
    String number = hall.issue("BUSINESS_SETUP").getString("number");
    for (int i = 0; i < 10_000; i++) {
      SseClient.Event event = display.next();
      if ("TICKET_ISSUED".equals(event.type()) && number.equals(event.payload().getString("number"))) {
        return;
      }
    }
    throw new AssertionError("the display did not get " + number);
  }

  private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("fsync", "off")
        .start();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
