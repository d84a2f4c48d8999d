package hallq.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.idcard.CardHolder;
import hallq.bridge.sim.IdCardReaderSimulator;
import hallq.bridge.sim.SimulatedDevices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kiosk's ID card reader end to end on this side of the server: the reader simulator on a real
 * pseudo-terminal, the bridge opening it through jssc, and a loopback HTTP server standing in for
 * HallQ's, which records the check-ins and device reports it receives.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdCardStationPtyTest {
  private static final String READER = "idreader-kiosk-1";
  private static final String TOKEN = "test-bridge-token";
  private static final CardHolder ZHANG_SAN = new CardHolder("330106199001191234", "张三");
  private static final CardHolder LI_SI = new CardHolder("11010519491231002X", "李四");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private record Posted(String authorization, JsonObject body) {}

  private final BlockingQueue<Posted> checkIns = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> reports = new LinkedBlockingQueue<>();
  private volatile int checkInStatus = 201;
  private Vertx vertx;
  private Path dir;
  private SimulatedDevices devices;
  private IdCardReaderSimulator reader;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    HttpServer server = vertx.createHttpServer()
        .requestHandler(this::serve)
        .listen(0, "127.0.0.1")
        .await();
    dir = Files.createTempDirectory("hallq-idcard");
    BridgeConfig config = BridgeConfigLoader.fromJson(new JsonObject()
        .put("server", new JsonObject().put("url", "http://127.0.0.1:" + server.actualPort()).put("token", TOKEN))
        .put("timing", new JsonObject()
            .put("reconnectMinMillis", 100)
            .put("reconnectMaxMillis", 400)
            .put("replyMillis", 300)
            .put("requestMillis", 3000)
            .put("idCardPollMillis", 50))
        .put("ports", new JsonArray().add(new JsonObject()
            .put("path", dir.resolve("usb-hallq-kiosk-1-idreader").toString())
            .put("baudRate", 115_200)
            .put("devices", new JsonArray().add(new JsonObject()
                .put("id", READER).put("kind", "IDREADER").put("kioskId", "kiosk-1"))))));
    devices = SimulatedDevices.start(config);
    reader = devices.idCardReader(READER);
    vertx.deployVerticle(new BridgeVerticle(config)).await();
  }

  @AfterEach
  void stop() throws IOException {
    if (vertx != null) {
      vertx.close().await();
    }
    if (devices != null) {
      devices.close();
    }
    Files.deleteIfExists(dir);
  }

  @Test
  @DisplayName("放卡 → 恰好一次签到请求；卡不拿走不再发；拿走再放 → 第二次")
  void oneCheckInPerPlacement() throws Exception {
    reader.place(ZHANG_SAN);
    Posted first = nextCheckIn();
    assertEquals("Bearer " + TOKEN, first.authorization());
    assertEquals(new JsonObject()
        .put("deviceId", READER)
        .put("kioskId", "kiosk-1")
        .put("idNumber", "330106199001191234")
        .put("name", "张三"), first.body());

    String demoPage = devices.toJson().encode();
    assertTrue(demoPage.contains("3301**********1234") && !demoPage.contains("330106199001191234"), demoPage);
    pollsPass(3);
    assertNull(checkIns.poll(), "the card stayed: no second check-in");
    assertEquals(1, reader.reads(), "the card stayed: not read again");

    reader.remove();
    pollsPass(1);
    reader.place(LI_SI);
    assertEquals("11010519491231002X", nextCheckIn().body().getString("idNumber"));
    pollsPass(2);
    assertNull(checkIns.poll());
  }

  @Test
  @DisplayName("读卡器上线时上报 IDREADER 状态（含丢帧数）")
  void theReaderReportsItselfOnline() throws Exception {
    JsonObject report = nextReport();
    assertEquals(new JsonObject()
        .put("kind", "IDREADER")
        .put("online", true)
        .put("detail", "opened; 0 bad frames dropped")
        .put("kioskId", "kiosk-1")
        .put("deviceId", READER), report);
  }

  @Test
  @DisplayName("校验错误的帧被丢弃、计数并上报，不产生签到；线路恢复后同一张卡只签到一次")
  void corruptedFramesAreDroppedCountedAndPostNothing() throws Exception {
    nextReport();
    reader.corruptNextReplies(1);
    JsonObject dropped = nextReport();
    assertEquals("opened; 1 bad frames dropped", dropped.getString("detail"));
    assertTrue(dropped.getBoolean("online"));
    assertNull(checkIns.poll());

    reader.corruptNextReplies(3);
    reader.place(ZHANG_SAN);
    assertEquals("330106199001191234", nextCheckIn().body().getString("idNumber"));
    pollsPass(2);
    assertNull(checkIns.poll(), "exactly one check-in once the line is clean");
    assertTrue(reports.stream().anyMatch(r -> r.getString("detail").endsWith("; 4 bad frames dropped")), reports::toString);
  }

  @Test
  @DisplayName("服务器返回 404：日志只有脱敏号码和错误码，程序不崩，下一张卡照常上送")
  void aRefusedCheckInIsLoggedMaskedAndPollingGoesOn() throws Exception {
    checkInStatus = 404;
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      reader.place(ZHANG_SAN);
      nextCheckIn();
      pollsPass(2);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("3301**********1234") && log.contains("NOT_FOUND"), log);
    assertFalse(log.contains("330106199001191234"), log);
    assertFalse(log.contains("张三"), log);

    checkInStatus = 201;
    reader.remove();
    pollsPass(1);
    reader.place(LI_SI);
    assertEquals("李四", nextCheckIn().body().getString("name"));
  }

  private void serve(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String path = request.path();
      if (path.equals("/api/v1/bridge/id-card")) {
        checkIns.add(new Posted(request.getHeader("Authorization"), body.toJsonObject()));
        JsonObject answer = checkInStatus == 201
            ? new JsonObject().put("ticket", new JsonObject().put("number", "A001"))
            // A server's message may repeat what it was sent: the bridge must not log it.
            : new JsonObject().put("error", new JsonObject().put("code", "NOT_FOUND").put("message", "no appointment for 330106199001191234"));
        request.response().setStatusCode(checkInStatus).end(answer.encode());
      } else if (path.startsWith("/api/v1/bridge/devices/")) {
        reports.add(body.toJsonObject().put("deviceId", path.substring(path.lastIndexOf('/') + 1)));
        request.response().end("{}");
      } else if (path.equals("/api/v1/bridge/jobs")) {
        // The job stream: held open with nothing in it (this bridge has no job-taking device).
        request.response().setChunked(true).putHeader("Content-Type", "text/event-stream").write(":\n\n");
      } else {
        request.response().setStatusCode(404).end();
      }
    });
  }

  /** Lets the bridge ask the reader {@code count} more times whether a card lies on it. */
  private void pollsPass(int count) throws InterruptedException {
    long target = reader.finds() + count;
    assertTrue(reader.awaitFinds(target, WAIT), "the bridge stopped polling the reader");
  }

  private Posted nextCheckIn() throws InterruptedException {
    Posted posted = checkIns.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(posted, "no check-in within " + WAIT);
    return posted;
  }

  private JsonObject nextReport() throws InterruptedException {
    JsonObject report = reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(report, "no device report within " + WAIT);
    return report;
  }
}
