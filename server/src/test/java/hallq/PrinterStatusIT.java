package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.SseClient;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrinterStatusIT extends HallTest {
  private static final String KIOSK_1_PRINTER = "/api/v1/devices/kiosk-1/printer";
  private static final String KIOSK_2 = "demo-kiosk-2-token-change-me";
  private static final String BRIDGE = "demo-counter-bridge-token-change-me";

  @Test
  @DisplayName("取号机或桥接程序上报打印机状态，推送给取号机屏幕")
  void printerStatusIsStoredAndPushed(Vertx vertx) {
    Reply unknown = hall.api.get(KIOSK_1_PRINTER, TestHall.DISPLAY);
    assertEquals("UNKNOWN", unknown.body().getString("printer"));
    assertNull(unknown.body().getValue("canPrint"));

    try (SseClient sse = SseClient.open(vertx, hall.server.port(), "/api/v1/events", TestHall.KIOSK, null)) {
      sse.next();
      Reply reported = report(BRIDGE, "PAPER_OUT");
      assertEquals(200, reported.status(), reported.toString());
      var event = sse.next();
      assertEquals("PRINTER_STATUS", event.type());
      assertEquals("kiosk-1", event.payload().getString("deviceId"));
      assertEquals(false, event.payload().getBoolean("canPrint"));
    }
    JsonObject stored = hall.api.get(KIOSK_1_PRINTER, TestHall.KIOSK).body();
    assertEquals("PAPER_OUT", stored.getString("printer"));
    assertEquals(false, stored.getBoolean("canPrint"));

    assertEquals(200, report(TestHall.KIOSK, "PAPER_NEAR_END").status());
    assertEquals(true, hall.api.get(KIOSK_1_PRINTER, TestHall.KIOSK).body().getBoolean("canPrint"));
  }

  @Test
  @DisplayName("只有取号机自己或桥接程序能上报；未知设备 404；未知状态 400")
  void onlyTheKioskOrABridgeReports() {
    assertEquals(403, report(KIOSK_2, "OK").status());
    assertEquals(403, report(TestHall.DISPLAY, "OK").status());
    assertEquals(403, report(hall.manager(), "OK").status());
    assertEquals(401, report(null, "OK").status());
    Reply unknownDevice = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/devices/kiosk-9/printer", BRIDGE,
        new JsonObject().put("status", "OK"), null));
    assertEquals(404, unknownDevice.status());
    Reply badStatus = report(BRIDGE, "ON_FIRE");
    assertEquals(400, badStatus.status());
    assertEquals("status", badStatus.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM device_status"));
  }

  private Reply report(String token, String status) {
    return Api.await(hall.api.send(HttpMethod.PUT, KIOSK_1_PRINTER, token, new JsonObject().put("status", status), null));
  }
}
