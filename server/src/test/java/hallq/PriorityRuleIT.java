package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Priority rules, call sequences against hand-worked tables: STRICT (绿色通道 always first) and RATIO
 * (one priority call after every N walk-ins, counted per counter), changed by a manager at run time
 * with an audit row. Tickets are named by their letters: P priority (老年人), W walk-in, in issue order.
 */
class PriorityRuleIT extends HallTest {
  private static final String SERVICE = "SOCIAL_INSURANCE";

  @Test
  @DisplayName("严格优先（默认）：W1 W2 P1 W3 P2 → 叫号顺序 P1 P2 W1 W2 W3")
  void strictCallsEveryPriorityTicketFirst() {
    Map<String, String> tickets = issue("W1", "W2", "P1", "W3", "P2");
    assertEquals(List.of("P1", "P2", "W1", "W2", "W3"), callAll(tickets, 1, 1, 1, 1, 1));
  }

  @Test
  @DisplayName("比例 2:1：P1 W1 P2 W2 P3 W3 P4 W4 → P1 W1 W2 P2 W3 W4 P3 P4（无普通号等候时优先号照叫）；管理员修改有审计记录")
  void ratioCallsOnePriorityAfterEveryNWalkIns() {
    String manager = hall.manager();
    Reply set = setRule(manager, new JsonObject().put("mode", "RATIO").put("normalPerPriority", 2));
    assertEquals(200, set.status(), set.toString());

    Map<String, String> tickets = issue("P1", "W1", "P2", "W2", "P3", "W3", "P4", "W4");
    assertEquals(List.of("P1", "W1", "W2", "P2", "W3", "W4", "P3", "P4"), callAll(tickets, 1, 1, 1, 1, 1, 1, 1, 1));

    JsonObject rule = hall.api.get("/api/v1/queue-rules", manager).body().getJsonArray("services").getJsonObject(0);
    assertEquals(SERVICE, rule.getString("serviceCode"));
    assertEquals("manager", rule.getString("editedBy"));
    JsonObject change = hall.api.get("/api/v1/queue-rules/changes", manager).body().getJsonArray("changes").getJsonObject(0);
    assertEquals("PRIORITY_RULE", change.getString("kind"));
    assertEquals(SERVICE, change.getString("subject"));
    assertEquals("STRICT", change.getJsonObject("before").getString("mode"));
    assertEquals(new JsonObject().put("mode", "RATIO").put("normalPerPriority", 2), change.getJsonObject("after"));
    assertEquals("manager", change.getString("changedBy"));
  }

  @Test
  @DisplayName("比例按窗口计数：1、2 号窗口交替叫号，P1 P2 P3 W1…W6 → 1 号 P1 W1 W3 P3 W6，2 号 P2 W2 W4 W5")
  void ratioIsCountedPerCounter() {
    assertEquals(200, setRule(hall.manager(), new JsonObject().put("mode", "RATIO").put("normalPerPriority", 2)).status());
    Map<String, String> tickets = issue("P1", "P2", "P3", "W1", "W2", "W3", "W4", "W5", "W6");
    List<String> calls = callAll(tickets, 1, 2, 1, 2, 1, 2, 1, 2, 1);
    assertEquals(List.of("P1", "P2", "W1", "W2", "W3", "W4", "P3", "W5", "W6"), calls);
  }

