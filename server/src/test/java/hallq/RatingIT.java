package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatingIT extends HallTest {

  @Test
  @DisplayName("办结后可评价一次，评价与事件一起保存")
  void aFinishedTicketIsRatedOnce() {
    String clerk = hall.clerk(1);
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String id = ticket.getString("id");

    assertEquals("RATING_NOT_OPEN", hall.asCitizen(ticket, "rating", new JsonObject().put("score", 5)).errorCode());
    hall.counterOp(1, "call-next", clerk);
    hall.counterOp(1, "start", clerk);
    assertEquals("RATING_NOT_OPEN", hall.asCitizen(ticket, "rating", new JsonObject().put("score", 5)).errorCode());
    hall.counterOp(1, "finish", clerk);
    assertNull(hall.api.get("/api/v1/tickets/" + id, null).body().getValue("rating"));

    Reply rated = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 4).put("comment", "窗口人员很耐心"));
    assertEquals(201, rated.status(), rated.toString());
    assertEquals(4, rated.body().getJsonObject("rating").getInteger("score"));
    assertEquals("TICKET_PAGE", rated.body().getJsonObject("rating").getString("channel"));

    Reply again = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 1).put("reason", "LONG_WAIT"));
    assertEquals(409, again.status());
    assertEquals("ALREADY_RATED", again.errorCode());

    JsonObject stored = hall.api.get("/api/v1/tickets/" + id, null).body().getJsonObject("rating");
    assertEquals(4, stored.getInteger("score"));
    assertEquals("窗口人员很耐心", stored.getString("comment"));
    assertEquals(1, stored.getInteger("counterNo"));
    assertEquals(1L, hall.count("SELECT count(*) FROM rating"));
    assertEquals("TICKET_RATED", hall.eventTypes(id).get(hall.eventTypes(id).size() - 1));
  }

  @Test
  @DisplayName("只有持票市民（二维码里的密钥）或窗口屏能评价；员工不能替市民评价")
  void onlyTheCitizenOrTheCounterScreenRates() {
    String clerk = hall.clerk(1);
    JsonObject first = finishedTicket(clerk);
    String path = "/api/v1/tickets/" + first.getString("id") + "/rating";
    JsonObject five = new JsonObject().put("score", 5);

    assertEquals("WRONG_TICKET_KEY", hall.api.post(path, null, five).errorCode());
    JsonObject wrongKey = first.copy().put("citizenKey", "A".repeat(22));
    assertEquals("WRONG_TICKET_KEY", hall.asCitizen(wrongKey, "rating", five).errorCode());
    assertEquals(403, hall.api.post(path, clerk, five).status());
    assertEquals(403, hall.api.post(path, TestHall.KIOSK, five).status());

    Reply atScreen = hall.api.post(path, TestHall.DISPLAY, five);
    assertEquals(201, atScreen.status(), atScreen.toString());
    assertEquals("COUNTER_SCREEN", atScreen.body().getJsonObject("rating").getString("channel"));

    JsonObject second = finishedTicket(clerk);
    hall.clock.advance(Duration.ofMinutes(11));
    Reply late = hall.api.post("/api/v1/tickets/" + second.getString("id") + "/rating", TestHall.DISPLAY, five);
    assertEquals(409, late.status());
    assertEquals("RATING_CLOSED", late.errorCode());
    assertEquals(201, hall.asCitizen(second, "rating", new JsonObject().put("score", 3)).status(),
        "the citizen's own page stays open");
    assertEquals(2L, hall.count("SELECT count(*) FROM rating"));
  }

  private JsonObject finishedTicket(String clerk) {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    hall.counterOp(1, "call-next", clerk);
    hall.counterOp(1, "start", clerk);
    hall.counterOp(1, "finish", clerk);
    return ticket;
  }

  @Test
  @DisplayName("评价分数必须是 1 到 5")
  void scoreOutsideOneToFiveIsRefused() {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String id = ticket.getString("id");
    for (int score : new int[] {0, 6}) {
      Reply reply = hall.asCitizen(ticket, "rating", new JsonObject().put("score", score));
      assertEquals(400, reply.status(), reply.toString());
      assertEquals("score", reply.errorField());
    }
    Reply longComment = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 3).put("comment", "好".repeat(501)));
    assertEquals("comment", longComment.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM rating"));
  }

  @Test
  @DisplayName("差评（不满意、非常不满意）须说明原因：选一个原因或写下意见；好评不带原因")
  void aLowRatingNeedsAReason() {
    String clerk = hall.clerk(1);
    JsonObject ticket = finishedTicket(clerk);
    Reply bare = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 2));
    assertEquals(400, bare.status());
    assertEquals("reason", bare.errorField());
    Reply reasonOnGood = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 5).put("reason", "LONG_WAIT"));
    assertEquals("reason", reasonOnGood.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM rating"));

    Reply written = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 1).put("comment", "材料被退回三次"));
    assertEquals(201, written.status(), written.toString());
    JsonObject second = finishedTicket(clerk);
    Reply picked = hall.asCitizen(second, "rating", new JsonObject().put("score", 2).put("reason", "POOR_ATTITUDE"));
    assertEquals("POOR_ATTITUDE", picked.body().getJsonObject("rating").getString("reason"));
  }

  @Test
  @DisplayName("评价可附服务效率、服务水平、服务态度三项分项评分（各 1 到 5，选填）")
  void subScoresAreStoredAndShown() {
    String clerk = hall.clerk(1);
    JsonObject ticket = finishedTicket(clerk);
    JsonObject subScores = new JsonObject().put("efficiency", 5).put("competence", 4).put("attitude", 3);

    Reply tooHigh = hall.asCitizen(ticket, "rating",
        new JsonObject().put("score", 5).put("subScores", subScores.copy().put("attitude", 6)));
    assertEquals(400, tooHigh.status(), tooHigh.toString());
    assertEquals("subScores.attitude", tooHigh.errorField());
    Reply unknown = hall.asCitizen(ticket, "rating",
        new JsonObject().put("score", 5).put("subScores", subScores.copy().put("speed", 5)));
    assertEquals(400, unknown.status(), unknown.toString());
    assertEquals(0L, hall.count("SELECT count(*) FROM rating"));

    Reply rated = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 4).put("subScores", subScores));
    assertEquals(201, rated.status(), rated.toString());
    assertEquals(subScores, rated.body().getJsonObject("rating").getJsonObject("subScores"));
    JsonObject stored = hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).body().getJsonObject("rating");
    assertEquals(subScores, stored.getJsonObject("subScores"));
    assertEquals(1L, hall.count("SELECT count(*) FROM rating WHERE efficiency = 5 AND competence = 4 AND attitude = 3"));

    JsonObject onlyAttitude = finishedTicket(clerk);
    Reply partial = hall.asCitizen(onlyAttitude, "rating",
        new JsonObject().put("score", 5).put("subScores", new JsonObject().put("attitude", 4)));
    assertEquals(201, partial.status(), partial.toString());
    JsonObject partialShown = hall.api.get("/api/v1/tickets/" + onlyAttitude.getString("id"), null).body()
        .getJsonObject("rating").getJsonObject("subScores");
    assertEquals(4, partialShown.getInteger("attitude"));
    assertNull(partialShown.getValue("efficiency"));
    assertNull(partialShown.getValue("competence"));

    JsonObject plain = finishedTicket(clerk);
    Reply without = hall.asCitizen(plain, "rating", new JsonObject().put("score", 5));
    assertEquals(201, without.status(), without.toString());
    assertTrue(without.body().getJsonObject("rating").containsKey("subScores"));
    assertNull(without.body().getJsonObject("rating").getValue("subScores"));
    assertNull(hall.api.get("/api/v1/tickets/" + plain.getString("id"), null).body().getJsonObject("rating").getValue("subScores"));
    assertEquals(1L, hall.count("SELECT count(*) FROM rating WHERE efficiency IS NULL AND competence IS NULL AND attitude IS NULL"),
        "only the rating without sub-scores has none");
  }

  @Test
  @DisplayName("差评原因由大厅配置：只接受配置的原因，/hall 列出它们")
  void theHallConfiguresTheReasons(io.vertx.core.Vertx vertx) {
    hall.close();
    hall = TestHall.start(vertx, raw -> raw.put("lowRatingReasons", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("code", "INCOMPLETE_GUIDANCE").put("name", "一次性告知不到位").put("nameEn", "Not told everything at once"))
        .add(new JsonObject().put("code", "OTHER").put("name", "其他").put("nameEn", "Other"))));
    var listed = hall.api.get("/api/v1/hall", null).body().getJsonArray("lowRatingReasons");
    assertEquals("INCOMPLETE_GUIDANCE", listed.getJsonObject(0).getString("code"));
    String clerk = hall.clerk(1);
    JsonObject ticket = finishedTicket(clerk);
    Reply unconfigured = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 2).put("reason", "LONG_WAIT"));
    assertEquals(400, unconfigured.status());
    assertEquals("reason", unconfigured.errorField());
    Reply configured = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 2).put("reason", "INCOMPLETE_GUIDANCE"));
    assertEquals(201, configured.status(), configured.toString());
    assertEquals("INCOMPLETE_GUIDANCE", configured.body().getJsonObject("rating").getString("reason"));
  }
}
