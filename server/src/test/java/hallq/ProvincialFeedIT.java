package hallq;

import static hallq.support.ProvincialPlatform.Answer.FAIL;
import static hallq.support.ProvincialPlatform.Answer.HANG;
import static hallq.support.ProvincialPlatform.Answer.SLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.config.HallqConfig;
import hallq.support.Eventually;
import hallq.support.ProvincialPlatform;
import hallq.support.Reply;
import hallq.support.TestDatabase;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every rating is handed to the provincial 好差评 platform through the outbox, once, whatever the platform does. */
@ExtendWith(VertxExtension.class)
class ProvincialFeedIT {
  private static final long TIMEOUT_MILLIS = 400;
  private static final long SLOW_MILLIS = 1_200;
  private static final String TOKEN = "provincial-feed-token-1234";

  @Test
  @DisplayName("平台出错、不应答、应答过慢时重试，每条评价最终送达且确认后不再重发")
  void everyRatingReachesThePlatformOnceWhateverItAnswers(Vertx vertx) {
    try (ProvincialPlatform platform = ProvincialPlatform.start(vertx, SLOW_MILLIS).then(FAIL, FAIL, HANG, SLOW, FAIL);
        TestHall hall = TestHall.start(vertx, platform.feedConfig(TOKEN, TIMEOUT_MILLIS))) {
      String clerk = hall.clerk(1);
      JsonObject praised = hall.finishedAtCounter1(clerk);
      assertEquals(201, hall.asCitizen(praised, "rating", new JsonObject().put("score", 5).put("comment", "很耐心")).status());
      JsonObject complained = hall.finishedAtCounter1(clerk);
      assertEquals(201, hall.asCitizen(complained, "rating", new JsonObject().put("score", 2).put("reason", "LONG_WAIT")).status());
      for (int i = 0; i < 4; i++) {
        JsonObject ticket = hall.finishedAtCounter1(clerk);
        Reply rated = hall.api.post("/api/v1/tickets/" + ticket.getString("id") + "/rating", TestHall.DISPLAY,
            new JsonObject().put("score", 3 + i % 3));
        assertEquals(201, rated.status(), rated.toString());
      }

      Eventually.await("all 6 records acknowledged", () -> hall.count("SELECT count(*) FROM provincial_feed WHERE acknowledged_at IS NOT NULL") == 6);
      assertEquals(6, platform.acknowledgedCount());
      platform.acknowledged.forEach((id, times) -> assertEquals(1, times.get(), id + " was acknowledged " + times + " times"));
      assertEquals(List.of(), platform.sentAgainAfterAcknowledged);
      assertEquals(11, platform.received.size(), "6 taken and 5 failed deliveries: " + platform.received.size());
      assertEquals(11L, hall.count("SELECT sum(attempts) FROM provincial_feed"));
      assertTrue(platform.authorizations.stream().allMatch(("Bearer " + TOKEN)::equals), platform.authorizations.toString());

      JsonObject record = platform.received.stream()
          .filter(r -> r.getString("caseNo").equals(complained.getString("id"))).findFirst().orElseThrow();
      assertEquals("demo:" + complained.getString("id") + ":FIRST", record.getString("recordId"));
      assertEquals(complained.getString("number"), record.getString("ticketNumber"));
      assertEquals("SOCIAL_INSURANCE", record.getString("itemCode"));
      assertEquals("社保医保", record.getString("itemName"));
      assertEquals(1, record.getInteger("windowNo"));
      assertEquals("社保医保窗口", record.getString("windowName"));
      assertEquals("clerk01", record.getString("clerk"));
      assertEquals("2", record.getString("channel"), "the citizen's phone: the configured code of TICKET_PAGE");
      assertEquals(2, record.getInteger("level"));
      assertEquals("不满意", record.getString("levelName"));
      assertEquals(new JsonArray().add("LONG_WAIT"), record.getJsonArray("detailCodes"));
      assertEquals("FIRST", record.getString("ratingKind"));
      assertFalse(record.getBoolean("defaultRating"));
      assertTrue(record.getString("ratedAt").endsWith("+08:00"), "in the hall's time: " + record.getString("ratedAt"));
      long fromScreen = platform.received.stream().filter(r -> "4".equals(r.getString("channel"))).map(r -> r.getString("recordId")).distinct().count();
      assertEquals(4, fromScreen, "the counter screen's configured code");

      JsonObject status = hall.api.get("/api/v1/provincial-feed", hall.manager()).body();
      assertEquals(0L, status.getLong("pending"), status.encode());
      assertEquals(6L, status.getLong("acknowledged"));
      assertEquals(true, status.getBoolean("configured"));
      assertEquals("127.0.0.1", status.getString("platform"));
      assertFalse(status.encode().contains(TOKEN), "the token is never shown");
      assertEquals(403, hall.api.get("/api/v1/provincial-feed", clerk).status());
    }
  }

