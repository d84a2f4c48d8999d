package hallq.fault;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.fault.HostileRequests.Defect;
import hallq.fault.HostileRequests.Request;
import hallq.http.ApiVerticle;
import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #6: 50,000 malformed or hostile requests with a fixed seed, over real HTTP, 24 in flight,
 * across every operation of the contract. None may fail the server (5xx, hang), every refusal
 * has the one error shape, the server serves normally afterwards, and the database is exactly as
 * it was: every request is refused by construction ({@link HostileRequests}), so nothing may change.
 */
@ExtendWith(VertxExtension.class)
class ApiFuzzIT {
  private static final long SEED = 0x6A11_F022L;
  private static final int REQUESTS = 50_000;
  private static final int IN_FLIGHT = 24;
  private static final int SHOWN = 8;
  private static final String KIOSK_2 = "demo-kiosk-2-token-change-me";
  private static final String BRIDGE = "demo-counter-bridge-token-change-me";

  private TestHall hall;

  /** What came back for one request: a status (0 if the exchange failed) and the body. */
  record Outcome(Request request, int status, String contentType, Buffer body, Throwable failure, long millis) {
    String describe() {
      String reply = failure != null ? failure.toString() : status + " " + (body == null ? "" : excerpt(body.toString()));
      return request.describe() + " → " + reply;
    }
  }

  @AfterEach
  void stopHall() {
    if (hall != null) {
      hall.close();
    }
  }

  @Test
  @Timeout(value = 4, timeUnit = TimeUnit.MINUTES)
  @DisplayName("5 万个恶意请求：没有 5xx、统一的错误格式、服务仍可用、数据不变")
  void hostileRequestsAreRefusedWithoutHarm(Vertx vertx) {
    // Alert checks run on a timer, not on a request: keep them out of the window the data is compared in.
    hall = TestHall.start(vertx, raw -> raw.put("alerts", new JsonObject().put("checkSeconds", 3600).put("counterPausedMinutes", 30)));
    List<String> tickets = new ArrayList<>();
    tickets.add(hall.issue("SOCIAL_INSURANCE").getString("id"));
    tickets.add(hall.issue("REAL_ESTATE", "ELDERLY").getString("id"));
    tickets.add(hall.issue("CONSULTATION").getString("id"));
    String clerk1 = hall.clerk(1);
    HostileRequests.Fixture fixture = new HostileRequests.Fixture(TestHall.KIOSK, KIOSK_2, TestHall.DISPLAY, BRIDGE, clerk1,
        hall.manager(), tickets);
    HostileRequests requests = new HostileRequests(SEED, Api.await(OpenAPIContract.from(vertx, ApiVerticle.CONTRACT)), fixture);
    Map<String, String> before = snapshot(hall.db);

    long started = System.nanoTime();
    List<Outcome> outcomes = send(vertx, requests);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    report(outcomes, millis);

    assertEquals(REQUESTS, outcomes.size());
    assertAll(
        () -> assertNone("replies with status ≥ 500", outcomes, o -> o.status() >= 500),
        () -> assertNone("exchanges that failed (no reply, a hang, a reset) other than on an oversized body", outcomes,
            o -> o.status() == 0 && o.request().defect() != Defect.BODY_TOO_LARGE),
        () -> assertNone("refusals without the error shape {\"error\":{\"code\",\"message\"}}", outcomes, o -> !hasErrorShape(o)),
        () -> assertNone("changes accepted though every request is refused by construction", outcomes,
            o -> o.status() >= 200 && o.status() < 300 && o.request().method() != HttpMethod.GET));
    assertEquals(requests.operationIds().size(), outcomes.stream().map(o -> o.request().operationId()).distinct().count(),
        "every operation of the contract was fuzzed");
    assertEquals(before, snapshot(hall.db), "the refused requests changed no row of any table");
    servesNormally(clerk1);
  }

