package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** The manager dashboard's 叫号规则 section in a real headless Chromium: rules changed, audited, refused at the field. */
class ManagerQueueRulesBrowserIT extends HallTest {

  @Test
  @Timeout(90)
  @DisplayName("大厅管理：社保医保改为比例 2:1、重呼上限 3 → 2，修改记录显示 manager；挂起期限 0 和缺少 N 的比例被拒并显示在字段旁；切换英文")
  void managerChangesTheQueueRules() {
    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    try (Browser page = Browser.open(1280, 1000)) {
      StaffSignIn.manager(page, "http://127.0.0.1:" + hall.server.port());
      page.waitForText("rules-service-SOCIAL_INSURANCE", "严格优先");
      page.waitForText("rules-changes-body", "还没有人修改过叫号规则");
      assertEquals("3", page.find("rules-recallLimit").getAttribute("value"), "as configured");
      assertTrue(!page.find("rules-ratio-SOCIAL_INSURANCE").isEnabled(), "no count for strict priority");

      new Select(page.find("rules-mode-SOCIAL_INSURANCE")).selectByValue("RATIO");
      page.type("rules-ratio-SOCIAL_INSURANCE", "2");
      page.click("rules-save-SOCIAL_INSURANCE");
      page.waitForText("rules-priority-saved", "已保存：社保医保 比例 2:1");
      String row = page.waitForText("rules-service-SOCIAL_INSURANCE", "manager");
      assertTrue(row.contains("比例 2:1"), row);

      page.type("rules-recallLimit", "2");
      page.click("rules-hall-save");
      page.waitForText("rules-hall-saved", "大厅规则已保存");
      page.waitForText("rules-hall-edited", "manager");
      page.waitForText("rules-changes-body", "重呼上限：3 → 2");
      String audit = page.waitForText("rules-changes-body", "严格优先 → 比例 2:1");
      assertTrue(audit.contains("大厅规则") && audit.contains("优先规则") && audit.contains("社保医保"), audit);
      assertEquals(2, page.driver().findElements(By.cssSelector("#rules-changes-body .by")).stream()
          .filter(cell -> cell.getText().equals("manager")).count());
      assertEquals(2L, hall.count("SELECT count(*) FROM rule_change"));

      page.type("rules-parkMinutes", "0");
      page.click("rules-hall-save");
      String refused = page.waitForText("rules-parkMinutes-error", "parkMinutes");
      assertTrue(page.find("rules-parkMinutes-error").isDisplayed(), refused);
      assertEquals("true", page.find("rules-parkMinutes").getAttribute("aria-invalid"));
      assertEquals("0", page.find("rules-parkMinutes").getAttribute("value"), "what the manager typed stays to be corrected");

      new Select(page.find("rules-mode-REAL_ESTATE")).selectByValue("RATIO");
      page.click("rules-save-REAL_ESTATE");
      page.waitForText("rules-ratio-REAL_ESTATE-error", "normalPerPriority");
      assertTrue(page.find("rules-ratio-REAL_ESTATE-error").isDisplayed());
      assertEquals("true", page.find("rules-ratio-REAL_ESTATE").getAttribute("aria-invalid"));
      assertEquals(2L, hall.count("SELECT count(*) FROM rule_change"), "nothing refused was saved");
      screenshotOfTheSection(page, "manager-queue-rules-1280x1000");

      page.click("lang-toggle");
      page.waitForText("rules-title", "Queue rules");
      page.waitForText("rules-service-SOCIAL_INSURANCE", "Ratio 2:1");
      page.waitForText("rules-changes-body", "Recall limit: 3 → 2");
      screenshotOfTheSection(page, "manager-queue-rules-en-1280x1000");
    }
  }

  private static void screenshotOfTheSection(Browser page, String name) {
    ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-rules').scrollIntoView();");
    page.screenshot(name);
  }
}
