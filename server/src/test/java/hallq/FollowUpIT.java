package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 差评整改: every low rating is followed to the end. */
class FollowUpIT extends HallTest {

  @Test
  @DisplayName("差评开启整改：期限为 5 个工作日；核实→整改→反馈→回访依次完成，每步留下人和时间；顺序不能乱")
  void aLowRatingIsFollowedUpStepByStep() {
    JsonObject rated = rate(2, "POOR_ATTITUDE");
    rate(4, null);
    String manager = hall.manager();
    JsonArray cases = cases(manager);
    assertEquals(1, cases.size(), "only the low rating opens a case");
    JsonObject c = cases.getJsonObject(0);
    assertEquals(rated.getString("number"), c.getString("number"));
    assertEquals("clerk01", c.getString("clerk"));
    assertEquals(1, c.getInteger("counterNo"));
    assertEquals("2026-12-04", c.getString("deadline"), "Friday 2026-11-27 + 5 working days");
    assertEquals("VERIFY", c.getString("step"));
    long id = c.getLong("id");

    assertEquals("WRONG_STEP", act(id, "RECTIFIED", manager).errorCode());
    Reply satisfiedTooEarly = hall.api.post("/api/v1/follow-ups/" + id + "/actions", manager,
        new JsonObject().put("action", "VERIFIED").put("finding", "TRUE").put("satisfied", true));
    assertEquals(400, satisfiedTooEarly.status(), satisfiedTooEarly.toString());
    assertEquals("satisfied", satisfiedTooEarly.errorField());
    for (String action : List.of("VERIFIED", "RECTIFIED", "FED_BACK")) {
      assertEquals(200, act(id, action, manager).status(), action);
    }
    Reply closed = hall.api.post("/api/v1/follow-ups/" + id + "/actions", manager,
        new JsonObject().put("action", "REVISITED").put("reached", true).put("satisfied", false));
    assertEquals("CLOSED", closed.body().getString("step"));
    assertEquals("CASE_CLOSED", act(id, "VERIFIED", manager).errorCode());
    JsonArray actions = cases(manager).getJsonObject(0).getJsonArray("actions");
    assertEquals(4, actions.size());
    assertEquals(false, actions.getJsonObject(3).getBoolean("satisfied"), "the 回访's answer is kept");
    assertEquals("manager", actions.getJsonObject(0).getString("by"));
    assertEquals("VERIFIED", actions.getJsonObject(0).getString("action"));
    assertEquals(403, hall.api.get("/api/v1/follow-ups", hall.clerk(2)).status());
  }

  @Test
  @DisplayName("申诉复核：管理员申诉，系统管理员复核；维持申诉则该评价不计入指标、案件关闭")
  void anUpheldAppealTakesTheRatingOut() {
    rate(1, "LONG_WAIT");
    String manager = hall.manager();
    long id = cases(manager).getJsonObject(0).getLong("id");
    assertEquals("NO_PENDING_APPEAL", act(id, "APPEAL_UPHELD", hall.login("admin", "hallq-admin", null)).errorCode());
    assertEquals("PENDING", act(id, "APPEALED", manager).body().getString("appeal"));
    assertEquals("APPEAL_PENDING", act(id, "VERIFIED", manager).errorCode(), "steps wait for the review");
    assertEquals(403, act(id, "APPEAL_UPHELD", manager).status(), "a manager does not review their own appeal");
    Reply upheld = act(id, "APPEAL_UPHELD", hall.login("admin", "hallq-admin", null));
    assertEquals("CLOSED", upheld.body().getString("step"));
    assertEquals("UPHELD", upheld.body().getString("appeal"));
    assertEquals(1L, hall.count("SELECT count(*) FROM rating WHERE excluded"));
  }

  @Test
  @DisplayName("逾期未结的整改标为逾期并告警")
  void anOverdueCaseIsFlaggedAndAlerted() {
    rate(2, "LOW_EFFICIENCY");
    hall.clock.advance(Duration.ofDays(7));  // Friday 2026-12-04 09:00: the deadline day
    assertEquals(false, cases(hall.manager()).getJsonObject(0).getBoolean("overdue"), "due on the deadline day itself");
    hall.clock.advance(Duration.ofDays(1));
    assertEquals(true, cases(hall.manager()).getJsonObject(0).getBoolean("overdue"));
    Api.await(hall.server.alerts().check());
    JsonArray alerts = hall.api.get("/api/v1/alerts", hall.manager()).body().getJsonArray("alerts");
    assertTrue(alerts.stream().map(JsonObject.class::cast).anyMatch(a -> a.getString("kind").equals("FOLLOW_UP_OVERDUE")), alerts.encode());
  }

  private JsonObject rate(int score, String reason) {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String clerk = hall.clerk(1);
    for (String op : new String[] {"call-next", "start", "finish"}) {
      hall.counterOp(1, op, clerk);
    }
    JsonObject body = new JsonObject().put("score", score);
    if (reason != null) {
      body.put("reason", reason);
    }
    Reply reply = hall.asCitizen(ticket, "rating", body);
    assertEquals(201, reply.status(), reply.toString());
    return ticket;
  }

