package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Calling out of order (with a reason, audited), 挂起 and call back, the recall limit and 过号重排: the
 * hall's queue rules, from config (recall limit 3, park limit 30 minutes, requeue at the back) and as a
 * manager changes them at run time, with an audit row.
 */
class QueueRulesIT extends HallTest {
  private static final String SERVICE = "SOCIAL_INSURANCE";
  /** One session per counter: a clerk signing in again ends the session before. */
  private final Map<Integer, String> clerks = new HashMap<>();

  @Test
  @DisplayName("指定叫号：1 号窗口叫 A003（须说明原因，记入事件日志），不办该业务的窗口、不存在的号、窗口忙时被拒")
  void aTicketIsCalledOutOfOrderForAReason() {
    List<JsonObject> tickets = issue(3);
    String clerk = clerk(1);
    String third = tickets.get(2).getString("number");
    assertEquals("reason", callTicket(1, clerk, third, "  ").errorField());
    assertEquals(400, callTicket(1, clerk, third, "").status());
    assertEquals("NOT_THIS_COUNTERS_SERVICE", callTicket(4, clerk(4), third, "走错窗口").errorCode());
    assertEquals(404, callTicket(1, clerk, "A999", "没有这个号").status());

    Reply called = callTicket(1, clerk, third, "预约优先");
    assertEquals(200, called.status(), called.toString());
    assertEquals(third, called.ticket().getString("number"));
    assertEquals("CALLED", called.ticket().getString("status"));
    assertEquals("预约优先|clerk01|true", calledEvent(tickets.get(2).getString("id")));
    assertEquals("COUNTER_BUSY", callTicket(1, clerk, tickets.get(0).getString("number"), "再叫一个").errorCode());
    assertEquals(tickets.get(0).getString("number"), next(2).getString("number"), "the others keep their order");
  }

  @Test
  @DisplayName("挂起：A001 办理中挂起（回去取材料），窗口空出叫 A002；2 号窗口看到并叫回 A001，等候时间不重算；超过 30 分钟挂起期限不能再叫回")
  void aParkedTicketKeepsItsPlaceAndIsCalledBackWithinTheLimit() {
    List<JsonObject> tickets = issue(3);
    String clerk = clerk(1);
    hall.clock.advance(Duration.ofMinutes(4));
    JsonObject first = next(1);
    assertEquals(200, hall.counterOp(1, "start", clerk).status());
    Reply parked = hall.api.post("/api/v1/counters/1/park", clerk, new JsonObject().put("reason", "回去取身份证"));
    assertEquals(200, parked.status(), parked.toString());
    assertEquals("PARKED", parked.ticket().getString("status"));
    assertEquals(tickets.get(1).getString("number"), next(1).getString("number"), "the counter is free; the parked ticket is not in the queue");

    JsonObject list = hall.api.get("/api/v1/counters/2/parked", clerk(2)).body();
    assertEquals(List.of(first.getString("number")), list.getJsonArray("tickets").stream()
        .map(t -> ((JsonObject) t).getString("number")).toList());
    hall.clock.advance(Duration.ofMinutes(10));
    Reply back = callTicket(2, clerk(2), first.getString("number"), "材料取回");
    assertEquals(200, back.status(), back.toString());
    assertEquals(2, back.ticket().getInteger("counterNo"));
    assertEquals(first.getString("calledAt"), back.ticket().getString("calledAt"), "its wait ended at its first call");
    assertEquals(first.getLong("waitSeconds"), back.ticket().getLong("waitSeconds"));
    assertTrue(first.getLong("waitSeconds") >= 240, first.encode());
    assertEquals("材料取回|clerk02|true", calledEvent(first.getString("id")));

    // Parked longer than the hall's 30 minutes: too late to call back.
    assertEquals(200, hall.api.post("/api/v1/counters/2/park", clerk(2), null).status());
    hall.clock.advance(Duration.ofMinutes(31));
    assertEquals("PARK_EXPIRED", callTicket(2, clerk(2), first.getString("number"), "回来了").errorCode());
    assertEquals(tickets.get(2).getString("number"), next(3).getString("number"));
  }

