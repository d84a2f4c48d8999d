package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.queue.CloseOfDay.Closed;
import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Close of day in a hall open Monday to Friday 09:00–17:00 (Asia/Shanghai; the test clock is UTC, so
 * 17:00 there is 09:00Z): SERVE_LATE tickets go on being served and count as 延时服务, CLOSE_UNSERVED
 * tickets are closed with their reason, the job changes nothing when run again, and numbers start again
 * at local midnight.
 */
@ExtendWith(VertxExtension.class)
class CloseOfDayIT {
  private static final String SERVICE = "SOCIAL_INSURANCE";
  /** Friday 2026-11-27 in Shanghai. */
  private static final String DAY = "2026-11-27";
  private static final Instant TEN = Instant.parse("2026-11-27T02:00:00Z");
  private static final Instant BEFORE_CLOSING = Instant.parse("2026-11-27T08:59:59Z");
  private static final Instant CLOSING = Instant.parse("2026-11-27T09:00:00Z");
  private static final Closed NOTHING = new Closed(List.of(), 0);
  private static final Closed FRIDAY = new Closed(List.of(LocalDate.parse(DAY)), 0);

  @Test
  @DisplayName("延时服务（默认）：闭厅时仍在等候的号照常叫号办理，闭厅后叫号办结的计为延时服务；次日零点后仍在等候的号关闭")
  void serveLateServesAfterClosingAndCountsIt(Vertx vertx) {
    try (TestHall hall = openHall(vertx)) {
      hall.clock.set(TEN);
      assertEquals(new Closed(List.of(LocalDate.parse("2026-11-26")), 0), run(hall), "a server started on Friday closes Thursday");
      JsonObject a1 = hall.issue(SERVICE);
      JsonObject a2 = hall.issue(SERVICE);
      JsonObject a3 = hall.issue(SERVICE);
      JsonObject a4 = hall.issue(SERVICE);
      String clerk = hall.clerk(1);
      serve(hall, clerk, "A001");

      hall.clock.set(BEFORE_CLOSING);
      assertEquals(NOTHING, run(hall), "not yet closing time");
      hall.clock.set(CLOSING);
      assertEquals(FRIDAY, run(hall), "the day closes; SERVE_LATE tickets go on waiting");
      assertEquals(NOTHING, run(hall), "a second run changes nothing");
      assertEquals(1L, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'DAY_CLOSED' AND payload->>'serviceDay' = '" + DAY + "'"));

      hall.clock.set(Instant.parse("2026-11-27T09:05:00Z"));
      serve(hall, clerk, "A002");
      assertEquals("A003", hall.counterOp(1, "call-next", clerk).ticket().getString("number"));
      assertEquals(200, hall.counterOp(1, "no-show", clerk).status());

      JsonObject summary = summary(hall, hall.manager(), DAY);
      assertEquals("17:00", summary.getString("closingTime"));
      assertEquals(CLOSING.toString(), summary.getString("closesAt"));
      assertEquals(CLOSING.toString(), summary.getString("closedAt"));
      JsonObject social = service(summary, SERVICE);
      assertEquals(4, social.getLong("issued"));
      assertEquals(2, social.getLong("served"));
      assertEquals(1, social.getLong("servedLate"), "A002, called after closing");
      assertEquals(1, social.getLong("noShows"));
      assertEquals(0, social.getLong("closedUnserved"));
      assertEquals(1, social.getLong("stillOpen"), "A004 still waits");
      assertEquals("16:30", social.getString("lastIssueTime"), "closing minus lastIssueMinutesBeforeClose 30");
      assertEquals(TEN.toString(), social.getString("lastIssuedAt"));
      assertEquals("SERVE_LATE", social.getJsonObject("closingRule").getString("mode"));
      assertEquals(7 * 60 * 60 + 5 * 60, social.getLong("longestWaitSeconds"), "A002 and A003 waited from 10:00 to 17:05");
      assertNotNull(social.getString("lastFinishedAt"));
      assertEquals(0, service(summary, "REAL_ESTATE").getLong("issued"));

      JsonObject report = hall.api.get("/api/v1/reports?from=" + DAY + "&to=" + DAY + "&by=service", hall.manager()).body();
      JsonObject row = report.getJsonArray("rows").stream().map(JsonObject.class::cast)
          .filter(r -> r.getString("key").equals(SERVICE)).findFirst().orElseThrow();
      assertEquals(1, row.getLong("servedLate"));
      assertEquals(1, report.getJsonObject("total").getLong("servedLate"));

      hall.clock.set(Instant.parse("2026-11-27T16:00:30Z"));
      assertEquals(new Closed(List.of(), 1), run(hall), "Saturday: Friday is over, A004 can no longer be called and is closed");
      JsonObject a4Now = ticket(hall, a4);
      assertEquals("CLOSED_UNSERVED", a4Now.getString("status"));
      assertEquals("当日营业结束未办理", a4Now.getString("closedReason"));
      assertEquals("FINISHED", ticket(hall, a1).getString("status"));
      assertEquals("FINISHED", ticket(hall, a2).getString("status"));
      assertEquals("NO_SHOW", ticket(hall, a3).getString("status"));
      assertEquals(NOTHING, run(hall));
    }
  }

  @Test
  @DisplayName("闭厅未办理：管理员运行时改规则（有审计记录），闭厅时等候的号被关闭并写明原因，不能再叫；正在办理的号照常办结；再运行一次不再变化")
  void closeUnservedClosesWaitingTicketsWithTheReason(Vertx vertx) {
    try (TestHall hall = openHall(vertx)) {
      String manager = hall.manager();
      JsonObject rule = new JsonObject().put("mode", "CLOSE_UNSERVED").put("reason", "闭厅未办理，请下一个工作日再来");
      Reply set = setRule(hall, manager, SERVICE, rule);
      assertEquals(200, set.status(), set.toString());
      JsonObject change = hall.api.get("/api/v1/queue-rules/changes", manager).body().getJsonArray("changes").getJsonObject(0);
      assertEquals("CLOSING_RULE", change.getString("kind"));
      assertEquals(SERVICE, change.getString("subject"));
      assertEquals("SERVE_LATE", change.getJsonObject("before").getString("mode"));
      assertEquals(rule, change.getJsonObject("after"));
      assertEquals("manager", change.getString("changedBy"));

      hall.clock.set(TEN);
      JsonObject a1 = hall.issue(SERVICE);
      JsonObject a2 = hall.issue(SERVICE);
      JsonObject consultation = hall.issue("CONSULTATION");
      String clerk = hall.clerk(1);
      hall.clock.set(Instant.parse("2026-11-27T08:50:00Z"));
      assertEquals("A001", hall.counterOp(1, "call-next", clerk).ticket().getString("number"));
      assertEquals(200, hall.counterOp(1, "start", clerk).status());

      hall.clock.set(BEFORE_CLOSING);
      run(hall);
      hall.clock.set(CLOSING);
      assertEquals(new Closed(List.of(LocalDate.parse(DAY)), 1), run(hall));
      JsonObject closed = ticket(hall, a2);
      assertEquals("CLOSED_UNSERVED", closed.getString("status"));
      assertEquals("闭厅未办理，请下一个工作日再来", closed.getString("closedReason"));
      assertEquals(List.of("TICKET_ISSUED", "TICKET_CLOSED_UNSERVED"), hall.eventTypes(a2.getString("id")));
      assertEquals("WAITING", ticket(hall, consultation).getString("status"), "咨询 keeps SERVE_LATE");

      assertEquals(200, hall.counterOp(1, "finish", clerk).status(), "A001, in service at closing, is finished as usual");
      hall.clock.set(Instant.parse("2026-11-27T09:10:00Z"));
      Reply next = hall.counterOp(1, "call-next", clerk);
      assertEquals(consultation.getString("number"), next.ticket().getString("number"),
          "the closed A002 is not callable; the waiting 咨询 ticket is");
      assertEquals(NOTHING, run(hall), "a second run changes nothing");
      assertEquals(1L, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'TICKET_CLOSED_UNSERVED'"));

      JsonObject social = service(summary(hall, manager, DAY), SERVICE);
      assertEquals(2, social.getLong("issued"));
      assertEquals(1, social.getLong("served"));
      assertEquals(0, social.getLong("servedLate"));
      assertEquals(1, social.getLong("closedUnserved"));
      assertEquals(rule, social.getJsonObject("closingRule"));
      assertEquals("FINISHED", ticket(hall, a1).getString("status"));
    }
  }

  @Test
  @DisplayName("号码在本地零点（上海）重新从 A001 开始；昨天仍在等候的号今天不能被叫")
  void numbersStartAgainAtLocalMidnight(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx)) {
      hall.clock.set(Instant.parse("2026-11-27T15:59:58Z"));
      assertEquals("A001", hall.issue(SERVICE).getString("number"));
      hall.clock.set(Instant.parse("2026-11-27T15:59:59Z"));
      JsonObject late = hall.issue(SERVICE);
      assertEquals("A002", late.getString("number"));
      assertEquals("2026-11-27", late.getString("serviceDay"));

      hall.clock.set(Instant.parse("2026-11-27T16:00:00Z"));
      JsonObject first = hall.issue(SERVICE);
      assertEquals("A001", first.getString("number"));
      assertEquals("2026-11-28", first.getString("serviceDay"));

      String clerk = hall.clerk(1);
      assertEquals(first.getString("id"), hall.counterOp(1, "call-next", clerk).ticket().getString("id"));
      assertEquals(200, hall.counterOp(1, "no-show", clerk).status());
      Reply none = hall.counterOp(1, "call-next", clerk);
      assertEquals(200, none.status());
      assertNull(none.ticket(), "yesterday's A001 and A002 still wait, but not for today's counters");
      assertEquals(NOTHING, run(hall), "a hall with no opening hours never closes by itself");
      assertEquals("WAITING", ticket(hall, late).getString("status"));
    }
  }