  @Test
  @DisplayName("差评台账：核实结论、整改方案（责任人、期限）、回复、回访（是否联系上、是否满意）、管理员意见、关闭与重开都记入台账；立行立改当即关闭；缺项被拒")
  void theLedgerKeepsWhatEachStepFoundAndDecided() {
    JsonObject complex = rate(1, "POOR_ATTITUDE");
    JsonObject simple = rate(2, "LONG_WAIT");
    String manager = hall.manager();
    long complexId = caseOf(complex, manager).getLong("id");
    long simpleId = caseOf(simple, manager).getLong("id");

    assertEquals("finding", step(complexId, manager, new JsonObject().put("action", "VERIFIED")).errorField());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "VERIFIED").put("finding", "TRUE")).status());
    assertEquals("owner", step(complexId, manager, new JsonObject().put("action", "PLANNED").put("plan", "窗口服务礼仪培训")
        .put("dueDate", "2026-12-04")).errorField());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "PLANNED").put("plan", "窗口服务礼仪培训")
        .put("owner", "张科长").put("dueDate", "2026-12-04")).status());
    assertEquals("RECTIFY", caseOf(complex, manager).getString("step"), "a plan keeps the case at 整改");
    assertEquals("note", step(complexId, manager, new JsonObject().put("action", "COMMENTED")).errorField());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "COMMENTED").put("note", "本周内完成培训")).status());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "RECTIFIED")).status());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "FED_BACK").put("note", "已致电致歉并说明整改")).status());
    assertEquals("reached", step(complexId, manager, new JsonObject().put("action", "REVISITED")).errorField());
    assertEquals("satisfied", step(complexId, manager, new JsonObject().put("action", "REVISITED").put("reached", false)
        .put("satisfied", true)).errorField(), "an unreached citizen said nothing");
    Reply revisited = step(complexId, manager, new JsonObject().put("action", "REVISITED").put("reached", true).put("satisfied", true));
    assertEquals("CLOSED", revisited.body().getString("step"));
    assertEquals("NOT_REOPENABLE", step(simpleId, manager, new JsonObject().put("action", "REOPENED").put("note", "x")).errorCode());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "REOPENED").put("note", "市民再次投诉")).status());
    assertEquals(200, step(complexId, manager, new JsonObject().put("action", "CLOSED_BY_MANAGER").put("note", "经复查已整改到位")).status());

    JsonObject ledger = caseOf(complex, manager);
    assertEquals("CLOSED", ledger.getString("step"));
    assertEquals(1, ledger.getInteger("reopened"));
    JsonObject kept = ledger.getJsonObject("ledger");
    assertEquals("TRUE", kept.getString("finding"));
    assertEquals("窗口服务礼仪培训", kept.getString("plan"));
    assertEquals("张科长", kept.getString("owner"));
    assertEquals("2026-12-04", kept.getString("planDue"));
    assertEquals("已致电致歉并说明整改", kept.getString("reply"));
    assertEquals(true, kept.getBoolean("reached"));
    assertEquals(true, kept.getBoolean("satisfied"));
    assertEquals("经复查已整改到位", kept.getString("managerComment"));
    assertEquals("市民再次投诉", kept.getString("reopenReason"));

    assertEquals(200, step(simpleId, manager, new JsonObject().put("action", "VERIFIED").put("finding", "REASONABLE")).status());
    Reply atOnce = step(simpleId, manager, new JsonObject().put("action", "RECTIFIED_AT_ONCE").put("note", "当场解释并致歉"));
    assertEquals("CLOSED", atOnce.body().getString("step"), "立行立改 closes the case at once");
    assertEquals(true, atOnce.body().getJsonObject("ledger").getBoolean("rectifiedAtOnce"));

    JsonObject total = hall.api.get("/api/v1/indicators?from=2026-11-27&to=2026-11-27", manager).body().getJsonObject("total");
    assertEquals(0.5, total.getDouble("reopenRate"), "1 of the 2 closed cases was reopened: " + total.encode());
  }

  private JsonObject caseOf(JsonObject ticket, String manager) {
    return cases(manager).stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("ticketId").equals(ticket.getString("id"))).findFirst().orElseThrow();
  }

  private Reply step(long id, String token, JsonObject body) {
    return hall.api.post("/api/v1/follow-ups/" + id + "/actions", token, body);
  }

  private JsonArray cases(String token) {
    return hall.api.get("/api/v1/follow-ups", token).body().getJsonArray("cases");
  }

  private Reply act(long id, String action, String token) {
    JsonObject body = new JsonObject().put("action", action).put("note", "已处理");
    if (action.equals("VERIFIED")) {
      body.put("finding", "TRUE");
    }
    if (action.equals("REVISITED")) {
      body.put("reached", true);
    }
    return hall.api.post("/api/v1/follow-ups/" + id + "/actions", token, body);
  }
}
