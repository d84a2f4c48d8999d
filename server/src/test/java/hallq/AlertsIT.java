package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Alerts fire once per crossing, clear when the condition ends, and are acknowledged by a manager. */
class AlertsIT extends HallTest {

  @Test
  @DisplayName("等候超过目标：越线时告警一次，再查不重复；叫号后解除；再次越线再告警")
  void aLongWaitRaisesOneAlertUntilItIsCalled() {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");  // target 20 min
    hall.clock.advance(Duration.ofMinutes(20));
    assertEquals(0, check(), "exactly at the target is not over it");
    hall.clock.advance(Duration.ofSeconds(1));
    assertEquals(1, check());
    assertEquals(0, check(), "still over the target: no second alert");
    List<JsonObject> open = open("WAIT_OVER_TARGET");
    assertEquals(1, open.size());
    assertEquals(ticket.getString("id"), open.get(0).getString("subject"));
    assertEquals(ticket.getString("number"), open.get(0).getJsonObject("detail").getString("number"));

    assertEquals(200, hall.counterOp(1, "call-next", hall.clerk(1)).status());
    assertEquals(1, check());
    assertEquals(List.of(), open("WAIT_OVER_TARGET"));
    assertEquals(List.of("ALERT_RAISED", "ALERT_CLEARED"), alertEvents());
  }

  @Test
  @DisplayName("队列过长、办理超时、暂停过久、打印机缺纸、设备离线各自告警并在恢复后解除")
  void everyKindOfAlertRaisesAndClears() {
    String manager = hall.manager();
    JsonObject standard = hall.api.get("/api/v1/standards", manager).body().getJsonArray("services").getJsonObject(0);
    for (String readOnly : new String[] {"serviceCode", "name", "editedBy", "editedAt"}) {
      standard.remove(readOnly);
    }
    put("/api/v1/standards/services/SOCIAL_INSURANCE", manager, standard.put("queueAlertLength", 2));
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    check();
    assertEquals(List.of(), open("QUEUE_TOO_LONG"), "2 waiting is not more than 2");
    hall.issue("SOCIAL_INSURANCE");
    check();
    assertEquals(3, open("QUEUE_TOO_LONG").get(0).getJsonObject("detail").getInteger("waiting"));

    String clerk = hall.clerk(1);
    hall.counterOp(1, "call-next", clerk);
    hall.counterOp(1, "start", clerk);
    hall.clock.advance(Duration.ofMinutes(10).plusSeconds(1));  // standard handling time 10 min
    hall.counterOp(2, "pause", hall.clerk(2));
    put("/api/v1/devices/kiosk-1/printer", BridgeJobsIT.BRIDGE, new JsonObject().put("status", "PAPER_OUT"));
    put("/api/v1/bridge/devices/pad-1", BridgeJobsIT.BRIDGE,
        new JsonObject().put("kind", "PAD").put("counterNo", 1).put("online", false).put("detail", "no answer"));
    check();
    assertEquals(List.of(), open("QUEUE_TOO_LONG"), "2 left waiting");
    assertEquals(1, open("HANDLING_TOO_LONG").size());
    assertEquals("kiosk-1", open("PRINTER_PROBLEM").get(0).getString("subject"));
    assertEquals("counter-bridge/pad-1", open("DEVICE_OFFLINE").get(0).getString("subject"));
    assertEquals(List.of(), open("COUNTER_PAUSED_TOO_LONG"), "paused just now");
    hall.clock.advance(Duration.ofMinutes(16));  // limit 15 min
    check();
    assertEquals("2", open("COUNTER_PAUSED_TOO_LONG").get(0).getString("subject"));

    hall.counterOp(1, "finish", clerk);
    hall.counterOp(2, "resume", hall.clerk(2));
    put("/api/v1/devices/kiosk-1/printer", BridgeJobsIT.BRIDGE, new JsonObject().put("status", "PAPER_NEAR_END"));
    put("/api/v1/bridge/devices/pad-1", BridgeJobsIT.BRIDGE,
        new JsonObject().put("kind", "PAD").put("counterNo", 1).put("online", true).put("detail", ""));
    check();
    for (String kind : new String[] {"HANDLING_TOO_LONG", "COUNTER_PAUSED_TOO_LONG", "PRINTER_PROBLEM", "DEVICE_OFFLINE"}) {
      assertEquals(List.of(), open(kind), kind + " cleared");
    }
  }

  @Test
  @DisplayName("管理员确认告警；重复确认不变；办事员不能确认")
  void aManagerAcknowledgesAnAlert() {
    put("/api/v1/devices/kiosk-1/printer", BridgeJobsIT.BRIDGE, new JsonObject().put("status", "COVER_OPEN"));
    check();
    long id = open("PRINTER_PROBLEM").get(0).getLong("id");
    assertEquals(403, hall.api.post("/api/v1/alerts/" + id + "/ack", hall.clerk(1)).status());
    Reply acked = hall.api.post("/api/v1/alerts/" + id + "/ack", hall.manager());
    assertEquals(200, acked.status(), acked.toString());
    assertEquals("manager", acked.body().getString("ackedBy"));
    String ackedAt = acked.body().getString("ackedAt");
    hall.clock.advance(Duration.ofMinutes(1));
    Reply again = hall.api.post("/api/v1/alerts/" + id + "/ack", hall.login("admin", "hallq-admin", null));
    assertEquals("manager", again.body().getString("ackedBy"));
    assertEquals(ackedAt, again.body().getString("ackedAt"));
    assertEquals(404, hall.api.post("/api/v1/alerts/999999/ack", hall.manager()).status());
    assertNotNull(open("PRINTER_PROBLEM").get(0).getString("ackedBy"), "acknowledged, still open until the printer is fixed");
    assertNull(open("PRINTER_PROBLEM").get(0).getString("clearedAt"));
  }

  private int check() {
    return Api.await(hall.server.alerts().check());
  }

  private List<JsonObject> open(String kind) {
    JsonArray alerts = hall.api.get("/api/v1/alerts", hall.manager()).body().getJsonArray("alerts");
    return alerts.stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("kind").equals(kind) && a.getString("clearedAt") == null)
        .toList();
  }

  private List<String> alertEvents() {
    var rows = Api.await(hall.db.query("SELECT type FROM ticket_event WHERE type LIKE 'ALERT_%' ORDER BY id").execute());
    List<String> types = new java.util.ArrayList<>();
    rows.forEach(row -> types.add(row.getString("type")));
    return types;
  }

  private void put(String path, String token, JsonObject body) {
    Reply reply = Api.await(hall.api.send(HttpMethod.PUT, path, token, body, null));
    assertEquals(200, reply.status(), reply.toString());
  }
}