  @Test
  @DisplayName("比例 3:1 下随机到达（固定种子）：有普通号等候时连续叫优先号不超过 1 个，有优先号等候时连续叫普通号不超过 3 个")
  void ratioStarvesNobody() {
    int n = 3;
    assertEquals(200, setRule(hall.manager(), new JsonObject().put("mode", "RATIO").put("normalPerPriority", n)).status());
    String clerk = hall.clerk(1);
    Random random = new Random(20261202L);
    Map<String, Boolean> waiting = new LinkedHashMap<>();
    int priorityRun = 0;
    int longestPriorityRun = 0;
    int walkInRun = 0;
    int longestWalkInRun = 0;
    int calls = 0;
    for (int step = 0; step < 160; step++) {
      hall.clock.advance(Duration.ofSeconds(1));
      if (random.nextInt(5) < 3 || waiting.isEmpty()) {
        boolean priority = random.nextInt(2) == 0;
        waiting.put(hall.issue(SERVICE, priority ? "ELDERLY" : null).getString("number"), priority);
        continue;
      }
      boolean walkInWaiting = waiting.containsValue(false);
      boolean priorityWaiting = waiting.containsValue(true);
      Reply called = hall.counterOp(1, "call-next", clerk);
      assertEquals(200, called.status(), called.toString());
      boolean priority = waiting.remove(called.ticket().getString("number"));
      assertEquals(200, hall.counterOp(1, "no-show", clerk).status());
      calls++;
      // Calls of one kind in a row while the other kind waited.
      priorityRun = priority && walkInWaiting ? priorityRun + 1 : 0;
      walkInRun = !priority && priorityWaiting ? walkInRun + 1 : 0;
      longestPriorityRun = Math.max(longestPriorityRun, priorityRun);
      longestWalkInRun = Math.max(longestWalkInRun, walkInRun);
    }
    assertTrue(calls > 40, "calls made: " + calls);
    assertEquals(1, longestPriorityRun, "a walk-in waits behind one priority call in a row at most");
    assertEquals(n, longestWalkInRun, "waiting priority tickets wait behind " + n + " walk-in calls in a row at most");
  }

  @Test
  @DisplayName("规则错误被拒：RATIO 缺少 N、N 超出 1–20、未知模式、未知业务、窗口人员无权修改；被拒的修改不写审计")
  void badRulesAreRefused() {
    String manager = hall.manager();
    assertEquals("normalPerPriority", setRule(manager, new JsonObject().put("mode", "RATIO")).errorField());
    assertEquals(400, setRule(manager, new JsonObject().put("mode", "RATIO").put("normalPerPriority", 21)).status());
    assertEquals(400, setRule(manager, new JsonObject().put("mode", "SOMETIMES")).status());
    Reply unknown = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/NO_SUCH/priority", manager,
        new JsonObject().put("mode", "STRICT"), null));
    assertEquals(404, unknown.status());
    assertEquals(403, setRule(hall.clerk(1), new JsonObject().put("mode", "STRICT")).status());
    assertEquals(200, setRule(manager, new JsonObject().put("mode", "STRICT")).status(), "the rule it already has");
    assertEquals(0L, hall.count("SELECT count(*) FROM rule_change"), "no change, no audit row");
    JsonObject rule = hall.api.get("/api/v1/queue-rules", manager).body().getJsonArray("services").getJsonObject(0);
    assertNull(rule.getString("editedBy"), "still as configured");
  }

  private Reply setRule(String token, JsonObject rule) {
    return Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/" + SERVICE + "/priority", token, rule, null));
  }

  /** Issues tickets in this order (P… for 老年人, W… walk-ins), a second apart; their numbers by name. */
  private Map<String, String> issue(String... names) {
    Map<String, String> numbers = new LinkedHashMap<>();
    for (String name : names) {
      hall.clock.advance(Duration.ofSeconds(1));
      numbers.put(name, hall.issue(SERVICE, name.startsWith("P") ? "ELDERLY" : null).getString("number"));
    }
    return numbers;
  }

  /** Calls at these counters in turn, each call then marked no-show; the names of the tickets called, in order. */
  private List<String> callAll(Map<String, String> tickets, int... counters) {
    Map<String, String> names = new HashMap<>();
    tickets.forEach((name, number) -> names.put(number, name));
    List<String> called = new ArrayList<>();
    for (int counter : counters) {
      String clerk = hall.clerk(counter);
      Reply reply = hall.counterOp(counter, "call-next", clerk);
      assertEquals(200, reply.status(), reply.toString());
      called.add(names.get(reply.ticket().getString("number")));
      assertEquals(200, hall.counterOp(counter, "no-show", clerk).status());
    }
    return called;
  }
}
