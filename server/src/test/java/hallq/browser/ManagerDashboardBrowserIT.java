package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.TestHall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The manager dashboard's alerts, live compliance and service standards in a real headless Chromium
 * against a real server: waits past the target raise alerts that show up live, a manager
 * acknowledges one, changes a standard on the page, its required materials included (the server's
 * refusals shown at the field), and the changed standard raises the queue alert.
 */
class ManagerDashboardBrowserIT extends HallTest {
  private static final String SERVICE = "SOCIAL_INSURANCE";
  /** An event reaches the page through the stream and one GET of the section. */
  private static final Duration SHOWS_WITHIN = Duration.ofSeconds(5);

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：3 人等候社保医保 21 分钟 → 页面不刷新即显示 3 条等候超时告警、最长等候 ≥ 21:00 → 确认一条 → 修改服务标准（先被拒并在字段旁提示，再保存成功，修改记录显示 manager）→ 排队过长告警；可切换英文")
  void managerWatchesComplianceAndChangesAStandard() {
    // A fixed morning, not now: the waits below run 21 minutes on, which after 23:39 in the hall would
    // cross into the next service day and leave nobody waiting.
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    try (Browser page = Browser.open(1280, 2200)) {
      page.go(base() + "/manager/");
      page.find("login-username").sendKeys("manager");
      page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
      page.click("login-submit");

      page.waitForText("alerts-status", "当前没有告警");
      page.waitForText("standard-" + SERVICE, "10");
      page.until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));
      script(page, "window.hallqSamePage = true;");

      List<String> numbers = List.of(
          hall.issue(SERVICE).getString("number"),
          hall.issue(SERVICE).getString("number"),
          hall.issue(SERVICE).getString("number"));
      page.until(d -> "3".equals(d.findElement(By.id("compliance-" + SERVICE)).getAttribute("data-waiting")));

      hall.clock.advance(Duration.ofMinutes(21));
      Api.await(hall.server.alerts().check());

      page.waitForText("alerts-count", "3 条未解除", SHOWS_WITHIN);
      for (String number : numbers) {
        WebElement row = alertRow(page, "WAIT_OVER_TARGET", number);
        assertTrue(row.getText().contains("等候超时") && row.getText().contains("社保医保"), row.getText());
      }
      page.until(d -> d.findElement(By.cssSelector("#compliance-" + SERVICE + " .longest")).getText().compareTo("21:00") >= 0
          && d.findElement(By.cssSelector("#compliance-" + SERVICE + " .waiting")).getText().equals("3"));
      String longest = page.until(d -> d.findElement(By.cssSelector("#compliance-" + SERVICE + " .longest")).getText());
      assertTrue(longest.matches("\\d{2}:\\d{2}") && longest.compareTo("21:00") >= 0, longest);
      for (String number : numbers) {
        page.until(d -> d.findElement(By.id("overdue-body")).getText().contains(number + " 社保医保"));
      }
      assertTrue(text(page, "overdue-body").contains("超目标"), text(page, "overdue-body"));
      assertEquals(Boolean.TRUE, script(page, "return window.hallqSamePage === true;"), "the page was not reloaded");

      String acked = alertRow(page, "WAIT_OVER_TARGET", numbers.get(0)).getAttribute("id");
      page.click(acked.replace("alert-", "alert-ack-"));
      page.waitForText(acked, "已确认", SHOWS_WITHIN);
      page.waitForText(acked, "manager");
      page.until(d -> d.findElements(By.id(acked.replace("alert-", "alert-ack-"))).isEmpty());
      assertEquals("true", page.find(acked).getAttribute("data-acked"));
      screenshotFromTop(page, "manager-dashboard-alerts-1280x2200");