  @Test
  @DisplayName("错误请求被拒：未知模式、原因过长、未知业务、窗口人员无权修改或查看、日期格式错误；被拒的修改不写审计")
  void badInputIsRefused(Vertx vertx) {
    try (TestHall hall = openHall(vertx)) {
      String manager = hall.manager();
      Reply mode = setRule(hall, manager, SERVICE, new JsonObject().put("mode", "SOMETIMES"));
      assertEquals(400, mode.status());
      assertEquals("mode", mode.errorField());
      Reply reason = setRule(hall, manager, SERVICE, new JsonObject().put("mode", "CLOSE_UNSERVED").put("reason", "闭".repeat(101)));
      assertEquals(400, reason.status());
      assertEquals("reason", reason.errorField());
      Reply unknown = setRule(hall, manager, "NO_SUCH", new JsonObject().put("mode", "SERVE_LATE"));
      assertEquals(404, unknown.status());
      assertEquals("SERVICE_NOT_FOUND", unknown.errorCode());
      String clerk = hall.clerk(1);
      assertEquals(403, setRule(hall, clerk, SERVICE, new JsonObject().put("mode", "SERVE_LATE")).status());
      assertEquals(200, setRule(hall, manager, SERVICE, new JsonObject().put("mode", "SERVE_LATE")).status(), "the rule it has");
      assertEquals(0L, hall.count("SELECT count(*) FROM rule_change"), "no change, no audit row");

      Reply badDate = hall.api.get("/api/v1/days/2026-13-45/summary", manager);
      assertEquals(400, badDate.status(), badDate.toString());
      assertEquals("date", badDate.errorField());
      assertEquals(403, hall.api.get("/api/v1/days/" + DAY + "/summary", clerk).status());
      assertEquals(401, hall.api.get("/api/v1/days/" + DAY + "/summary", null).status());
    }
  }

