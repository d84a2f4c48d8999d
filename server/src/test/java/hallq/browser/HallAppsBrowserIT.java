package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.CuttableProxy;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The browser apps in a real headless Chromium against a real server; screenshots land in
 * target/screenshots. The hall clock is set to now: the pages compare event times with their own.
 */
class HallAppsBrowserIT extends HallTest {
  private static final Duration PUSH_WITHIN = Duration.ofSeconds(1);

  @Test
  @Timeout(180)
  @DisplayName("取号机取号 → 综合屏显示等候 → 窗口叫号 → 综合屏和窗口屏 1 秒内显示 → 手机页显示叫号 → 办结 → 手机评价")
  void ticketTravelsThroughEveryApp() throws IOException {
    hall.clock.set(Instant.now());
    String base = "http://127.0.0.1:" + hall.server.port();
    try (Browser display = Browser.open(1920, 1080);
         Browser counter = Browser.open(1280, 720);
         Browser console = Browser.open(1280, 800)) {
      display.go(base + "/display/?token=" + TestHall.DISPLAY);
      display.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
      counter.go(base + "/counter/?no=1&token=" + TestHall.DISPLAY);
      counter.until(d -> "idle".equals(d.findElement(By.id("counter-state")).getAttribute("data-state")));

      try (Browser kiosk = Browser.open(1080, 1920)) {
        kiosk.go(base + "/kiosk/?token=" + TestHall.KIOSK);
        kiosk.click("service-SOCIAL_INSURANCE");
        kiosk.waitForText("ticket-number", "A001");
        kiosk.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
            "const qr = document.getElementById('ticket-qr'); return qr.complete && qr.naturalWidth > 0;"));
        kiosk.screenshot("kiosk-ticket-1080x1920");
        kiosk.click("done");
        kiosk.find("service-SOCIAL_INSURANCE");
        kiosk.viewport(1920, 1080);
        kiosk.screenshot("kiosk-start-1920x1080");
      }
      display.waitForText("waiting-SOCIAL_INSURANCE", "1");

      StaffSignIn.console(console, base, "clerk01", 1);
      console.click("action-call-next");
      long called = System.nanoTime();
      display.waitForText("current-number", "A001", PUSH_WITHIN);
      long onDisplay = System.nanoTime();
      counter.waitForText("counter-ticket", "A001", PUSH_WITHIN);
      long onCounter = System.nanoTime();
      console.waitForText("current-number", "A001");
      assertTrue(display.find("current-counter").getText().contains("1"));
      recordLatency(called, onDisplay, onCounter);
      display.screenshot("hall-display-1920x1080");
      counter.screenshot("counter-screen-called-1280x720");

