package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The optional NPS question (您是否愿意向亲友推荐本大厅的服务？ 0..10): answered with the citizen's rating
 * or skipped, counted as NPS = % of 9–10 minus % of 0–6, over real HTTP and PostgreSQL.
 */
class NpsIT extends HallTest {
  private static final String INDICATORS = "/api/v1/indicators?from=2026-11-27&to=2026-11-27&by=counter";

  @Test
  @DisplayName("NPS 按手算：10 个回答（5 个 9–10、2 个 7–8、3 个 0–6）为 20；跳过的、默认评价和申诉成立的不计")
  void npsIsThePromotersShareMinusTheDetractorsShare() {
    String clerk = hall.clerk(1);
    List<Integer> answers = List.of(10, 10, 9, 9, 9, 8, 7, 6, 2, 0);
    for (int answer : answers) {
      JsonObject ticket = hall.finishedAtCounter1(clerk);
      rate(ticket, new JsonObject().put("score", answer >= 7 ? 5 : 3).put("recommend", answer));
    }
    for (int i = 0; i < 2; i++) {
      rate(hall.finishedAtCounter1(clerk), new JsonObject().put("score", 4));
    }
    rate(hall.finishedAtCounter1(clerk), new JsonObject().put("score", 4).putNull("recommend"));
    JsonObject appealed = hall.finishedAtCounter1(clerk);
    rate(appealed, new JsonObject().put("score", 1).put("reason", "POOR_ATTITUDE").put("recommend", 0));
    hall.finishedAtCounter1(clerk);

    JsonObject before = total();
    assertEquals(11L, before.getLong("npsAnswers"), before.encode());
    assertEquals(100.0 * (5 - 4) / 11, before.getDouble("nps"), 1e-9, "the appealed 0 still counts: " + before.encode());
    assertEquals(0, hall.api.get("/api/v1/tickets/" + appealed.getString("id"), null).body()
        .getJsonObject("rating").getInteger("recommend"));

    uphold(appealed);
    hall.clock.set(Instant.parse("2026-12-10T02:00:00Z"));
    assertEquals(1, Api.await(hall.server.defaultRatings().giveDue()), "the unrated ticket got its default rating");

    JsonObject after = total();
    assertEquals(10L, after.getLong("npsAnswers"), after.encode());
    assertEquals(20.0, after.getDouble("nps"), 1e-9, after.encode());
    assertEquals(15L, after.getLong("finished"));
    JsonObject window = hall.api.get(INDICATORS, hall.manager()).body().getJsonArray("rows").getJsonObject(0);
    assertEquals(20.0, window.getDouble("nps"), 1e-9, "per window as in the total");

    String manager = hall.manager();
    Reply board = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/kpi/targets/2026-11", manager,
        new JsonObject().put("targets", new JsonObject().put("nps", 30)), null));
    assertEquals(200, board.status(), board.toString());
    JsonObject row = board.body().getJsonArray("rows").getJsonObject(0);
    assertEquals(20.0, row.getDouble("actual"), 1e-9);
    assertEquals(false, row.getBoolean("met"), "20 is under a target of 30");
    assertEquals("targets.nps", Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/kpi/targets/2026-11", manager,
        new JsonObject().put("targets", new JsonObject().put("nps", 101)), null)).errorField());
  }

  @Test
  @DisplayName("没有回答时 NPS 为空；回答只能随首次评价提交，不能事后补或改")
  void npsIsNullWithoutAnswersAndAnAnswerComesOnlyWithTheRating() {
    String clerk = hall.clerk(1);
    JsonObject ticket = hall.finishedAtCounter1(clerk);
    rate(ticket, new JsonObject().put("score", 5));
    JsonObject none = total();
    assertEquals(0L, none.getLong("npsAnswers"));
    assertNull(none.getValue("nps"), none.encode());

    Reply later = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 5).put("recommend", 10));
    assertEquals("ALREADY_RATED", later.errorCode());
    assertNull(hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).body().getJsonObject("rating").getValue("recommend"));
    assertEquals(0L, total().getLong("npsAnswers"));
  }

  @Test
  @DisplayName("推荐意愿为 11、-1、\"x\"、2.5 时返回 400 并指明字段 recommend，不保存评价")
  void badAnswersAreRefusedNamingTheField() {
    JsonObject ticket = hall.finishedAtCounter1(hall.clerk(1));
    for (Object bad : List.of(11, -1, "x", 2.5)) {
      Reply reply = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 5).put("recommend", bad));
      assertEquals(400, reply.status(), bad + ": " + reply);
      assertEquals("recommend", reply.errorField(), bad + ": " + reply);
    }
    assertEquals(0L, hall.count("SELECT count(*) FROM rating"), "a refused answer stores no rating");
    rate(ticket, new JsonObject().put("score", 5).put("recommend", 10));
  }

  @Test
  @DisplayName("大厅未开启 NPS 问题：/hall 报告未开启，带推荐意愿的评价被拒（400 recommend），不带的照常保存")
  void aHallThatDoesNotAskRefusesAnAnswer(Vertx vertx) {
    hall.close();
    hall = TestHall.start(vertx, raw -> raw.getJsonObject("nps").put("enabled", false));
    assertEquals(false, hall.api.get("/api/v1/hall", null).body().getJsonObject("nps").getBoolean("enabled"));
    JsonObject ticket = hall.finishedAtCounter1(hall.clerk(1));
    Reply refused = hall.asCitizen(ticket, "rating", new JsonObject().put("score", 5).put("recommend", 9));
    assertEquals(400, refused.status(), refused.toString());
    assertEquals("recommend", refused.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM rating"));
    rate(ticket, new JsonObject().put("score", 5).putNull("recommend"));
    assertEquals(0L, total().getLong("npsAnswers"));
  }

  private void rate(JsonObject ticket, JsonObject body) {
    Reply reply = hall.asCitizen(ticket, "rating", body);
    assertEquals(201, reply.status(), reply.toString());
  }

  private JsonObject total() {
    Reply reply = hall.api.get(INDICATORS, hall.manager());
    assertEquals(200, reply.status(), reply.toString());
    return reply.body().getJsonObject("total");
  }

  private void uphold(JsonObject ticket) {
    JsonArray cases = hall.api.get("/api/v1/follow-ups", hall.manager()).body().getJsonArray("cases");
    long caseId = -1;
    for (Object c : cases) {
      if (((JsonObject) c).getString("ticketId").equals(ticket.getString("id"))) {
        caseId = ((JsonObject) c).getLong("id");
      }
    }
    String actions = "/api/v1/follow-ups/" + caseId + "/actions";
    assertEquals(200, hall.api.post(actions, hall.manager(), new JsonObject().put("action", "APPEALED").put("note", "恶意差评")).status());
    Reply upheld = hall.api.post(actions, hall.login("admin", "hallq-admin", null), new JsonObject().put("action", "APPEAL_UPHELD"));
    assertEquals(200, upheld.status(), upheld.toString());
  }
}
