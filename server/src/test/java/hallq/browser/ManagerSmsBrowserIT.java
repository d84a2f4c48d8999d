package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.Eventually;
import hallq.support.ProvincialPlatform;
import hallq.support.TestHall;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The manager dashboard's 短信提醒 section in a real headless Chromium, against a gateway that refuses. */
@ExtendWith(VertxExtension.class)
class ManagerSmsBrowserIT {

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：短信网关拒收时看到待发和失败短信，手机号只显示掩码")
  void managerSeesTheFailingMessagesWithMaskedNumbers(Vertx vertx) {
    try (ProvincialPlatform gateway = ProvincialPlatform.startSmsGateway(vertx, 1_000);
        TestHall hall = TestHall.start(vertx, gateway.smsConfig("browser-sms-token-123", 1_000))) {
      gateway.refuseAll(true);
      hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      MultiMap key = MultiMap.caseInsensitiveMultiMap().add("Ticket-Key", ticket.getString("citizenKey"));
      assertEquals(200, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/tickets/" + ticket.getString("id") + "/contact", null,
          new JsonObject().put("mobile", "13812345678"), key)).status());
      assertEquals(200, hall.counterOp(1, "call-next", hall.clerk(1)).status());
      Eventually.await("both messages failed", () -> hall.count("SELECT count(*) FROM sms_outbox WHERE attempts > 0") == 2);

      try (Browser page = Browser.open(1280, 900)) {
        page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
        page.find("login-username").sendKeys("manager");
        page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
        page.click("login-submit");

        page.waitForText("sms-summary", "待发 2 条（其中失败重试 2 条）");
        String failures = page.until(d -> d.findElement(By.id("sms-failures-body")).getText());
        assertTrue(failures.contains("A001") && failures.contains("138****5678") && failures.contains("HTTP 500")
            && failures.contains("临近提醒") && failures.contains("叫号提醒"), failures);
        assertFalse(page.driver().getPageSource().contains("13812345678"), "the number only ever masked");
        assertEquals("warning", page.find("sms-summary").getAttribute("data-state"));
        ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-sms').scrollIntoView();");
        page.screenshot("manager-sms-failing-1280x900");
      }
    }
  }
}
