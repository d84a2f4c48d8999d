package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** The manager dashboard's KPI board in a real headless Chromium: targets set, met or not, removed. */
class ManagerKpiBrowserIT extends HallTest {

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：本季度设定好评率 ≥ 98%（实际 50%，未达标）和 CSAT ≥ 3（实际 3.5，达标），移除一项；切换英文")
  void managerSetsTargetsAndSeesThemMetOrNot() {
    hall.clock.set(Instant.now());
    String clerk = hall.clerk(1);
    assertEquals(201, hall.asCitizen(hall.finishedAtCounter1(clerk), "rating", new JsonObject().put("score", 5)).status());
    assertEquals(201, hall.asCitizen(hall.finishedAtCounter1(clerk), "rating", new JsonObject().put("score", 2).put("reason", "LONG_WAIT")).status());

    try (Browser page = Browser.open(1280, 900)) {
      page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
      page.find("login-username").sendKeys("manager");
      page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
      page.click("login-submit");
      page.until(d -> d.findElement(By.id("kpi-none")).isDisplayed());

      setTarget(page, "goodRate", "98");
      page.waitForText("kpi-goodRate", "≥ 98.0%");
      String good = page.waitForText("kpi-goodRate", "未达标");
      assertTrue(good.contains("好评率") && good.contains("50.0%"), good);
      setTarget(page, "csat", "3");
      String csat = page.waitForText("kpi-csat", "达标");
      assertTrue(csat.contains("3.50") && !csat.contains("未达标"), csat);
      assertEquals("ok", page.until(d -> d.findElement(By.cssSelector("#kpi-csat .state")).getAttribute("data-level")));
      ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-kpi').scrollIntoView();");
      page.screenshot("manager-kpi-board-1280x900");
      assertEquals(2L, hall.count("SELECT count(*) FROM kpi_target"));

      page.click("kpi-remove-csat");
      page.until(d -> d.findElements(By.id("kpi-csat")).isEmpty());
      assertEquals(1L, hall.count("SELECT count(*) FROM kpi_target"));

      page.click("lang-toggle");
      page.waitForText("kpi-title", "KPI board");
      page.waitForText("kpi-goodRate", "Not met");
    }
  }

  private static void setTarget(Browser page, String indicator, String value) {
    page.until(d -> new Select(d.findElement(By.id("kpi-indicator"))).getOptions().size() > 1);
    new Select(page.find("kpi-indicator")).selectByValue(indicator);
    page.find("kpi-target").clear();
    page.find("kpi-target").sendKeys(value);
    page.click("kpi-save");
  }
}
