package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 潮汐窗口: a service added to a counter for a period, by a manager or by the service's automatic rule. */
class TidalCountersIT extends HallTest {

  @Test
  @DisplayName("管理员给 1 号窗口（社保医保）临时增开不动产登记 30 分钟：先叫不动产号并记在该次增开名下；到期后恢复；提前结束；错误的请求被拒")
  void aManagerAddsAServiceToACounterForAPeriod() {
    String manager = hall.manager();
    String clerk = hall.clerk(1);
    JsonObject social = hall.issue("SOCIAL_INSURANCE");
    JsonObject estate = hall.issue("REAL_ESTATE");

    Reply assigned = assign(1, "REAL_ESTATE", 30, manager);
    assertEquals(201, assigned.status(), assigned.toString());
    long id = assigned.body().getLong("id");
    assertEquals(new JsonArray().add("REAL_ESTATE"), hall.api.get("/api/v1/counters/1", clerk).body().getJsonArray("assignedServices"));
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'COUNTER_SERVICES_CHANGED' AND counter_no = 1"));

    Reply called = hall.counterOp(1, "call-next", clerk);
    assertEquals(estate.getString("number"), called.ticket().getString("number"), "the assigned service first");
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket WHERE assignment_id = " + id), "the work is the assignment's");
    assertEquals(200, hall.counterOp(1, "no-show", clerk).status());
    JsonObject listed = hall.api.get("/api/v1/assignments", clerk).body().getJsonArray("assignments").getJsonObject(0);
    assertEquals(1L, listed.getLong("called"));
    assertEquals("manager", listed.getString("assignedBy"));

    // Thirty-one minutes on the assignment has run out: counter 1 is a 社保医保 window again.
    hall.clock.advance(Duration.ofMinutes(31));
    hall.issue("REAL_ESTATE");
    assertEquals(social.getString("number"), hall.counterOp(1, "call-next", clerk).ticket().getString("number"));
    assertEquals(new JsonArray(), hall.api.get("/api/v1/counters/1", clerk).body().getJsonArray("assignedServices"));

    // Ended early by the manager; ending it again is refused.
    long second = assign(2, "REAL_ESTATE", 60, manager).body().getLong("id");
    Reply ended = hall.api.post("/api/v1/counters/2/assignments/" + second + "/end", manager);
    assertEquals(200, ended.status(), ended.toString());
    assertEquals(new JsonArray(), hall.api.get("/api/v1/counters/2", clerk).body().getJsonArray("assignedServices"));
    assertEquals("ASSIGNMENT_ENDED", hall.api.post("/api/v1/counters/2/assignments/" + second + "/end", manager).errorCode());

    assertEquals("ALREADY_SERVES", assign(1, "SOCIAL_INSURANCE", 30, manager).errorCode());
    assertEquals(400, assign(1, "REAL_ESTATE", 2, manager).status());
    assertEquals("serviceCode", assign(1, "NO_SUCH", 30, manager).errorField());
    assertEquals(403, assign(1, "REAL_ESTATE", 30, clerk).status());
    assertEquals(404, assign(13, "REAL_ESTATE", 30, manager).status());
    assertEquals(2L, hall.count("SELECT count(*) FROM counter_assignment"), "refused assignments wrote nothing");
  }

  @Test
  @DisplayName("自动规则：不动产登记排队超过预警人数（8）时，2 号窗口自动增开不动产登记 20 分钟，并先叫不动产号")
  void theServicesRuleAddsCountersWhenItsQueueIsTooLong(Vertx vertx) {
    try (TestHall tidal = TestHall.start(vertx, config -> config.getJsonArray("serviceTypes").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("code").equals("REAL_ESTATE")).findFirst().orElseThrow()
        .put("tidal", new JsonObject().put("counters", new JsonArray(List.of(2))).put("minutes", 20)))) {
      String first = tidal.issue("REAL_ESTATE").getString("number");
      for (int i = 0; i < 8; i++) {
        tidal.issue("REAL_ESTATE");
      }
      Api.await(tidal.server.alerts().check());
      JsonObject assignment = tidal.api.get("/api/v1/assignments", tidal.manager()).body().getJsonArray("assignments").getJsonObject(0);
      assertEquals(2, assignment.getInteger("counterNo"));
      assertEquals("auto", assignment.getString("assignedBy"));
      assertEquals(Duration.ofMinutes(20), Duration.between(Instant.parse(assignment.getString("startsAt")),
          Instant.parse(assignment.getString("endsAt"))));
      String clerk = tidal.clerk(2);
      assertEquals(first, tidal.counterOp(2, "call-next", clerk).ticket().getString("number"));
      Api.await(tidal.server.alerts().check());
      assertEquals(1L, tidal.count("SELECT count(*) FROM counter_assignment"), "one alert, one assignment");
    }
  }

  @Test
  @DisplayName("管理员运行时修改自动规则（不动产登记由 3 号窗口自动增开 15 分钟），写入审计；不存在的窗口、缺少时长被拒；改后的规则在预警时生效")
  void aManagerChangesTheAutomaticRuleAtRunTime() {
    String manager = hall.manager();
    Reply set = putRule(manager, new JsonObject().put("counters", new JsonArray(List.of(3))).put("minutes", 15));
    assertEquals(200, set.status(), set.toString());
    assertEquals("counters", putRule(manager, new JsonObject().put("counters", new JsonArray(List.of(99))).put("minutes", 15)).errorField());
    assertEquals("minutes", putRule(manager, new JsonObject().put("counters", new JsonArray(List.of(3)))).errorField());
    assertEquals(403, putRule(hall.clerk(1), new JsonObject().put("counters", new JsonArray())).status());
    JsonObject change = hall.api.get("/api/v1/queue-rules/changes", manager).body().getJsonArray("changes").getJsonObject(0);
    assertEquals("TIDAL_RULE", change.getString("kind"));
    assertEquals(new JsonObject().put("counters", new JsonArray()).putNull("minutes"), change.getJsonObject("before"));
    assertEquals(1L, hall.count("SELECT count(*) FROM rule_change"));

    for (int i = 0; i < 9; i++) {
      hall.issue("REAL_ESTATE");
    }
    Api.await(hall.server.alerts().check());
    JsonObject assignment = hall.api.get("/api/v1/assignments", manager).body().getJsonArray("assignments").getJsonObject(0);
    assertEquals(3, assignment.getInteger("counterNo"));
    assertEquals("auto", assignment.getString("assignedBy"));
  }

  private Reply putRule(String token, JsonObject rule) {
    return Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/REAL_ESTATE/tidal", token, rule, null));
  }

  private Reply assign(int counterNo, String serviceCode, int minutes, String token) {
    return hall.api.post("/api/v1/counters/" + counterNo + "/assignments", token,
        new JsonObject().put("serviceCode", serviceCode).put("minutes", minutes).put("reason", "排队过长"));
  }
}