  @Test
  @DisplayName("平台故障期间积压的评价在服务器重启后送达，每条一次")
  void aBacklogLeftByAStoppedServerIsDeliveredAfterTheRestart(Vertx vertx) {
    try (ProvincialPlatform platform = ProvincialPlatform.start(vertx, SLOW_MILLIS)) {
      platform.refuseAll(true);
      HallqConfig config = TestHall.testConfig(TestDatabase.newDatabaseUrl(), TestHall.tempDir(), platform.feedConfig(TOKEN, TIMEOUT_MILLIS));
      try (TestHall first = TestHall.start(vertx, config)) {
        String clerk = first.clerk(1);
        for (int score = 1; score <= 4; score++) {
          JsonObject ticket = first.finishedAtCounter1(clerk);
          JsonObject body = new JsonObject().put("score", score);
          if (score <= 2) {
            body.put("comment", "等太久");
          }
          assertEquals(201, first.asCitizen(ticket, "rating", body).status());
        }
        Eventually.await("every record failed at least once",
            () -> first.count("SELECT count(*) FROM provincial_feed WHERE attempts > 0 AND acknowledged_at IS NULL") == 4);
        JsonObject status = first.api.get("/api/v1/provincial-feed", first.manager()).body();
        assertEquals(4L, status.getLong("pending"), status.encode());
        assertEquals(4L, status.getLong("failing"));
        JsonObject failure = status.getJsonArray("failures").getJsonObject(0);
        assertTrue(failure.getString("lastError").startsWith("HTTP 500"), failure.encode());
        assertEquals("A001", failure.getString("number"));
      }
      platform.refuseAll(false);
      try (TestHall second = TestHall.start(vertx, config)) {
        Eventually.await("the backlog delivered after the restart",
            () -> second.count("SELECT count(*) FROM provincial_feed WHERE acknowledged_at IS NOT NULL") == 4);
        assertEquals(4, platform.acknowledgedCount());
        platform.acknowledged.forEach((id, times) -> assertEquals(1, times.get(), id + " was acknowledged " + times + " times"));
        assertEquals(List.of(), platform.sentAgainAfterAcknowledged);
      }
    }
  }

  @Test
  @DisplayName("未配置平台时，每条评价与其记录在同一事务中存入待发箱，不发送")
  void withoutAPlatformTheOutboxHoldsARecordOfEveryRating(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx)) {
      String clerk = hall.clerk(1);
      JsonObject ticket = hall.finishedAtCounter1(clerk);
      assertEquals(201, hall.asCitizen(ticket, "rating", new JsonObject().put("score", 4)).status());
      assertEquals(409, hall.asCitizen(ticket, "rating", new JsonObject().put("score", 1).put("reason", "OTHER")).status());
      assertEquals(201, hall.asCitizen(hall.finishedAtCounter1(clerk), "rating", new JsonObject().put("score", 5)).status());
      JsonObject unfinished = hall.issue("SOCIAL_INSURANCE");
      assertEquals(409, hall.asCitizen(unfinished, "rating", new JsonObject().put("score", 5)).status());

      assertEquals(2L, hall.count("SELECT count(*) FROM rating"));
      assertEquals(2L, hall.count("SELECT count(*) FROM provincial_feed f JOIN rating r USING (ticket_id)"));
      assertEquals(2L, hall.count("SELECT count(*) FROM provincial_feed WHERE attempts = 0 AND acknowledged_at IS NULL"));
      JsonObject status = hall.api.get("/api/v1/provincial-feed", hall.manager()).body();
      assertEquals(false, status.getBoolean("configured"));
      assertNull(status.getValue("platform"));
      assertEquals(2L, status.getLong("pending"));
      assertEquals(0L, status.getLong("failing"));
    }
  }
}
