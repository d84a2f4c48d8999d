package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.SseClient;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The device-job outbox as a bridge sees it: kiosk-1 and counters 1–3 belong to counter-bridge in the demo hall. */
class BridgeJobsIT extends HallTest {
  static final String BRIDGE = "demo-counter-bridge-token-change-me";
  private static final String KIOSK_2 = "demo-kiosk-2-token-change-me";
  private static final Duration QUIET = Duration.ofMillis(700);

  @Test
  @DisplayName("取号生成打印任务：号码、前面人数、带密钥的二维码链接；无桥接的取号机不生成")
  void issuingAtABridgedKioskQueuesAPrintJob(Vertx vertx) throws InterruptedException {
    hall.issue("SOCIAL_INSURANCE");
    JsonObject second = hall.issue("SOCIAL_INSURANCE");
    Reply atKiosk2 = hall.api.post("/api/v1/tickets", KIOSK_2, new JsonObject().put("serviceCode", "SOCIAL_INSURANCE"));
    assertEquals(201, atKiosk2.status());

    try (SseClient jobs = jobs(vertx)) {
      JsonObject first = jobs.next().json();
      assertEquals("PRINT_TICKET", first.getString("kind"));
      JsonObject print = jobs.next().json();
      assertEquals("kiosk-1", print.getString("kioskId"));
      JsonObject printout = print.getJsonObject("payload");
      assertEquals(second.getString("number"), printout.getString("number"));
      assertEquals(1, printout.getInteger("peopleAhead"));
      assertEquals("临江市民服务中心", printout.getString("hallName"));
      assertEquals("社保医保", printout.getString("serviceName"), printout.encode());
      assertEquals("2026-11-27 09:00", printout.getString("issuedAt"));
      assertTrue(printout.getString("ticketUrl").endsWith("/ticket.html?id=" + second.getString("id") + "&key=" + second.getString("citizenKey")),
          printout.getString("ticketUrl"));
      assertNull(jobs.poll(QUIET), "no job for kiosk-2, which no bridge drives");
    }
  }

  @Test
  @DisplayName("未确认的任务在重连后重发；确认过的不再发；新的屏显任务取代旧的")
  void pendingJobsAreRedeliveredUntilDone(Vertx vertx) throws InterruptedException {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String clerk = hall.clerk(1);
    long printJob;
    try (SseClient jobs = jobs(vertx)) {
      printJob = jobs.next().id();
      assertEquals(200, hall.counterOp(1, "call-next", clerk).status());
      JsonObject call = jobs.next().json();
      assertEquals("SHOW_ON_SIGN", call.getString("kind"));
      assertEquals(new JsonObject().put("shows", "CALL").put("number", ticket.getString("number")).put("counterNo", 1),
          call.getJsonObject("payload"));
    }
    assertEquals(200, hall.counterOp(1, "pause", clerk).status());
    try (SseClient jobs = jobs(vertx)) {
      assertEquals(printJob, jobs.next().id(), "the unacknowledged print job comes again");
      JsonObject paused = jobs.next().json();
      assertEquals("PAUSED", paused.getJsonObject("payload").getString("shows"), "the call was superseded by 暂停服务");
      assertEquals(200, outcome(printJob, "DONE").status());
      assertEquals(200, outcome(printJob, "DONE").status(), "a repeated acknowledgement is harmless");
    }
    try (SseClient jobs = jobs(vertx)) {
      assertEquals("SHOW_ON_SIGN", jobs.next().json().getString("kind"));
      assertNull(jobs.poll(QUIET), "the printed ticket is not sent again");
    }
    assertEquals(1L, hall.count("SELECT count(*) FROM device_job WHERE outcome = 'SUPERSEDED'"));
  }

