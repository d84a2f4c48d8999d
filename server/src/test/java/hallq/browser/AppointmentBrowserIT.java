package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * 预约 in real headless Chromium against a real server, on a fixed hall clock: on Thursday 2026-11-26 10:00
 * (Asia/Shanghai) a citizen books Friday 09:00–09:30 of 社保医保 on the phone page; on Friday at 08:55, with
 * two walk-ins waiting, the kiosk's scanner types the booking code into 预约签到; the appointment ticket
 * (A003) is the first the clerk at counter 1 calls. A second citizen checks in by ID card on the kiosk's reader
 * (through the bridge) and the kiosk shows that ticket too; the manager's 预约 list shows both, masked.
 * Screenshots land in target/screenshots.
 */
class AppointmentBrowserIT extends HallTest {
  private static final String ID_NUMBER = "11010519491231002X";
  private static final String SECOND_ID = "33010219800101123X";
  private static final String BRIDGE = "demo-counter-bridge-token-change-me";

  @Test
  @Timeout(180)
  @DisplayName("手机预约 → 取号机扫码签到 → 窗口先叫预约号")
  void bookOnThePhoneCheckInAtTheKioskCalledFirst() {
    hall.clock.set(Instant.parse("2026-11-26T02:00:00Z"));
    String base = "http://127.0.0.1:" + hall.server.port();
    String code;
    try (Browser phone = Browser.open(390, 844)) {
      phone.go(base + "/booking/");
      phone.click("service-SOCIAL_INSURANCE");
      phone.click("date-2026-11-27");
      phone.click("slot-09:00");
      phone.find("name").sendKeys("张三");
      phone.find("id-number").sendKeys(ID_NUMBER);
      phone.find("phone").sendKeys("13800138000");
      phone.find("matter").sendKeys("社保卡补办");
      phone.screenshot("booking-form-390x844");
      phone.click("book");
      phone.waitForText("booking-status", "预约成功");
      code = phone.find("booking-code").getText();
      assertTrue(code.matches("[2-9A-HJ-NP-Z]{8}"), code);
      assertEquals("1101**********002X", phone.find("booking-id-number").getText());
      assertEquals("138****8000", phone.find("booking-phone").getText());
      assertTrue(phone.find("booking-window").getText().contains("08:50"), phone.find("booking-window").getText());
      assertFalse(phone.driver().getPageSource().contains(ID_NUMBER.substring(4, 14)), "the page shows the ID number masked only");
      phone.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
          "const qr = document.getElementById('booking-qr'); return qr.complete && qr.naturalWidth > 0;"));
      phone.screenshot("booking-done-390x844");
      // The saved page (its address holds code and key) shows the booking again.
      phone.go(phone.driver().getCurrentUrl());
      phone.waitForText("booking-code", code);
    }

    // A second citizen books Friday 09:00 too, and will check in with the ID card on the kiosk's reader.
    Reply second = hall.api.post("/api/v1/appointments", null, new JsonObject().put("name", "李四").put("idNumber", SECOND_ID)
        .put("phone", "13900139000").put("serviceCode", "SOCIAL_INSURANCE").put("date", "2026-11-27").put("slot", "09:00"));
    assertEquals(201, second.status(), second.toString());

    hall.clock.set(Instant.parse("2026-11-27T00:55:00Z"));
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    try (Browser kiosk = Browser.open(1080, 1920); Browser console = Browser.open(1280, 800)) {
      kiosk.go(base + "/kiosk/?token=" + TestHall.KIOSK);
      kiosk.click("check-in-open");
      kiosk.find("check-in-code").sendKeys(code.toLowerCase() + Keys.ENTER);
      kiosk.waitForText("ticket-number", "A003");
      kiosk.waitForText("ticket-priority", "预约");
      kiosk.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
          "const qr = document.getElementById('ticket-qr'); return qr.complete && qr.naturalWidth > 0;"));
      kiosk.screenshot("kiosk-appointment-check-in-1080x1920");
      kiosk.click("done");
      kiosk.click("check-in-open");
      kiosk.find("check-in-code").sendKeys(code + Keys.ENTER);
      kiosk.waitForText("check-in-message", "已签到");
      kiosk.click("check-in-back");
      // The bridge reports the card on this kiosk's reader; the kiosk's screen shows the ticket from the event.
      Reply card = hall.api.post("/api/v1/bridge/id-card", BRIDGE, new JsonObject().put("deviceId", "idreader-1").put("kioskId", "kiosk-1")
          .put("idNumber", SECOND_ID).put("name", "李四"));
      assertEquals(201, card.status(), card.toString());
      kiosk.waitForText("ticket-number", "A004");
      kiosk.waitForText("ticket-priority", "预约");
      kiosk.screenshot("kiosk-id-card-check-in-1080x1920");

      StaffSignIn.console(console, base, "clerk01", 1);
      console.click("action-call-next");
      console.waitForText("current-number", "A003");
      console.screenshot("console-appointment-called-first-1280x800");
    }

    try (Browser manager = Browser.open(1440, 900)) {
      StaffSignIn.manager(manager, base);
      String row = manager.waitForText("appointment-" + code, "已签到");
      assertTrue(row.contains("1101**********002X") && row.contains("138****8000"), row);
      assertFalse(manager.driver().getPageSource().contains(ID_NUMBER), "the dashboard shows ID numbers masked only");
      manager.find("section-appointments").getLocation();
      ((JavascriptExecutor) manager.driver()).executeScript("document.getElementById('section-appointments').scrollIntoView()");
      manager.screenshot("manager-appointments-1440x900");
    }
  }
}
