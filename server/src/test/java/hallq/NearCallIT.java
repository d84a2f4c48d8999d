package hallq;

import static hallq.support.ProvincialPlatform.Answer.FAIL;
import static hallq.support.ProvincialPlatform.Answer.HANG;
import static hallq.support.ProvincialPlatform.Answer.SLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.config.HallqConfig;
import hallq.support.Api;
import hallq.support.Eventually;
import hallq.support.ProvincialPlatform;
import hallq.support.Reply;
import hallq.support.TestDatabase;
import hallq.support.TestHall;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 到号提醒 by SMS: a citizen's number, stored encrypted; each reminder queued once with the call that makes it due, sent once. */
@ExtendWith(VertxExtension.class)
class NearCallIT {
  private static final long TIMEOUT_MILLIS = 400;
  private static final long SLOW_MILLIS = 1_200;
  private static final String TOKEN = "sms-gateway-token-1234";
  private static final String PHONE_6 = "13812345678";
  private static final String PHONE_2 = "13900001111";

  @Test
  @DisplayName("临近与叫到的短信各入待发箱一次；网关出错、不应答、应答过慢时重试，确认后不再重发")
  void eachReminderIsQueuedOnceAndSentOnceWhateverTheGatewayAnswers(Vertx vertx) {
    try (ProvincialPlatform gateway = ProvincialPlatform.startSmsGateway(vertx, SLOW_MILLIS).then(FAIL, HANG, SLOW, FAIL);
        TestHall hall = TestHall.start(vertx, gateway.smsConfig(TOKEN, TIMEOUT_MILLIS))) {
      List<JsonObject> tickets = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tickets.add(hall.issue("SOCIAL_INSURANCE"));
      }
      JsonObject sixth = tickets.get(5);
      Reply left = setContact(hall, sixth, PHONE_6);
      assertEquals(200, left.status(), left.toString());
      assertEquals("138****5678", left.body().getJsonObject("contact").getString("mobile"));
      assertFalse(left.body().encode().contains(PHONE_6));
      // The second ticket is already near (1 ahead): its reminder is queued with the number.
      assertEquals(200, setContact(hall, tickets.get(1), PHONE_2).status());
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'NEAR' AND ticket_number = 'A002' AND ahead = 1"));

      JsonObject page = hall.api.get("/api/v1/tickets/" + sixth.getString("id"), null).body();
      assertEquals(3, page.getJsonObject("nearCall").getInteger("aheadThreshold"));
      assertEquals("138****5678", page.getJsonObject("nearCall").getString("smsTo"));
      assertNull(hall.api.get("/api/v1/tickets/" + tickets.get(0).getString("id"), null).body().getJsonObject("nearCall").getValue("smsTo"));

      String clerk = hall.clerk(1);
      callAndServe(hall, clerk); // A001: A006 has 4 ahead
      assertEquals(0L, hall.count("SELECT count(*) FROM sms_outbox WHERE ticket_number = 'A006'"));
      callAndServe(hall, clerk); // A002 called: its own message; A006 has 3 ahead
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'CALLED' AND ticket_number = 'A002' AND counter_no = 1"));
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'NEAR' AND ticket_number = 'A006' AND ahead = 3"));
      callAndServe(hall, clerk); // 2 ahead: no second near-call message
      callAndServe(hall, clerk);
      callAndServe(hall, clerk);
      assertEquals(200, hall.counterOp(1, "call-next", clerk).status()); // A006
      assertEquals(200, hall.counterOp(1, "recall", clerk).status()); // a recall sends nothing more
      assertEquals(4L, hall.count("SELECT count(*) FROM sms_outbox"));
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'CALLED' AND ticket_number = 'A006'"));
      assertEquals(0L, hall.count("SELECT count(*) FROM ticket_contact WHERE open"), "every contact's called message is queued");

      Eventually.await("all 4 messages acknowledged", () -> hall.count("SELECT count(*) FROM sms_outbox WHERE acknowledged_at IS NOT NULL") == 4);
      assertEquals(4, gateway.acknowledgedCount());
      gateway.acknowledged.forEach((id, times) -> assertEquals(1, times.get(), id + " was acknowledged " + times + " times"));
      assertEquals(List.of(), gateway.sentAgainAfterAcknowledged);
      assertEquals(8, gateway.received.size(), "4 taken and 4 failed deliveries: " + gateway.received);
      assertEquals(8L, hall.count("SELECT sum(attempts) FROM sms_outbox"));
      assertTrue(gateway.authorizations.stream().allMatch(("Bearer " + TOKEN)::equals), gateway.authorizations.toString());

      Map<String, String> texts = new TreeMap<>();
      gateway.received.forEach(m -> texts.put(m.getString("mobile") + " " + m.getString("text"), m.getString("messageId")));
      String hallName = hall.config.hall().name();
      assertEquals(Set.of(
          PHONE_6 + " 【" + hallName + "】请 A006 号到 1 号窗口办理。",
          PHONE_6 + " 【" + hallName + "】您的 A006 号前面还有 3 人，请回到等候区。",
          PHONE_2 + " 【" + hallName + "】请 A002 号到 1 号窗口办理。",
          PHONE_2 + " 【" + hallName + "】您的 A002 号前面还有 1 人，请回到等候区。"), texts.keySet());
      assertTrue(texts.values().stream().allMatch(id -> id.startsWith("demo:sms:")), texts.toString());

      assertEquals(0L, hall.count("SELECT count(*) FROM ticket_contact c WHERE c::text LIKE '%" + PHONE_6 + "%' OR c::text LIKE '%" + PHONE_2 + "%'"
          + " OR position(convert_to('" + PHONE_6 + "', 'UTF8') IN phone_encrypted) > 0"), "no number in the clear");
      assertEquals(0L, hall.count("SELECT count(*) FROM sms_outbox o WHERE o::text LIKE '%" + PHONE_6 + "%'"
          + " OR position(convert_to('" + PHONE_6 + "', 'UTF8') IN phone_encrypted) > 0"), "no number in the clear");
      assertEquals(2L, hall.count("SELECT count(*) FROM ticket_contact WHERE phone_masked IN ('138****5678', '139****1111')"));

      JsonObject status = hall.api.get("/api/v1/sms", hall.manager()).body();
      assertEquals(0L, status.getLong("pending"), status.encode());
      assertEquals(4L, status.getLong("acknowledged"));
      assertEquals("127.0.0.1", status.getString("gateway"));
      assertFalse(status.encode().contains(TOKEN), "the token is never shown");
      assertEquals(403, hall.api.get("/api/v1/sms", clerk).status());
    }
  }

  @Test
  @DisplayName("网关故障期间积压的短信在服务器重启后送达，每条一次；管理端只见掩码号码")
  void aBacklogLeftByAStoppedServerIsSentAfterTheRestart(Vertx vertx) {
    try (ProvincialPlatform gateway = ProvincialPlatform.startSmsGateway(vertx, SLOW_MILLIS)) {
      gateway.refuseAll(true);
      HallqConfig config = TestHall.testConfig(TestDatabase.newDatabaseUrl(), TestHall.tempDir(), gateway.smsConfig(TOKEN, TIMEOUT_MILLIS));
      try (TestHall first = TestHall.start(vertx, config)) {
        JsonObject ticket = first.issue("SOCIAL_INSURANCE");
        assertEquals(200, setContact(first, ticket, PHONE_6).status());
        assertEquals(200, first.counterOp(1, "call-next", first.clerk(1)).status());
        Eventually.await("both messages failed at least once",
            () -> first.count("SELECT count(*) FROM sms_outbox WHERE attempts > 0 AND acknowledged_at IS NULL") == 2);
        JsonObject status = first.api.get("/api/v1/sms", first.manager()).body();
        assertEquals(2L, status.getLong("pending"), status.encode());
        assertEquals(2L, status.getLong("failing"));
        JsonObject failure = status.getJsonArray("failures").getJsonObject(0);
        assertEquals("138****5678", failure.getString("mobile"));
        assertEquals("A001", failure.getString("number"));
        assertTrue(failure.getString("lastError").startsWith("HTTP 500"), failure.encode());
        assertFalse(status.encode().contains(PHONE_6), status.encode());
      }
      gateway.refuseAll(false);
      try (TestHall second = TestHall.start(vertx, config)) {
        Eventually.await("the backlog sent after the restart",
            () -> second.count("SELECT count(*) FROM sms_outbox WHERE acknowledged_at IS NOT NULL") == 2);
        assertEquals(2, gateway.acknowledgedCount());
        gateway.acknowledged.forEach((id, times) -> assertEquals(1, times.get(), id + " was acknowledged " + times + " times"));
        assertEquals(List.of(), gateway.sentAgainAfterAcknowledged);
      }
    }
  }

  @Test
  @DisplayName("号码校验、票据密钥、无密钥时不存号码；管理员修改提醒人数并留审计")
  void theNumberIsCheckedAndTheRuleIsChangedWithAnAuditRow(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx)) {
      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      Reply bad = setContact(hall, ticket, "12345");
      assertEquals(400, bad.status(), bad.toString());
      assertEquals("mobile", bad.errorField());
      assertEquals(403, setContact(hall, ticket.copy().put("citizenKey", "A".repeat(22)), PHONE_6).status());

      String manager = hall.manager();
      Reply set = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/near-call", manager, new JsonObject().put("aheadThreshold", 1), null));
      assertEquals(200, set.status(), set.toString());
      assertEquals(1, hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).body().getJsonObject("nearCall").getInteger("aheadThreshold"));
      assertEquals(1, hall.api.get("/api/v1/queue-rules", manager).body().getJsonObject("nearCall").getJsonObject("rules").getInteger("aheadThreshold"));
      JsonArray changes = hall.api.get("/api/v1/queue-rules/changes", manager).body().getJsonArray("changes");
      JsonObject change = changes.getJsonObject(0);
      assertEquals("NEAR_CALL_RULES", change.getString("kind"), changes.encode());
      assertEquals(3, change.getJsonObject("before").getInteger("aheadThreshold"));
      assertEquals(1, change.getJsonObject("after").getInteger("aheadThreshold"));
      assertEquals("manager", change.getString("changedBy"));
      assertEquals(400, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/near-call", manager,
          new JsonObject().put("aheadThreshold", 0), null)).status());
      assertEquals(403, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/near-call", hall.clerk(1),
          new JsonObject().put("aheadThreshold", 2), null)).status());

      // No gateway configured: the outbox holds the message.
      assertEquals(200, setContact(hall, ticket, PHONE_6).status());
      assertEquals(200, hall.counterOp(1, "call-next", hall.clerk(1)).status());
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'CALLED' AND attempts = 0"));
      assertEquals(409, setContact(hall, ticket, PHONE_6).status(), "a called ticket takes no number");
      assertEquals(false, hall.api.get("/api/v1/sms", manager).body().getBoolean("configured"));

      // A contact whose ticket ends uncalled closes with the next call: then calls look for no reminders.
      JsonObject leaving = hall.issue("SOCIAL_INSURANCE");
      hall.issue("SOCIAL_INSURANCE");
      assertEquals(200, setContact(hall, leaving, PHONE_2).status());
      assertEquals(200, hall.asCitizen(leaving, "cancel", null).status());
      assertEquals(1L, hall.count("SELECT count(*) FROM ticket_contact WHERE open"));
      assertEquals(200, hall.counterOp(2, "call-next", hall.clerk(2)).status());
      assertEquals(0L, hall.count("SELECT count(*) FROM ticket_contact WHERE open"));
    }
    try (TestHall keyless = TestHall.start(vertx, raw -> raw.getJsonObject("privacy").put("secretKey", ""))) {
      Reply refused = setContact(keyless, keyless.issue("SOCIAL_INSURANCE"), PHONE_6);
      assertEquals(503, refused.status(), refused.toString());
      assertEquals("PRIVACY_KEY_MISSING", refused.errorCode());
    }
  }

  private static Reply setContact(TestHall hall, JsonObject ticket, String mobile) {
    MultiMap key = MultiMap.caseInsensitiveMultiMap().add("Ticket-Key", ticket.getString("citizenKey"));
    return Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/tickets/" + ticket.getString("id") + "/contact", null,
        new JsonObject().put("mobile", mobile), key));
  }

  private static void callAndServe(TestHall hall, String clerk) {
    for (String op : List.of("call-next", "start", "finish")) {
      Reply reply = hall.counterOp(1, op, clerk);
      assertEquals(200, reply.status(), op + ": " + reply);
    }
  }
}