  @Test
  @DisplayName("办结后评价器请求评价；按键成为该号的评价（含差评原因），同一请求只能评一次")
  void aPadKeyPressBecomesTheRating(Vertx vertx) {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String clerk = hall.clerk(1);
    for (String op : new String[] {"call-next", "start", "finish"}) {
      assertEquals(200, hall.counterOp(1, op, clerk).status(), op);
    }
    JsonObject request;
    try (SseClient jobs = jobs(vertx)) {
      request = nextOfKind(jobs, "RATING_REQUEST");
    }
    assertEquals(ticket.getString("id"), request.getString("ticketId"));
    assertEquals(ticket.getString("number"), request.getJsonObject("payload").getString("number"));
    long id = request.getLong("id");

    Reply rated = rate(id, new JsonObject().put("score", 2).put("reason", "POOR_ATTITUDE"));
    assertEquals(200, rated.status(), rated.toString());
    assertEquals("EVALUATION_PAD", rated.body().getString("channel"));
    assertEquals(200, rate(id, new JsonObject().put("score", 2).put("reason", "POOR_ATTITUDE")).status(), "a retry of the same press");
    assertEquals("RATING_REQUEST_CLOSED", rate(id, new JsonObject().put("score", 5)).errorCode());
    assertEquals("RATED", outcome(id, "TIMED_OUT").body().getString("outcome"), "a late timeout does not undo the rating");

    JsonObject stored = hall.api.get("/api/v1/tickets/" + ticket.getString("id"), hall.manager()).body().getJsonObject("rating");
    assertEquals(2, stored.getInteger("score"));
    assertEquals("POOR_ATTITUDE", stored.getString("reason"));
    assertEquals(1L, hall.count("SELECT count(*) FROM rating"));
    assertEquals("NOTHING_TO_RATE", hall.counterOp(1, "rating-request", clerk).errorCode(), "it is rated already");
  }

  @Test
  @DisplayName("评价超时则不评价；请评价可再次发起；原因只属于差评")
  void aTimedOutRequestLeavesTheTicketUnrated(Vertx vertx) {
    hall.issue("SOCIAL_INSURANCE");
    String clerk = hall.clerk(1);
    for (String op : new String[] {"call-next", "start", "finish"}) {
      hall.counterOp(1, op, clerk);
    }
    try (SseClient jobs = jobs(vertx)) {
      long first = nextOfKind(jobs, "RATING_REQUEST").getLong("id");
      assertEquals("TIMED_OUT", outcome(first, "TIMED_OUT").body().getString("outcome"));
      assertEquals("RATING_REQUEST_CLOSED", rate(first, new JsonObject().put("score", 4)).errorCode());

      assertEquals(200, hall.counterOp(1, "rating-request", clerk).status());
      long again = nextOfKind(jobs, "RATING_REQUEST").getLong("id");
      Reply reasonOnGood = rate(again, new JsonObject().put("score", 4).put("reason", "LONG_WAIT"));
      assertEquals(400, reasonOnGood.status());
      assertEquals("reason", reasonOnGood.errorField());
      assertEquals(200, rate(again, new JsonObject().put("score", 4)).status());
    }
    assertEquals(1L, hall.count("SELECT count(*) FROM rating"));
  }

  @Test
  @DisplayName("呼叫器按键代表该窗口已登录的办事员；无人登录时拒绝；显示号码或 NONE")
  void keypadKeysActForTheClerkSignedIn() {
    assertEquals("NO_CLERK_SIGNED_IN", key(1, "CALL_NEXT").errorCode());
    hall.clerk(1);
    Reply none = key(1, "CALL_NEXT");
    assertEquals(200, none.status(), none.toString());
    assertEquals("NONE", none.body().getString("display"));

    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    assertEquals(ticket.getString("number"), key(1, "CALL_NEXT").body().getString("display"));
    assertEquals(ticket.getString("number"), key(1, "RECALL").body().getString("display"));
    assertEquals(ticket.getString("number"), key(1, "START").body().getString("display"));
    assertEquals("", key(1, "FINISH").body().getString("display"));
    assertEquals("PAUSE", key(1, "PAUSE_RESUME").body().getString("display"));
    assertEquals("COUNTER_PAUSED", key(1, "CALL_NEXT").errorCode());
    assertEquals("", key(1, "PAUSE_RESUME").body().getString("display"));
    assertEquals(List.of("TICKET_ISSUED", "TICKET_CALLED", "TICKET_RECALLED", "SERVICE_STARTED", "SERVICE_FINISHED"),
        hall.eventTypes(ticket.getString("id")));
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'SERVICE_FINISHED' AND actor = 'clerk01'"));

    assertEquals(403, key(4, "CALL_NEXT").status(), "counter 4 has no bridge");
    assertEquals(403, Api.await(hall.api.send(HttpMethod.POST, "/api/v1/bridge/counters/1/keys", hall.clerk(2),
        new JsonObject().put("key", "CALL_NEXT"), null)).status(), "only a bridge presses keypad keys");
    Reply badKey = key(1, "SELF_DESTRUCT");
    assertEquals(400, badKey.status());
    assertEquals("key", badKey.errorField());
  }

