package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