      try (Browser phone = Browser.open(390, 844)) {
        String ticketId = ticketIdOf("A001");
        phone.go(base + "/ticket.html?id=" + ticketId + "&key=" + citizenKeyOf("A001"));
        phone.waitForText("called-alert", "1");
        phone.waitForText("materials", "请准备以下材料");
        assertTrue(phone.find("materials-list").getText().contains("社会保障卡"), "the service's required materials, as configured");
        phone.screenshot("ticket-page-called-390x844");

        console.click("action-start");
        console.waitForText("current-status", statusText(console, "SERVING"));
        Select outcome = new Select(console.find("finish-outcome"));
        assertEquals("办结", outcome.getFirstSelectedOption().getText(), "the default outcome is chosen");
        outcome.selectByVisibleText("受理");
        console.click("action-finish");
        counter.until(d -> "rating".equals(d.findElement(By.id("counter-state")).getAttribute("data-state")));
        counter.screenshot("counter-screen-rating-1280x720");
        console.waitForText("today-finished", "1");
        assertEquals("办结", new Select(console.find("finish-outcome")).getFirstSelectedOption().getText(), "back to the default");
        console.screenshot("clerk-console-1280x800");

        phone.click("rate-5");
        phone.click("rate-submit");
        phone.find("rated");
        phone.screenshot("ticket-page-rated-390x844");
        Row rating = Api.await(hall.db.preparedQuery("SELECT score, channel FROM rating WHERE ticket_id = $1::uuid")
            .execute(Tuple.of(ticketId))).iterator().next();
        assertEquals(5, rating.getInteger("score"));
        assertEquals("TICKET_PAGE", rating.getString("channel"));
        assertEquals("ACCEPTED", Api.await(hall.db.preparedQuery("SELECT outcome FROM ticket WHERE id = $1::uuid")
            .execute(Tuple.of(ticketId))).iterator().next().getString("outcome"), "finished with the outcome the clerk chose");
      }
    }
  }

  @Test
  @Timeout(120)
  @DisplayName("手机页显示“前面还有 N 人，预计等候 X–Y 分钟”，没有开放窗口时说明无法估计")
  void ticketPageShowsTheWaitBand() {
    hall.issue("REAL_ESTATE");
    JsonObject second = hall.issue("REAL_ESTATE");
    String page = "http://127.0.0.1:" + hall.server.port() + "/ticket.html?id=" + second.getString("id") + "&key=" + second.getString("citizenKey");
    try (Browser phone = Browser.open(390, 844)) {
      phone.go(page);
      // 4 counters for 不动产登记 (standard 20 minutes: 15–30 without history): 1 × 15 / 4 → 3, 2 × 30 / 4 = 15.
      phone.waitForText("ahead", "前面还有 1 人，预计等候 3–15 分钟");
      phone.screenshot("ticket-page-waiting-390x844");

      for (int counterNo : List.of(4, 5, 6, 12)) {
        assertEquals(200, hall.counterOp(counterNo, "pause", hall.clerk(counterNo)).status());
      }
      phone.go(page);
      phone.waitForText("ahead", "前面还有 1 人，目前没有开放的窗口，暂无法估计等候时间");
    }
  }

  @Test
  @Timeout(120)
  @DisplayName("综合屏断网期间的叫号，重连后一个不少")
  void hallDisplayMissesNoCallAcrossAReconnect(Vertx vertx) {
    hall.clock.set(Instant.now());
    String clerk1 = hall.clerk(1);
    String clerk2 = hall.clerk(2);
    for (int i = 0; i < 3; i++) {
      hall.issue("SOCIAL_INSURANCE");
    }
    try (CuttableProxy network = CuttableProxy.to(vertx, hall.server.port());
         Browser display = Browser.open(1920, 1080)) {
      display.go("http://127.0.0.1:" + network.port() + "/display/?token=" + TestHall.DISPLAY);
      display.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
      hall.counterOp(1, "call-next", clerk1);
      display.waitForText("current-number", "A001");

      network.block(true);
      network.cut();
      display.until(d -> "reconnecting".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
      hall.counterOp(1, "no-show", clerk1);
      hall.counterOp(1, "call-next", clerk1);
      hall.counterOp(2, "call-next", clerk2);
      network.block(false);

      display.waitForText("current-number", "A003", Duration.ofSeconds(15));
      List<String> history = display.until(d -> {
        var numbers = d.findElements(By.cssSelector("#history [data-number]")).stream()
            .map(e -> e.getAttribute("data-number")).toList();
        return numbers.containsAll(List.of("A001", "A002", "A003")) ? numbers : null;
      });
      assertEquals(3, history.size(), "each call once: " + history);
      display.screenshot("hall-display-after-reconnect-1920x1080");
    }
  }

  @Test
  @Timeout(60)
  @DisplayName("打印机缺纸时，取号机屏幕说明未能出票，二维码照常显示")
  void kioskSaysSoWhenThePrinterCannotPrint() {
    Reply reported = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/devices/kiosk-1/printer",
        "demo-counter-bridge-token-change-me", new JsonObject().put("status", "PAPER_OUT"), null));
    assertEquals(200, reported.status(), reported.toString());
    try (Browser kiosk = Browser.open(1080, 1920)) {
      kiosk.go("http://127.0.0.1:" + hall.server.port() + "/kiosk/?token=" + TestHall.KIOSK);
      kiosk.click("service-CONSULTATION");
      kiosk.waitForText("ticket-number", "F001");
      kiosk.until(d -> "failed".equals(d.findElement(By.id("print-note")).getAttribute("data-state")));
      assertTrue(kiosk.find("print-note").getText().contains("缺纸"));
      kiosk.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
          "const qr = document.getElementById('ticket-qr'); return qr.complete && qr.naturalWidth > 0;"));
      kiosk.screenshot("kiosk-printer-out-1080x1920");
    }
  }

  /** The key the printed QR link carries, as the citizen's phone gets it by scanning. */
  private String citizenKeyOf(String number) {
    return Api.await(hall.db.preparedQuery("SELECT citizen_key FROM ticket WHERE number = $1").execute(Tuple.of(number)))
        .iterator().next().getString(0);
  }

  private String ticketIdOf(String number) {
    return Api.await(hall.db.preparedQuery("SELECT id::text FROM ticket WHERE number = $1").execute(Tuple.of(number)))
        .iterator().next().getString(0);
  }

  /** The console's own words for a status, so the test does not hard-code the translation. */
  private static String statusText(Browser console, String status) {
    return console.until(d -> {
      String shown = d.findElement(By.id("current-status")).getAttribute("data-status");
      return status.equals(shown) ? d.findElement(By.id("current-status")).getText() : null;
    });
  }

  private static void recordLatency(long called, long onDisplay, long onCounter) throws IOException {
    String line = String.format("call -> hall display %d ms, call -> counter screen %d ms%n",
        (onDisplay - called) / 1_000_000, (onCounter - called) / 1_000_000);
    Files.createDirectories(Browser.SCREENSHOTS);
    Files.writeString(Browser.SCREENSHOTS.resolve("push-latency.txt"), line);
  }
}
