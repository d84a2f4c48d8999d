package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The manager's 日终汇总 and the citizen's page of a ticket closed at closing, in a real headless Chromium. */
@ExtendWith(VertxExtension.class)
class ManagerDaySummaryBrowserIT {

  @Test
  @Timeout(90)
  @DisplayName("日终汇总：17:00 闭厅后显示延时服务与闭厅未办理；市民号票页显示闭厅未办理及原因；切换英文")
  void managerSeesTheClosedDayAndTheCitizenTheReason(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx, raw -> raw.getJsonObject("hall").put("openingHours", new JsonArray()
        .add(new JsonObject().put("days", new JsonArray().add("MON").add("TUE").add("WED").add("THU").add("FRI"))
            .put("opens", "09:00").put("closes", "17:00"))))) {
      hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
      hall.issue("SOCIAL_INSURANCE");
      JsonObject unserved = hall.issue("REAL_ESTATE");
      String manager = hall.manager();
      assertEquals(200, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/REAL_ESTATE/closing", manager,
          new JsonObject().put("mode", "CLOSE_UNSERVED").put("reason", "闭厅未办理，请明日再来"), null)).status());
      hall.clock.set(Instant.parse("2026-11-27T09:00:00Z"));
      Api.await(hall.server.closeOfDay().run());
      hall.clock.set(Instant.parse("2026-11-27T09:05:00Z"));
      String clerk = hall.clerk(1);
      for (String op : new String[] {"call-next", "start", "finish"}) {
        assertEquals(200, hall.counterOp(1, op, clerk).status());
      }

      try (Browser page = Browser.open(1280, 900)) {
        page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
        page.find("login-username").sendKeys("manager");
        page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
        page.click("login-submit");
        String headline = page.waitForText("day-headline", "日终处理");
        assertTrue(headline.contains("2026-11-27") && headline.contains("17:00"), headline);
        page.until(d -> "1".equals(d.findElement(By.id("day-service-SOCIAL_INSURANCE")).getAttribute("data-late")));
        page.until(d -> "1".equals(d.findElement(By.id("day-service-REAL_ESTATE")).getAttribute("data-closed")));
        String row = page.find("day-service-REAL_ESTATE").getText();
        assertTrue(row.contains("闭厅未办理，请明日再来"), row);
        ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-day').scrollIntoView();");
        page.screenshot("manager-day-summary-1280x900");
        page.click("lang-toggle");
        page.waitForText("day-title", "Day summary");
        page.waitForText("day-headline", "the day was closed");

        page.go("http://127.0.0.1:" + hall.server.port() + "/ticket.html?id=" + unserved.getString("id")
            + "&key=" + unserved.getString("citizenKey"));
        page.waitForText("ticket-status", "闭厅未办理");
        page.waitForText("hint", "闭厅未办理，请明日再来");
      }
    }
  }
}
