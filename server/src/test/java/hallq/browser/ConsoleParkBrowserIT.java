package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * The clerk console's 挂起, 叫回 and 指定叫号 in a real headless Chromium, with the citizen's ticket page
 * of the parked ticket. The hall clock is fixed in opening hours (a Friday, 10:00 in the hall).
 */
class ConsoleParkBrowserIT extends HallTest {
  private static final String PARKED_TEXT = "已挂起：请备齐材料后尽快回到窗口，工作人员将为您叫回";

  @Test
  @Timeout(120)
  @DisplayName("窗口工作台：挂起 A001（附原因）→ 挂起的号列表，手机页显示已挂起；叫 A002 后叫回 A001；指定叫号须填原因；重呼超限自动过号")
  void clerkParksCallsBackAndCallsOutOfOrder() {
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    JsonObject first = hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("REAL_ESTATE");
    String base = "http://127.0.0.1:" + hall.server.port();

    try (Browser console = Browser.open(1280, 900)) {
      StaffSignIn.console(console, base, "clerk01", 1);
      console.waitForText("parked-empty", "暂无挂起的号");

      console.click("action-call-next");
      console.waitForText("current-number", "A001");
      console.find("park-reason").sendKeys("回去取身份证复印件");
      press(console, "action-park", "A001 已挂起");
      console.waitForText("parked-list", "A001");
      assertEquals("NONE", console.find("current").getAttribute("data-status"), "the counter is free again");
      assertEquals("", console.find("park-reason").getAttribute("value"), "the reason box is emptied");
      assertEquals("PARKED", statusOf("A001"));
      assertEquals("回去取身份证复印件", eventPayload("A001", "TICKET_PARKED").getString("reason"));
      console.screenshot("clerk-console-parked-1280x900");

      try (Browser phone = Browser.open(390, 844)) {
        phone.go(base + "/ticket.html?id=" + first.getString("id") + "&key=" + first.getString("citizenKey"));
        phone.waitForText("ahead", PARKED_TEXT);
        assertEquals("已挂起", phone.find("ticket-status").getText());
        assertTrue(phone.find("materials").isDisplayed(), "the materials to fetch are listed");
        phone.screenshot("ticket-page-parked-390x844");
      }

      console.click("action-call-next");
      console.waitForText("current-number", "A002");
      assertTrue(!console.find("call-back-A001").isEnabled(), "no call back while the counter holds a ticket");
      press(console, "action-no-show", "A002 已过号");

      press(console, "call-back-A001", "已叫回：A001");
      console.waitForText("current-number", "A001");
      console.until(d -> d.findElement(By.id("parked-empty")).isDisplayed());
      JsonObject calledBack = eventPayload("A001", "TICKET_CALLED");
      assertEquals(true, calledBack.getBoolean("calledBack"));
      assertEquals("叫回", calledBack.getString("reason"));
      press(console, "action-start", "开始办理：A001");
      press(console, "action-finish", "A001 已办结");

      console.find("call-ticket-number").sendKeys("a003");
      press(console, "call-ticket-submit", "指定叫号须填写原因");
      assertEquals("true", console.find("call-ticket-reason").getAttribute("aria-invalid"));
      assertEquals("WAITING", statusOf("A003"), "nothing was sent");

      console.find("call-ticket-number").clear();
      console.find("call-ticket-number").sendKeys("B001");
      console.find("call-ticket-reason").sendKeys("走错窗口");
      press(console, "call-ticket-submit", "本窗口不办理该号的业务");
      assertEquals("error", console.find("message").getAttribute("data-kind"));

      console.find("call-ticket-number").clear();
      console.find("call-ticket-number").sendKeys("a003");
      console.find("call-ticket-reason").clear();
      console.find("call-ticket-reason").sendKeys("预约群众按时到达");
      press(console, "call-ticket-submit", "已指定叫号：A003");
      console.waitForText("current-number", "A003");
      assertEquals("预约群众按时到达", eventPayload("A003", "TICKET_CALLED").getString("reason"));
      assertEquals("", console.find("call-ticket-reason").getAttribute("value"), "the form is emptied");

      setRecallLimit(1);
      press(console, "action-recall", "已重呼：A003");
      press(console, "action-recall", "重呼已达上限，A003 已自动过号");
      assertEquals("warn", console.find("message").getAttribute("data-kind"));
      assertEquals("NO_SHOW", statusOf("A003"));
      console.screenshot("clerk-console-recall-limit-1280x900");

      console.click("lang-toggle");
      console.waitForText("parked-title", "On hold");
      console.waitForText("call-ticket-submit", "Call");
      assertEquals("Reason (required)", console.find("call-ticket-reason").getAttribute("placeholder"));
    }
  }

  /** Presses a button of the console and waits for the message it brings. */
  private static void press(Browser console, String button, String message) {
    console.click(button);
    console.waitForText("message", message);
  }

  private void setRecallLimit(int limit) {
    JsonObject rules = new JsonObject().put("noShowRequeueLimit", 1).putNull("requeueAfterPlaces").put("recallLimit", limit).put("parkMinutes", 30);
    Reply reply = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/hall", hall.manager(), rules, null));
    assertEquals(200, reply.status(), reply.toString());
  }

  private String statusOf(String number) {
    return Api.await(hall.db.preparedQuery("SELECT status FROM ticket WHERE number = $1").execute(Tuple.of(number)))
        .iterator().next().getString(0);
  }

  /** The payload of the ticket's latest event of this type. */
  private JsonObject eventPayload(String number, String type) {
    Row row = Api.await(hall.db.preparedQuery("SELECT e.payload FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
        + "WHERE t.number = $1 AND e.type = $2 ORDER BY e.id DESC LIMIT 1").execute(Tuple.of(number, type))).iterator().next();
    return row.getJsonObject("payload");
  }
}
