package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** 到号提醒 on the citizen's phone page: armed by a tap, alerted once when near and once when called. */
class NearCallBrowserIT extends HallTest {

  @Test
  @Timeout(180)
  @DisplayName("手机页点“提醒我”并留手机号；前面剩 3 人时提示一次（刷新后不重复），叫到时再提示一次")
  void thePhonePageAlertsWhenNearAndWhenCalled() {
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    List<JsonObject> tickets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tickets.add(hall.issue("SOCIAL_INSURANCE"));
    }
    JsonObject mine = tickets.get(5);
    String page = "http://127.0.0.1:" + hall.server.port() + "/ticket.html?id=" + mine.getString("id") + "&key=" + mine.getString("citizenKey");
    String clerk = hall.clerk(1);
    try (Browser phone = Browser.open(390, 844)) {
      phone.go(page);
      phone.waitForText("ahead", "前面还有 5 人");
      phone.click("alert-arm");
      phone.waitForText("alert-state", "已开启提醒");
      phone.find("sms-mobile").sendKeys("13812345678");
      phone.click("sms-save");
      phone.waitForText("sms-state", "短信提醒将发送至 138****5678");
      phone.screenshot("ticket-page-alerts-armed-390x844");
      assertEquals(0, alerts(phone).size(), "nothing is near yet");

      callAndServe(clerk); // A001: 4 ahead
      phone.waitForText("ahead", "前面还有 4 人");
      assertEquals(0, alerts(phone).size());
      callAndServe(clerk); // A002: 3 ahead, the hall's threshold
      phone.waitForText("near-alert", "快到您了：前面还有 3 人，请回到等候区");
      JsonArray near = alerts(phone);
      assertEquals(1, near.size(), near.encode());
      assertEquals("NEAR", near.getJsonObject(0).getString("kind"));
      assertEquals(3, near.getJsonObject(0).getInteger("ahead"));
      phone.screenshot("ticket-page-near-390x844");

      phone.go(page); // a reload: the banner stays, the alert is not repeated
      phone.waitForText("near-alert", "前面还有 3 人");
      assertEquals(0, alerts(phone).size(), "alerted once per ticket, across a reload");

      callAndServe(clerk);
      callAndServe(clerk);
      callAndServe(clerk);
      assertEquals(200, hall.counterOp(1, "call-next", clerk).status()); // A006
      phone.waitForText("called-alert", "请到 1 号窗口办理");
      JsonArray called = alerts(phone);
      assertEquals(1, called.size(), called.encode());
      assertEquals("CALLED", called.getJsonObject(0).getString("kind"));
      assertEquals(1, called.getJsonObject(0).getInteger("counterNo"));
      assertTrue(phone.find("near-alert").getText().isEmpty(), "the near banner gives way to the call");
      phone.screenshot("ticket-page-near-call-called-390x844");
    }
    assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE ticket_number = 'A006' AND kind = 'NEAR' AND ahead = 3"));
    assertEquals(1L, hall.count("SELECT count(*) FROM sms_outbox WHERE ticket_number = 'A006' AND kind = 'CALLED'"));
  }

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：到号提醒人数 3 → 2，修改记录显示；0 被拒并显示在字段旁；手机页随之按 2 人提醒")
  void managerChangesTheNearCallThreshold() {
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    try (Browser page = Browser.open(1280, 1000)) {
      StaffSignIn.manager(page, "http://127.0.0.1:" + hall.server.port());
      page.until(d -> "3".equals(d.findElement(By.id("rules-aheadThreshold")).getAttribute("value")) ? true : null);
      page.type("rules-aheadThreshold", "0");
      page.click("rules-near-save");
      page.waitForText("rules-aheadThreshold-error", "aheadThreshold");
      page.type("rules-aheadThreshold", "2");
      page.click("rules-near-save");
      page.waitForText("rules-near-saved", "到号提醒已保存");
      page.waitForText("rules-near-edited", "manager");
      String audit = page.waitForText("rules-changes-body", "提前提醒人数：3 → 2");
      assertTrue(audit.contains("到号提醒"), audit);
      ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('rules-near-form').scrollIntoView();");
      page.screenshot("manager-near-call-rule-1280x1000");
    }
    assertEquals(1L, hall.count("SELECT count(*) FROM rule_change WHERE kind = 'NEAR_CALL_RULES' AND changed_by = 'manager'"));
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    JsonObject third = hall.issue("SOCIAL_INSURANCE");
    try (Browser phone = Browser.open(390, 844)) {
      phone.go("http://127.0.0.1:" + hall.server.port() + "/ticket.html?id=" + third.getString("id") + "&key=" + third.getString("citizenKey"));
      phone.waitForText("near-alert", "快到您了：前面还有 2 人");
    }
  }

  @Test
  @Timeout(90)
  @DisplayName("取号机：取号后可留手机号接收短信提醒，只显示掩码；号码错误时提示")
  void theKioskTakesANumberForSmsReminders() {
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    try (Browser kiosk = Browser.open(1080, 1920)) {
      kiosk.go("http://127.0.0.1:" + hall.server.port() + "/kiosk/?token=" + TestHall.KIOSK);
      kiosk.click("service-SOCIAL_INSURANCE");
      kiosk.waitForText("ticket-number", "A001");
      kiosk.type("sms-mobile", "1381234");
      kiosk.click("sms-save");
      kiosk.waitForText("sms-state", "请输入 11 位手机号码");
      kiosk.type("sms-mobile", "13812345678");
      kiosk.click("sms-save");
      kiosk.waitForText("sms-state", "短信提醒将发送至 138****5678");
      assertTrue(!kiosk.driver().getPageSource().contains("13812345678"), "the kiosk keeps no copy of the number");
      kiosk.screenshot("kiosk-sms-reminder-1080x1920");
    }
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket_contact c JOIN ticket t ON t.id = c.ticket_id WHERE t.number = 'A001'"
        + " AND c.phone_masked = '138****5678' AND c.added_by = 'citizen'"));
  }

  private static JsonArray alerts(Browser phone) {
    Object log = ((JavascriptExecutor) phone.driver()).executeScript("return JSON.stringify(window.hallqAlerts || [])");
    return new JsonArray((String) log);
  }

  private void callAndServe(String clerk) {
    for (String op : List.of("call-next", "start", "finish")) {
      Reply reply = hall.counterOp(1, op, clerk);
      assertEquals(200, reply.status(), op + ": " + reply);
    }
  }
}