  /** The demo hall, open Monday to Friday 09:00–17:00. */
  private static TestHall openHall(Vertx vertx) {
    return TestHall.start(vertx, raw -> raw.getJsonObject("hall").put("openingHours", new JsonArray()
        .add(new JsonObject().put("days", new JsonArray().add("MON").add("TUE").add("WED").add("THU").add("FRI"))
            .put("opens", "09:00").put("closes", "17:00"))));
  }

  private static Closed run(TestHall hall) {
    return Api.await(hall.server.closeOfDay().run());
  }

  private static void serve(TestHall hall, String clerk, String number) {
    assertEquals(number, hall.counterOp(1, "call-next", clerk).ticket().getString("number"));
    assertEquals(200, hall.counterOp(1, "start", clerk).status());
    assertEquals(200, hall.counterOp(1, "finish", clerk).status());
  }

  private static Reply setRule(TestHall hall, String token, String service, JsonObject rule) {
    return Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/" + service + "/closing", token, rule, null));
  }

  private static JsonObject summary(TestHall hall, String token, String day) {
    Reply reply = hall.api.get("/api/v1/days/" + day + "/summary", token);
    assertEquals(200, reply.status(), reply.toString());
    return reply.body();
  }

  private static JsonObject service(JsonObject summary, String code) {
    return summary.getJsonArray("services").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("serviceCode").equals(code)).findFirst().orElseThrow();
  }

  /** The ticket as its citizen's page reads it. */
  private static JsonObject ticket(TestHall hall, JsonObject issued) {
    Reply reply = hall.api.get("/api/v1/tickets/" + issued.getString("id"), null);
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.body().containsKey("ticket"));
    return reply.ticket();
  }
}