      page.click("standard-edit-" + SERVICE);
      page.until(d -> d.findElement(By.id("standard-form")).isDisplayed());
      type(page, "std-queueAlertLength", "2");
      type(page, "std-warnWaitMinutes", "99");
      page.click("standard-save");
      String refusal = page.waitForText("std-warnWaitMinutes-error", "99", SHOWS_WITHIN);
      assertTrue(refusal.contains("between"), refusal);
      assertTrue(page.find("standard-form").isDisplayed(), "the form stays open to correct the value");
      script(page, "document.getElementById('section-standards').scrollIntoView();");
      page.screenshot("manager-dashboard-standard-refused-1280x2200");

      type(page, "std-warnWaitMinutes", "12");
      type(page, "std-requiredMaterials", "身份证原件\n社会保障卡\n 身份证原件");
      page.click("standard-save");
      String twice = page.waitForText("std-requiredMaterials-error", "twice", SHOWS_WITHIN);
      assertTrue(twice.contains("身份证原件"), twice);
      type(page, "std-requiredMaterials", "身份证原件\n\n  户口簿  ");
      page.click("standard-save");
      page.until(d -> !d.findElement(By.id("standard-form")).isDisplayed());
      page.waitForText("standard-" + SERVICE, "身份证原件、户口簿", SHOWS_WITHIN);
      page.until(d -> "2".equals(d.findElement(By.cssSelector("#standard-" + SERVICE + " .queueAlertLength")).getText())
          && "12".equals(d.findElement(By.cssSelector("#standard-" + SERVICE + " .warnWaitMinutes")).getText()));
      page.waitForText("standard-" + SERVICE, "manager", SHOWS_WITHIN);
      String change = page.waitForText("standard-change-0", "排队预警人数 10 → 2", SHOWS_WITHIN);
      assertTrue(change.contains("manager") && change.contains("社保医保") && change.contains("等候预警（分钟） 15 → 12")
          && change.contains("所需材料 身份证原件、社会保障卡 → 身份证原件、户口簿"), change);

      Api.await(hall.server.alerts().check());
      String queue = page.waitForText("alerts-body", "排队过长，建议增开窗口", SHOWS_WITHIN);
      assertTrue(queue.contains("社保医保：3 人等候（预警 2 人）"), queue);
      page.waitForText("alerts-count", "4 条未解除", SHOWS_WITHIN);
      assertEquals(Boolean.TRUE, script(page, "return window.hallqSamePage === true;"), "the page was not reloaded");
      screenshotFromTop(page, "manager-dashboard-zh-1280x2200");

      page.click("lang-toggle");
      page.waitForText("alerts-title", "Alerts");
      page.waitForText("alerts-body", "Queue too long: open another counter");
      page.waitForText("compliance-title", "Live compliance");
      page.waitForText("standards-title", "Service standards");
      page.waitForText("compliance-" + SERVICE, "Social and medical insurance");
      page.waitForText(acked, "Acknowledged");
      assertFalse(text(page, "section-standards").contains("社保医保"), text(page, "section-standards"));
      screenshotFromTop(page, "manager-dashboard-en-1280x2200");
    }
  }

  private String base() {
    return "http://127.0.0.1:" + hall.server.port();
  }

  /** The alert row of this kind whose subject names the ticket number. */
  private static WebElement alertRow(Browser page, String kind, String number) {
    return page.until(d -> d.findElements(By.cssSelector("#alerts-body tr[data-kind='" + kind + "']")).stream()
        .filter(row -> row.getText().contains(number + " · "))
        .findFirst()
        .orElse(null));
  }

  private static void screenshotFromTop(Browser page, String name) {
    script(page, "window.scrollTo(0, 0);");
    page.screenshot(name);
  }

  private static void type(Browser page, String id, String value) {
    WebElement input = page.find(id);
    input.clear();
    input.sendKeys(value);
  }

  private static String text(Browser page, String id) {
    return page.until(d -> d.findElement(By.id(id)).getText());
  }

  private static Object script(Browser page, String script, Object... args) {
    return ((JavascriptExecutor) page.driver()).executeScript(script, args);
  }
}
