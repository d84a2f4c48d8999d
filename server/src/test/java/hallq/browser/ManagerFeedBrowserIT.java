package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.Eventually;
import hallq.support.ProvincialPlatform;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The manager dashboard's provincial feed section in a real headless Chromium, against a platform that refuses, then takes. */
@ExtendWith(VertxExtension.class)
class ManagerFeedBrowserIT {

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：省平台拒收时看到待发和失败记录及错误；平台恢复后显示全部送达；可切换英文")
  void managerSeesTheBacklogAndItsFailuresThenEverythingDelivered(Vertx vertx) {
    try (ProvincialPlatform platform = ProvincialPlatform.start(vertx, 1_000);
        TestHall hall = TestHall.start(vertx, platform.feedConfig("browser-feed-token-123", 1_000))) {
      platform.refuseAll(true);
      hall.clock.set(Instant.now());
      String clerk = hall.clerk(1);
      rate(hall, clerk, new JsonObject().put("score", 5));
      rate(hall, clerk, new JsonObject().put("score", 1).put("reason", "POOR_ATTITUDE"));
      Eventually.await("both records failed", () -> hall.count("SELECT count(*) FROM provincial_feed WHERE attempts > 0") == 2);

      try (Browser page = Browser.open(1280, 900)) {
        String manager = "http://127.0.0.1:" + hall.server.port() + "/manager/";
        page.go(manager);
        page.find("login-username").sendKeys("manager");
        page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
        page.click("login-submit");

        page.waitForText("feed-summary", "待发 2 条（其中失败重试 2 条）");
        String failures = page.until(d -> d.findElement(By.id("feed-failures-body")).getText());
        assertTrue(failures.contains("A001") && failures.contains("A002") && failures.contains("HTTP 500"), failures);
        assertEquals("warning", page.find("feed-summary").getAttribute("data-state"));
        show(page);
        page.screenshot("manager-feed-failing-1280x900");

        platform.refuseAll(false);
        Eventually.await("both records delivered", () -> hall.count("SELECT count(*) FROM provincial_feed WHERE acknowledged_at IS NOT NULL") == 2);
        page.go(manager);
        page.waitForText("feed-summary", "已送达 2 条");
        page.waitForText("feed-summary", "全部评价已送达");
        page.until(d -> d.findElement(By.id("feed-failures-none")).isDisplayed());
        assertEquals("ok", page.find("feed-summary").getAttribute("data-state"));

        page.click("lang-toggle");
        page.waitForText("feed-title", "Provincial rating feed");
        page.waitForText("feed-summary", "Every rating has been delivered.");
        show(page);
        page.screenshot("manager-feed-delivered-en-1280x900");
      }
    }
  }

  private static void rate(TestHall hall, String clerk, JsonObject rating) {
    JsonObject ticket = hall.finishedAtCounter1(clerk);
    assertEquals(201, hall.asCitizen(ticket, "rating", rating).status());
  }

  private static void show(Browser page) {
    ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-feed').scrollIntoView();");
  }
}
