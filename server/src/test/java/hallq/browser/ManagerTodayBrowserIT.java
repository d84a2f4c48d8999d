package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.TestHall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The manager dashboard's 今日统计 section in a real headless Chromium against a real server: the
 * counters' figures for the service day from the report API, and the ECharts chart by hour (served
 * offline from the WebJar) whose arrival bars add up to the tickets issued, kept current live.
 */
class ManagerTodayBrowserIT extends HallTest {
  /** An event reaches the page through the stream and one load of the section. */
  private static final Duration SHOWS_WITHIN = Duration.ofSeconds(5);
  private static final String ARRIVALS =
      "var chart = echarts.getInstanceByDom(document.getElementById('today-chart'));"
      + "if (!chart) return -1;"
      + "var bars = chart.getOption().series.filter(function (s) { return s.type === 'bar'; });"
      + "return bars.length === 1 ? bars[0].data.reduce(function (a, b) { return a + b; }, 0) : -1;";

  @Test
  @Timeout(60)
  @DisplayName("今日统计：1 号、7 号窗口各办结 2 件 → 表格显示各窗口办结数、平均等候与办理时长，图表取号柱合计等于取号总数，新取号后实时更新；可切换英文")
  void managerSeesTodaysCountersAndChart() {
    String clerk1 = hall.clerk(1);
    String clerk7 = hall.clerk(7);
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("HOUSING_FUND");
    hall.issue("REAL_ESTATE");
    hall.issue("REAL_ESTATE");
    hall.clock.advance(Duration.ofMinutes(4));
    serveAfter(Duration.ofMinutes(6), clerk1, clerk7);
    hall.clock.advance(Duration.ofMinutes(55));
    hall.issue("HOUSING_FUND");
    hall.clock.advance(Duration.ofMinutes(4));
    serveAfter(Duration.ofMinutes(6), clerk1, clerk7);

    try (Browser page = Browser.open(1280, 1600)) {
      page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
      page.find("login-username").sendKeys("manager");
      page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
      page.click("login-submit");

      page.waitForText("today-title", "今日统计");
      page.waitForText("today-day", "2026-11-27");
      page.until(d -> "2".equals(d.findElement(By.id("today-counter-1")).getAttribute("data-served"))
          && "2".equals(d.findElement(By.id("today-counter-7")).getAttribute("data-served")));
      // Counter 1: waits of 4 and 69 minutes; counter 7: 4 and 4; every service took 6 minutes.
      assertEquals(List.of("1 号窗口", "2", "0", "36:30", "06:00", "—"), cells(page, "today-counter-1"));
      assertEquals(List.of("7 号窗口", "2", "0", "04:00", "06:00", "—"), cells(page, "today-counter-7"));
      assertEquals("尚未叫号", cells(page, "today-counter-uncalled").get(0));
      assertEquals(List.of("today-counter-1", "today-counter-7", "today-counter-uncalled"), rowIds(page));

      page.until(d -> !d.findElements(By.cssSelector("#today-chart canvas")).isEmpty());
      page.until(d -> Long.valueOf(6).equals(script(page, ARRIVALS)));
      assertEquals(List.of("09 时", "10 时"), script(page, "return echarts.getInstanceByDom(document.getElementById('today-chart')).getOption().xAxis[0].data;"));
      page.until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));

      hall.issue("HOUSING_FUND");
      page.until(d -> Long.valueOf(7).equals(script(page, ARRIVALS)));
      screenshotOfSection(page, "manager-today-zh-1280x1600");

      page.click("lang-toggle");
      page.waitForText("today-title", "Today");
      page.waitForText("today-counter-7", "Counter 7");
      page.waitForText("today-counter-uncalled", "Not called yet");
      assertEquals(List.of("Tickets issued", "Average wait (min)"),
          script(page, "return echarts.getInstanceByDom(document.getElementById('today-chart')).getOption().series.map(function (s) { return s.name; });"));
      screenshotOfSection(page, "manager-today-en-1280x1600");
    }
  }

  /** Counters 1 and 7 each call their next ticket and serve it for this long. */
  private void serveAfter(Duration handling, String clerk1, String clerk7) {
    for (String op : new String[] {"call-next", "start"}) {
      assertEquals(200, hall.counterOp(1, op, clerk1).status(), op);
      assertEquals(200, hall.counterOp(7, op, clerk7).status(), op);
    }
    hall.clock.advance(handling);
    assertEquals(200, hall.counterOp(1, "finish", clerk1).status());
    assertEquals(200, hall.counterOp(7, "finish", clerk7).status());
  }

  private static List<String> cells(Browser page, String rowId) {
    return page.find(rowId).findElements(By.tagName("td")).stream().map(td -> td.getText()).toList();
  }

  private static List<String> rowIds(Browser page) {
    return page.driver().findElements(By.cssSelector("#today-counters-body tr")).stream()
        .map(row -> row.getAttribute("id"))
        .toList();
  }

  private static void screenshotOfSection(Browser page, String name) {
    script(page, "document.getElementById('section-today').scrollIntoView();");
    page.screenshot(name);
  }

  private static Object script(Browser page, String script, Object... args) {
    return ((JavascriptExecutor) page.driver()).executeScript(script, args);
  }
}