  @Test
  @DisplayName("桥接程序上报串口设备在线/离线，变化时推送事件；只能报自己管的；结果不能乱报")
  void bridgeReportsItsDevices(Vertx vertx) throws InterruptedException {
    JsonObject unplugged = new JsonObject().put("kind", "PRINTER").put("kioskId", "kiosk-1").put("online", false)
        .put("detail", "/dev/serial/by-id/printer: unplugged");
    try (SseClient events = SseClient.open(vertx, hall.server.port(), "/api/v1/events", hall.manager(), null)) {
      events.next();
      Reply saved = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/bridge/devices/printer-1", BRIDGE, unplugged, null));
      assertEquals(200, saved.status(), saved.toString());
      SseClient.Event offline = events.next();
      assertEquals("DEVICE_STATUS", offline.type());
      assertEquals(false, offline.payload().getBoolean("online"));
      Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/bridge/devices/printer-1", BRIDGE, unplugged.copy().put("detail", "still"), null));
      assertNull(events.poll(QUIET), "no event while nothing changes");
      Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/bridge/devices/printer-1", BRIDGE, unplugged.copy().put("online", true), null));
      assertEquals(true, events.next().payload().getBoolean("online"));
    }
    JsonObject overview = hall.api.get("/api/v1/devices", hall.manager()).body();
    JsonObject listed = overview.getJsonArray("bridgeDevices").getJsonObject(0);
    assertEquals(true, listed.getBoolean("online"));
    assertEquals("counter-bridge", listed.getString("bridgeId"));
    assertEquals(List.of("kiosk-1", "kiosk-2"), overview.getJsonArray("printers").stream()
        .map(p -> ((JsonObject) p).getString("deviceId")).toList());

    JsonObject notMine = new JsonObject().put("kind", "SIGN").put("counterNo", 7).put("online", true).put("detail", "");
    assertEquals(403, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/bridge/devices/sign-7", BRIDGE, notMine, null)).status());
    assertEquals(403, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/bridge/devices/printer-1", TestHall.KIOSK, unplugged, null)).status());

    hall.issue("SOCIAL_INSURANCE");
    long job = hall.count("SELECT max(id) FROM device_job");
    Reply rated = outcome(job, "RATED");
    assertEquals(400, rated.status());
    assertEquals("outcome", rated.errorField());
    assertEquals("outcome", outcome(job, "TIMED_OUT").errorField(), "a print job does not time out like a pad");
    assertEquals("JOB_NOT_FOUND", outcome(job + 1000, "DONE").errorCode());
    assertEquals(0L, hall.count("SELECT count(*) FROM device_job WHERE done_at IS NOT NULL"));
  }

  @Test
  @DisplayName("任务的编号不按提交顺序时也不会漏发：后提交的小编号任务照样送到")
  void aJobCommittedAfterALaterIdIsStillSent(Vertx vertx) throws InterruptedException {
    try (SseClient jobs = jobs(vertx)) {
      SqlConnection slow = Api.await(hall.db.getConnection());
      try {
        Transaction open = Api.await(slow.begin());
        long lowerId = Api.await(slow.query("INSERT INTO device_job (hall_id, kind, kiosk_id, payload, created_at) "
            + "VALUES ('demo', 'PRINT_TICKET', 'kiosk-1', '{}', now()) RETURNING id").execute()).iterator().next().getLong(0);
        hall.issue("SOCIAL_INSURANCE");
        long higherId = jobs.next().id();
        assertTrue(higherId > lowerId, "the ticket's job got the larger id and was sent first");
        Api.await(open.commit());
        hall.issue("SOCIAL_INSURANCE");
        List<Long> next = List.of(jobs.next().id(), jobs.next().id());
        assertTrue(next.contains(lowerId), "the job with the smaller id, committed later, is sent: " + next);
      } finally {
        Api.await(slow.close());
      }
    }
  }

  private SseClient jobs(Vertx vertx) {
    SseClient jobs = SseClient.open(vertx, hall.server.port(), "/api/v1/bridge/jobs", BRIDGE, null);
    assertEquals(200, jobs.status());
    return jobs;
  }

  private static JsonObject nextOfKind(SseClient jobs, String kind) {
    for (int i = 0; i < 10; i++) {
      JsonObject job = jobs.next().json();
      if (job.getString("kind").equals(kind)) {
        return job;
      }
    }
    throw new AssertionError("no " + kind + " job");
  }

  private Reply outcome(long jobId, String outcome) {
    return hall.api.post("/api/v1/bridge/jobs/" + jobId + "/outcome", BRIDGE, new JsonObject().put("outcome", outcome));
  }

  private Reply rate(long jobId, JsonObject body) {
    return hall.api.post("/api/v1/bridge/jobs/" + jobId + "/rating", BRIDGE, body);
  }

  private Reply key(int counterNo, String key) {
    return hall.api.post("/api/v1/bridge/counters/" + counterNo + "/keys", BRIDGE, new JsonObject().put("key", key));
  }
}
