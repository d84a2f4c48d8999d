package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatingIT extends HallTest {

  @Test
  @DisplayName("办结后可评价一次，评价与事件一起保存")
  void aFinishedTicketIsRatedOnce() {
    String clerk = hall.clerk(1);
    String id = hall.issue("SOCIAL_INSURANCE").getString("id");
    String rating = "/api/v1/tickets/" + id + "/rating";

    assertEquals("RATING_NOT_OPEN", hall.api.post(rating, null, new JsonObject().put("score", 5)).errorCode());
    hall.counterOp(1, "call-next", clerk);
    hall.counterOp(1, "start", clerk);
    assertEquals("RATING_NOT_OPEN", hall.api.post(rating, null, new JsonObject().put("score", 5)).errorCode());
    hall.counterOp(1, "finish", clerk);
    assertNull(hall.api.get("/api/v1/tickets/" + id, null).body().getValue("rating"));

    Reply rated = hall.api.post(rating, null, new JsonObject().put("score", 4).put("comment", "窗口人员很耐心"));
    assertEquals(201, rated.status(), rated.toString());
    assertEquals(4, rated.body().getJsonObject("rating").getInteger("score"));
    assertEquals("TICKET_PAGE", rated.body().getJsonObject("rating").getString("channel"));

    Reply again = hall.api.post(rating, null, new JsonObject().put("score", 1));
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
  @DisplayName("评价分数必须是 1 到 5")
  void scoreOutsideOneToFiveIsRefused() {
    String id = hall.issue("SOCIAL_INSURANCE").getString("id");
    for (int score : new int[] {0, 6}) {
      Reply reply = hall.api.post("/api/v1/tickets/" + id + "/rating", null, new JsonObject().put("score", score));
      assertEquals(400, reply.status(), reply.toString());
      assertEquals("score", reply.errorField());
    }
    Reply longComment = hall.api.post("/api/v1/tickets/" + id + "/rating", null,
        new JsonObject().put("score", 3).put("comment", "好".repeat(501)));
    assertEquals("comment", longComment.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM rating"));
  }
}
