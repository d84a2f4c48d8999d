package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.TestHall;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** The manager dashboard's 潮汐窗口 section in a real headless Chromium: a service added to a counter, refused, ended. */
class ManagerTidalBrowserIT extends HallTest {

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：为 1 号窗口增开不动产登记 30 分钟（进行中，窗口先叫不动产号），重复增开本窗口已有的业务被拒，提前结束；切换英文")
  void managerAddsAServiceToACounterAndEndsIt() {
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    String estate = hall.issue("REAL_ESTATE").getString("number");
    hall.issue("SOCIAL_INSURANCE");
    try (Browser page = Browser.open(1280, 900)) {
      page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
      page.find("login-username").sendKeys("manager");
      page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
      page.click("login-submit");
      page.until(d -> new Select(d.findElement(By.id("tidal-service"))).getOptions().size() > 1 ? true : null);
      page.until(d -> d.findElement(By.id("tidal-none")).isDisplayed());

      new Select(page.find("tidal-counter")).selectByValue("1");
      new Select(page.find("tidal-service")).selectByValue("SOCIAL_INSURANCE");
      page.click("tidal-add");
      page.waitForText("tidal-error", "already calls");
      assertEquals(0L, hall.count("SELECT count(*) FROM counter_assignment"), "refused: nothing written");

      new Select(page.find("tidal-service")).selectByValue("REAL_ESTATE");
      page.find("tidal-reason").sendKeys("不动产排队过长");
      page.click("tidal-add");
      String row = page.until(d -> {
        var rows = d.findElements(By.cssSelector("#tidal-body tr[data-state='active']"));
        return rows.isEmpty() ? null : rows.get(0).getText();
      });
      assertTrue(row.contains("1号窗口") && row.contains("不动产登记") && row.contains("manager") && row.contains("提前结束"), row);
      assertEquals(1L, hall.count("SELECT count(*) FROM counter_assignment WHERE counter_no = 1 AND service_code = 'REAL_ESTATE'"));
      assertEquals(estate, hall.counterOp(1, "call-next", hall.clerk(1)).ticket().getString("number"), "the counter calls it first");
      ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-tidal').scrollIntoView();");
      page.screenshot("manager-tidal-1280x900");

      long id = hall.count("SELECT id FROM counter_assignment");
      page.click("tidal-end-" + id);
      page.until(d -> d.findElements(By.cssSelector("#tidal-body tr[data-state='active']")).isEmpty() ? true : null);
      assertEquals(1L, hall.count("SELECT count(*) FROM counter_assignment WHERE ended_by = 'manager'"));

      page.click("lang-toggle");
      page.waitForText("tidal-title", "Extra windows");
      page.waitForText("tidal-body", "Window 1");
    }
  }
}
