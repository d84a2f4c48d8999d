package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The manager dashboard's 差评台账 in a real headless Chromium: a 差评 taken from 核实 to 回访 through the page. */
@ExtendWith(VertxExtension.class)
class ManagerLedgerBrowserIT {

  @Test
  @Timeout(120)
  @DisplayName("差评台账：管理员在页面上核实属实、制定整改方案（责任人、期限）、反馈回复、回访满意后案件办结；缺责任人时显示服务器的提示；可切换英文")
  void managerTakesALowRatingThroughTheLedger(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx)) {
      hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
      JsonObject ticket = hall.finishedAtCounter1(hall.clerk(1));
      assertEquals(201, hall.asCitizen(ticket, "rating", new JsonObject().put("score", 2).put("reason", "POOR_ATTITUDE")).status());
      long caseId = hall.count("SELECT max(id) FROM follow_up_case");
      String row = "ledger-case-" + caseId;

      try (Browser page = Browser.open(1280, 900)) {
        signIn(page, hall);

        String opened = page.waitForText(row, "待核实");
        for (String shown : List.of(ticket.getString("number"), "1 号窗口", "clerk01", "2 不满意", "2026-12-04")) {
          assertTrue(opened.contains(shown), shown + " in " + opened);
        }
        page.waitForText("ledger-open-count", "未办结 1");
        page.click("ledger-select-" + caseId);
        page.waitForText("ledger-history-body", "还没有处理记录");
        assertEquals(List.of("VERIFIED", "APPEALED", "COMMENTED", "CLOSED_BY_MANAGER"), offered(page), "only what 待核实 allows");

        choose(page, "VERIFIED");
        new Select(page.find("ledger-finding")).selectByValue("TRUE");
        page.click("ledger-submit");
        page.waitForText(row, "待整改");
        page.waitForText(row, "属实");
        page.waitForText("ledger-saved", "已记录：核实");

        choose(page, "PLANNED");
        page.find("ledger-plan").sendKeys("窗口服务礼仪培训");
        ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('ledger-dueDate').value = '2026-12-03';");
        page.click("ledger-submit");
        String refusal = page.waitForText("ledger-owner-error", "owner");
        assertEquals("true", page.find("ledger-owner").getAttribute("aria-invalid"), refusal);
        show(page);
        page.screenshot("manager-ledger-refused-1280x900");

        page.find("ledger-owner").sendKeys("张科长");
        page.click("ledger-submit");
        page.waitForText(row, "窗口服务礼仪培训（张科长，2026-12-03 前完成）");
        assertFalse(page.find("ledger-owner-error").isDisplayed(), "the refusal is gone once the plan is taken");

        choose(page, "RECTIFIED");
        page.click("ledger-submit");
        page.waitForText(row, "待反馈");

        choose(page, "FED_BACK");
        page.find("ledger-note").sendKeys("已致电致歉并说明整改措施");
        page.click("ledger-submit");
        page.waitForText(row, "待回访");
        page.waitForText(row, "已致电致歉并说明整改措施");

        choose(page, "REVISITED");
        new Select(page.find("ledger-reached")).selectByValue("true");
        new Select(page.until(d -> visible(d.findElement(By.id("ledger-satisfied"))))).selectByValue("true");
        page.click("ledger-submit");
        page.waitForText(row, "已办结");
        assertEquals("满意", cell(page, row, "revisit"));
        page.waitForText("ledger-open-count", "未办结 0");
        page.waitForText("ledger-history-body", "回访");
        String history = page.find("ledger-history-body").getText();
        for (String step : List.of("核实", "制定整改方案", "整改完成", "反馈群众", "回访", "manager")) {
          assertTrue(history.contains(step), step + " in " + history);
        }
        assertEquals(List.of("REOPENED"), offered(page), "a closed case can only be reopened");
        show(page);
        page.screenshot("manager-ledger-closed-1280x900");

        page.click("ledger-filter-open");
        page.waitForText("ledger-status", "没有未办结的差评案件");
        assertTrue(page.driver().findElements(By.id(row)).isEmpty(), "a closed case leaves the open view");
        page.click("ledger-filter-all");
        page.waitForText(row, "已办结");

        hall.servedAndRated(2, 1);
        long lateId = hall.count("SELECT max(id) FROM follow_up_case");
        hall.clock.set(Instant.parse("2026-12-05T02:00:00Z"));
        signIn(page, hall);  // a week later: the session is long gone
        page.waitForText("ledger-case-" + lateId, "2026-12-04 已逾期");
        assertEquals("true", page.find("ledger-case-" + lateId).getAttribute("data-overdue"));
        WebElement first = page.until(d -> d.findElement(By.cssSelector("#ledger-body tr")));
        assertEquals("ledger-case-" + lateId, first.getAttribute("id"), "open cases first");

        page.click("lang-toggle");
        page.waitForText("ledger-title", "Follow-up ledger");
        page.waitForText(row, "Closed");
        assertEquals("Satisfied", cell(page, row, "revisit"));
        assertEquals("True", cell(page, row, "finding"));
        assertEquals("Window 1", cell(page, row, "counter"));
        page.click("ledger-select-" + caseId);
        page.waitForText("ledger-history-body", "Plan the rectification");
        show(page);
        page.screenshot("manager-ledger-closed-en-1280x900");
      }

      assertEquals(5L, hall.count("SELECT count(*) FROM follow_up_action WHERE case_id = " + caseId + " AND done_by = 'manager'"),
          "five actions, the refused plan not among them");
      assertEquals(1L, hall.count("SELECT count(*) FROM follow_up_case WHERE id = " + caseId + " AND step = 'CLOSED'"
          + " AND ledger->>'finding' = 'TRUE' AND ledger->>'owner' = '张科长' AND ledger->>'planDue' = '2026-12-03'"
          + " AND ledger->>'reply' = '已致电致歉并说明整改措施' AND (ledger->>'reached')::boolean AND (ledger->>'satisfied')::boolean"));
      assertEquals(1L, hall.count("SELECT count(*) FROM follow_up_action WHERE case_id = " + caseId
          + " AND action = 'REVISITED' AND satisfied"));
    }
  }

  private static void signIn(Browser page, TestHall hall) {
    page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
    page.find("login-username").sendKeys("manager");
    page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
    page.click("login-submit");
  }

  private static String cell(Browser page, String row, String column) {
    return page.find(row).findElement(By.className(column)).getText();
  }

  private static List<String> offered(Browser page) {
    return new Select(page.find("ledger-action")).getOptions().stream().map(option -> option.getAttribute("value")).toList();
  }

  /** Waits until the step's own action is offered, then picks it. */
  private static void choose(Browser page, String action) {
    page.until(d -> offered(page).contains(action));
    new Select(page.find("ledger-action")).selectByValue(action);
  }

  private static WebElement visible(WebElement element) {
    return element.isDisplayed() ? element : null;
  }

  private static void show(Browser page) {
    ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('section-ledger').scrollIntoView();");
  }
}