  @Test
  @DisplayName("重呼上限 3 次：第 4 次重呼时自动过号；管理员改为不限后可继续重呼，改动有审计记录")
  void aRecallPastTheLimitMakesANoShow() {
    issue(2);
    String clerk = clerk(1);
    JsonObject first = next(1);
    for (int i = 1; i <= 3; i++) {
      Reply recalled = hall.counterOp(1, "recall", clerk);
      assertEquals(i, recalled.ticket().getInteger("recallCount"));
      assertEquals("CALLED", recalled.ticket().getString("status"));
    }
    Reply fourth = hall.counterOp(1, "recall", clerk);
    assertEquals(200, fourth.status(), fourth.toString());
    assertEquals("NO_SHOW", fourth.ticket().getString("status"));
    assertEquals(List.of("TICKET_ISSUED", "TICKET_CALLED", "TICKET_RECALLED", "TICKET_RECALLED", "TICKET_RECALLED", "TICKET_NO_SHOW"),
        hall.eventTypes(first.getString("id")));

    String manager = hall.manager();
    JsonObject unlimited = rules(1, null, null, 30);
    assertEquals(200, setHallRules(manager, unlimited).status());
    next(1);
    for (int i = 1; i <= 5; i++) {
      assertEquals("CALLED", hall.counterOp(1, "recall", clerk).ticket().getString("status"));
    }
    JsonObject change = hall.api.get("/api/v1/queue-rules/changes", manager).body().getJsonArray("changes").getJsonObject(0);
    assertEquals("HALL_QUEUE_RULES", change.getString("kind"));
    assertEquals(3, change.getJsonObject("before").getInteger("recallLimit"));
    assertEquals(unlimited, change.getJsonObject("after"));
    assertEquals("manager", hall.api.get("/api/v1/queue-rules", manager).body().getJsonObject("hall").getString("editedBy"));
  }

  @Test
  @DisplayName("过号重排：默认排到队尾（A002 A003 A004 A005 A001）；改为顺延 2 位后排在第 2 位之后（A002 A003 A001 A004 A005）")
  void aLateCitizenGoesBackWhereTheRuleSays() {
    assertEquals(List.of(2, 3, 4, 5, 1), requeuedOrder());
    assertEquals(200, setHallRules(hall.manager(), rules(1, 2, 3, 30)).status());
    assertEquals(List.of(2, 3, 1, 4, 5), requeuedOrder());
  }

  @Test
  @DisplayName("队列规则错误被拒：挂起期限 0、顺延 -1、缺少必填项、窗口人员无权修改；被拒的修改不写审计")
  void badHallRulesAreRefused() {
    String manager = hall.manager();
    assertEquals(400, setHallRules(manager, rules(1, null, 3, 0)).status());
    assertEquals(400, setHallRules(manager, rules(1, -1, 3, 30)).status());
    assertEquals("parkMinutes", setHallRules(manager, new JsonObject().put("noShowRequeueLimit", 1)).errorField());
    assertEquals(403, setHallRules(clerk(1), rules(1, null, 3, 30)).status());
    assertEquals(0L, hall.count("SELECT count(*) FROM rule_change"));
  }

  /** Five tickets; the first a no-show put back; the order the rest are called in, by issue position (1 = the first). */
  private List<Integer> requeuedOrder() {
    List<JsonObject> tickets = issue(5);
    List<String> numbers = tickets.stream().map(t -> t.getString("number")).toList();
    String clerk = clerk(1);
    assertEquals(numbers.get(0), next(1).getString("number"));
    assertEquals(200, hall.counterOp(1, "no-show", clerk).status());
    hall.clock.advance(Duration.ofSeconds(1));
    Reply requeued = hall.api.post("/api/v1/tickets/" + tickets.get(0).getString("id") + "/requeue", clerk);
    assertEquals(200, requeued.status(), requeued.toString());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      order.add(numbers.indexOf(next(1).getString("number")) + 1);
      assertEquals(200, hall.counterOp(1, "no-show", clerk).status());
    }
    return order;
  }

  private String clerk(int counterNo) {
    return clerks.computeIfAbsent(counterNo, no -> hall.clerk(no));
  }

  private static JsonObject rules(int requeueLimit, Integer afterPlaces, Integer recallLimit, int parkMinutes) {
    return new JsonObject().put("noShowRequeueLimit", requeueLimit).put("requeueAfterPlaces", afterPlaces)
        .put("recallLimit", recallLimit).put("parkMinutes", parkMinutes);
  }

  private Reply setHallRules(String token, JsonObject rules) {
    return Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/hall", token, rules, null));
  }

  private List<JsonObject> issue(int count) {
    List<JsonObject> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      hall.clock.advance(Duration.ofSeconds(1));
      tickets.add(hall.issue(SERVICE));
    }
    return tickets;
  }

  /** The ticket the counter's clerk calls next. */
  private JsonObject next(int counterNo) {
    Reply called = hall.counterOp(counterNo, "call-next", clerk(counterNo));
    assertEquals(200, called.status(), called.toString());
    assertTrue(called.ticket() != null, "someone waits");
    return called.ticket();
  }

  private Reply callTicket(int counterNo, String clerk, String number, String reason) {
    return hall.api.post("/api/v1/counters/" + counterNo + "/call-ticket", clerk, new JsonObject().put("number", number).put("reason", reason));
  }

  /** The reason, caller and out-of-order flag of the ticket's latest call. */
  private String calledEvent(String ticketId) {
    Row row = Api.await(hall.db.preparedQuery("SELECT payload, actor FROM ticket_event WHERE ticket_id = $1 AND type = 'TICKET_CALLED' "
        + "ORDER BY id DESC LIMIT 1").execute(Tuple.of(UUID.fromString(ticketId)))).iterator().next();
    JsonObject payload = row.getJsonObject("payload");
    return payload.getString("reason") + "|" + row.getString("actor") + "|" + payload.getBoolean("outOfOrder");
  }
}