  /** Sends every request with at most {@link #IN_FLIGHT} in flight; each lane sends its next one when its last one is answered. */
  private List<Outcome> send(Vertx vertx, HostileRequests requests) {
    HttpClientAgent client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hall.server.port()).setMaxInitialLineLength(64 * 1024),
        new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    List<Outcome> outcomes = new ArrayList<>(REQUESTS);
    AtomicInteger issued = new AtomicInteger();
    Set<Request> inFlight = ConcurrentHashMap.newKeySet();
    List<Future<Void>> lanes = IntStream.range(0, IN_FLIGHT).mapToObj(i -> {
      Promise<Void> done = Promise.promise();
      lane(client, requests, issued, inFlight, outcomes, done);
      return done.future();
    }).toList();
    try {
      Future.all(lanes).await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      String probe;
      try {
        probe = hall.api.get("/api/v1/hall", null).status() + "";
      } catch (AssertionError stuck) {
        probe = stuck.toString();
      }
      throw new AssertionError("the fuzz did not finish: " + e + " after " + outcomes.size() + " replies (GET /hall now: " + probe + "); waiting for:\n  "
          + inFlight.stream().limit(SHOWN).map(Request::describe).collect(Collectors.joining("\n  ")), e);
    } finally {
      client.close();
    }
    return outcomes;
  }

  private void lane(HttpClientAgent client, HostileRequests requests, AtomicInteger issued, Set<Request> inFlight, List<Outcome> outcomes,
      Promise<Void> done) {
    if (issued.getAndIncrement() >= REQUESTS) {
      done.complete();
      return;
    }
    Request request;
    try {
      request = requests.next();
    } catch (RuntimeException e) {
      done.fail(e);
      return;
    }
    inFlight.add(request);
    exchange(client, request).onComplete(result -> {
      inFlight.remove(request);
      synchronized (outcomes) {
        outcomes.add(result.result());
      }
      // the next request on a fresh stack: a reply that completes at once must not nest 50,000 deep
      hall.vertx.runOnContext(v -> lane(client, requests, issued, inFlight, outcomes, done));
    });
  }

  /** One request; an event stream (opened by a valid token with bad noise) counts by its status and is closed at once. */
  private static Future<Outcome> exchange(HttpClientAgent client, Request request) {
    RequestOptions options = new RequestOptions()
        .setMethod(request.method())
        .setURI(request.uri())
        .setHeaders(request.headers())
        .setIdleTimeout(10_000);
    long sent = System.nanoTime();
    Future<HttpClientRequest> opened;
    try {
      opened = client.request(options);
    } catch (RuntimeException e) {
      opened = Future.failedFuture(e);
    }
    return opened
        .compose(http -> (request.body() == null ? http.send() : http.send(request.body()))
            .compose(response -> isEventStream(response)
                ? http.reset().otherwiseEmpty().map(v -> outcome(request, response, Buffer.buffer()))
                : response.body().map(body -> outcome(request, response, body))))
        .otherwise(e -> new Outcome(request, 0, null, null, e, 0))
        .map(o -> new Outcome(o.request(), o.status(), o.contentType(), o.body(), o.failure(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)));
  }

  private static boolean isEventStream(HttpClientResponse response) {
    String type = response.getHeader("Content-Type");
    return type != null && type.startsWith("text/event-stream");
  }

  private static Outcome outcome(Request request, HttpClientResponse response, Buffer body) {
    return new Outcome(request, response.statusCode(), response.getHeader("Content-Type"), body, null, 0);
  }

  /**
   * A 4xx with a body must be {"error": {"code", "message"}}. Exempt: HEAD (no body by definition) and
   * empty bodies, which only the HTTP codec sends, before any handler runs (431 header too large, 400 for a
   * request line it cannot parse): those never reach the router and its one failure handler.
   */
  private static boolean hasErrorShape(Outcome o) {
    if (o.status() < 400 || o.status() >= 500 || o.request().method() == HttpMethod.HEAD || o.body() == null || o.body().length() == 0) {
      return true;
    }
    try {
      JsonObject error = o.body().toJsonObject().getJsonObject("error");
      return o.contentType() != null && o.contentType().startsWith("application/json")
          && error.getValue("code") instanceof String && error.getValue("message") instanceof String;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void assertNone(String what, List<Outcome> outcomes, Predicate<Outcome> bad) {
    List<Outcome> found = outcomes.stream().filter(bad).toList();
    if (!found.isEmpty()) {
      StringBuilder message = new StringBuilder(found.size() + " " + what + "; the first ones:");
      found.stream().limit(SHOWN).forEach(o -> message.append("\n  ").append(o.describe()));
      throw new AssertionError(message.toString());
    }
  }

  /** Every table of the hall's schema: its row count and the md5 of its rows in a fixed order. */
  private static Map<String, String> snapshot(Pool db) {
    Map<String, String> tables = new TreeMap<>();
    var names = Api.await(db.query("""
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""").execute());
    for (Row row : names) {
      String table = row.getString(0);
      Row digest = Api.await(db.query("SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
          + " FROM \"" + table + "\" t").execute()).iterator().next();
      tables.put(table, digest.getString(0));
    }
    assertTrue(tables.size() > 5, "the snapshot sees the hall's tables: " + tables.keySet());
    return tables;
  }

  /** After the fuzz a citizen still gets a ticket, and the clerk calls, starts and finishes it. */
  private void servesNormally(String clerk1) {
    hall.issue("SOCIAL_INSURANCE");
    for (String op : List.of("call-next", "start", "finish")) {
      Reply reply = hall.counterOp(1, op, clerk1);
      assertEquals(200, reply.status(), op + " after the fuzz: " + reply);
    }
  }

  private static void report(List<Outcome> outcomes, long millis) {
    Map<String, Integer> byClass = new TreeMap<>();
    Map<Defect, Integer> byDefect = new EnumMap<>(Defect.class);
    Map<Defect, Long> slowest = new EnumMap<>(Defect.class);
    for (Outcome o : outcomes) {
      byClass.merge(o.status() == 0 ? "no reply" : o.status() / 100 + "xx", 1, Integer::sum);
      byDefect.merge(o.request().defect(), 1, Integer::sum);
      slowest.merge(o.request().defect(), o.millis(), Math::max);
    }
    System.out.printf("API fuzz: %d requests in %d ms (%.0f/s), seed %#x%n  by status class: %s%n  by defect: %s%n  slowest reply (ms) by defect: %s%n",
        outcomes.size(), millis, outcomes.size() * 1000.0 / Math.max(1, millis), SEED, byClass, byDefect, slowest);
  }

  private static String excerpt(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
