package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The whole way of a booked citizen, in real headless Chromium on a fixed hall clock: booked on the phone
 * page on Thursday; on Friday at 08:55 checked in with the ID card on the kiosk's reader (through the
 * bridge) behind four 老年人 already waiting; the phone page (opened from the ticket's QR link) is armed
 * with 提醒我 and already knows the number given when booking for SMS; one call later the citizen is
 * three from the front and alerted, by the page and by an SMS queued for the gateway; four calls later
 * called, and alerted again.
 */
class AppointmentToCallBrowserIT extends HallTest {
  private static final String ID_NUMBER = "11010519491231002X";
  private static final String BRIDGE = "demo-counter-bridge-token-change-me";

  @Test
  @Timeout(180)
  @DisplayName("预约 → 刷身份证签到 → 快到号提醒（页面与短信）→ 叫号")
  void bookedCheckedInAlertedCalled() {
    hall.clock.set(Instant.parse("2026-11-26T02:00:00Z"));
    String base = "http://127.0.0.1:" + hall.server.port();
    try (Browser phone = Browser.open(390, 844)) {
      phone.go(base + "/booking/");
      phone.click("service-SOCIAL_INSURANCE");
      phone.click("date-2026-11-27");
      phone.click("slot-09:00");
      phone.find("name").sendKeys("王五");
      phone.find("id-number").sendKeys(ID_NUMBER);
      phone.find("phone").sendKeys("13800138000");
      phone.click("book");
      phone.waitForText("booking-status", "预约成功");

      hall.clock.set(Instant.parse("2026-11-27T00:55:00Z"));
      for (int i = 0; i < 4; i++) {
        hall.issue("SOCIAL_INSURANCE", "ELDERLY");
      }
      Reply card = hall.api.post("/api/v1/bridge/id-card", BRIDGE, new JsonObject().put("deviceId", "idreader-1").put("kioskId", "kiosk-1")
          .put("idNumber", ID_NUMBER).put("name", "王五"));
      assertEquals(201, card.status(), card.toString());
      String number = card.ticket().getString("number");
      URI link = URI.create(card.body().getString("ticketPageUrl"));
      phone.go(base + link.getPath() + "?" + link.getQuery());
      phone.waitForText("ticket-number", number);
      phone.waitForText("ahead", "前面还有 4 人");
      phone.waitForText("sms-state", "138****8000");
      phone.click("alert-arm");
      phone.waitForText("alert-state", "已开启提醒");
      phone.screenshot("appointment-ticket-page-armed-390x844");

      String clerk = hall.clerk(1);
      callAndServe(clerk);
      phone.waitForText("near-alert", "前面还有 3 人");
      JsonArray near = alerts(phone);
      assertEquals("NEAR", near.getJsonObject(0).getString("kind"), near.encode());
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'NEAR' AND ticket_id = '" + card.ticket().getString("id") + "'"),
          "the near-call SMS is queued for the number given when booking");
      phone.screenshot("appointment-ticket-page-near-390x844");

      for (int i = 0; i < 3; i++) {
        callAndServe(clerk);
      }
      Reply called = hall.counterOp(1, "call-next", clerk);
      assertEquals(number, called.ticket().getString("number"), "the appointment after the four who were there before it");
      phone.waitForText("called-alert", "请到 1 号窗口办理");
      assertTrue(alerts(phone).stream().anyMatch(a -> "CALLED".equals(((JsonObject) a).getString("kind"))), alerts(phone).encode());
      assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE kind = 'CALLED' AND ticket_id = '" + card.ticket().getString("id") + "'"));
      phone.screenshot("appointment-ticket-page-called-390x844");
    }
  }

  private void callAndServe(String clerk) {
    for (String op : new String[] {"call-next", "start", "finish"}) {
      Reply reply = hall.counterOp(1, op, clerk);
      assertEquals(200, reply.status(), op + ": " + reply);
    }
  }

  private static JsonArray alerts(Browser phone) {
    return new JsonArray((String) ((JavascriptExecutor) phone.driver()).executeScript("return JSON.stringify(window.hallqAlerts || [])"));
  }
}
