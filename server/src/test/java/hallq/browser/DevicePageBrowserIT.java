package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.Eventually;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo device page in a real headless Chromium against a server that runs the demo bridge with
 * simulated devices on real pseudo-terminals: the page shows what the devices do and its buttons
 * press their keys. The hall clock is set to now: the bridge's rating window runs in real time.
 */
@ExtendWith(VertxExtension.class)
class DevicePageBrowserIT {
  private static final String PRINTER = "printer-kiosk-1";
  private static final String KEYPAD = "keypad-1";
  private static final String SIGN = "sign-1";
  private static final String PAD = "pad-1";
  /** How long a keypad press may take to show before it is pressed again (a lost first press). */
  private static final Duration KEY_SHOWS_WITHIN = Duration.ofSeconds(1);
  private static final int KEY_ATTEMPTS = 5;

  @Test
  @Timeout(60)
  @DisplayName("设备页：打印机出票带二维码 → 点呼叫器叫号，呼叫器和 LED 屏显示 → 办结后评价器亮起，页面选不满意和原因，评价入库；可切换英文")
  void devicePageShowsTheDevicesAndPressesTheirKeys(Vertx vertx) {
    TestHall hall = TestHall.start(vertx, raw -> raw.getJsonObject("demo")
        .put("simulatedDevices", true)
        .put("bridgeConfig", "../config/bridge.json"));
    hall.clock.set(Instant.now());
    try (hall; Browser page = Browser.open(1600, 1200)) {
      page.go("http://127.0.0.1:" + hall.server.port() + "/devices/");
      page.find("device-" + KEYPAD);

      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      String number = ticket.getString("number");
      page.waitForText("printed-" + PRINTER, number);
      page.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
          "const qr = document.querySelector('#printed-" + PRINTER + " .slip-qr');"
              + " return qr !== null && qr.complete && qr.naturalWidth > 0;"));

      String clerk = hall.clerk(1);
      assertEquals("叫号", page.find("key-" + KEYPAD + "-CALL_NEXT").getText());
      callNextOnThePage(hall, page, ticket.getString("id"), number);
      page.waitForText("shows-" + SIGN, number);

      assertEquals(200, hall.counterOp(1, "start", clerk).status());
      assertEquals(200, hall.counterOp(1, "finish", clerk).status());
      page.until(d -> "true".equals(d.findElement(By.id("device-" + PAD)).getAttribute("data-asking")));
      new Select(page.find("reason-" + PAD)).selectByVisibleText("服务态度差");
      assertEquals("不满意 (2)", page.find("score-" + PAD + "-2").getText());
      page.click("score-" + PAD + "-2");

      String manager = hall.manager();
      Reply rated = Eventually.await("the pad's rating is stored",
          () -> hall.api.get("/api/v1/tickets/" + ticket.getString("id"), manager),
          reply -> reply.status() == 200 && reply.body().getJsonObject("rating") != null);
      JsonObject rating = rated.body().getJsonObject("rating");
      assertEquals(2, rating.getInteger("score"), rating.encode());
      assertEquals("POOR_ATTITUDE", rating.getString("reason"), rating.encode());
      page.until(d -> "false".equals(d.findElement(By.id("device-" + PAD)).getAttribute("data-asking")));
      ((JavascriptExecutor) page.driver()).executeScript("window.scrollTo(0, 0);");
      page.screenshot("device-page-1600x1200");

      page.click("lang-toggle");
      page.waitForText("title", "Simulated devices");
      page.waitForText("heading-PRINTER", "Ticket printers");
      page.waitForText("heading-KEYPAD", "Clerk keypads");
      assertEquals("Call next", page.find("key-" + KEYPAD + "-CALL_NEXT").getText());
      assertTrue(page.driver().getCurrentUrl().contains("lang=en"), page.driver().getCurrentUrl());
      ((JavascriptExecutor) page.driver()).executeScript("window.scrollTo(0, 0);");
      page.screenshot("device-page-en-1600x1200");
    }
  }

  /**
   * Clicks 叫号 on keypad 1 until its display shows the ticket. The bridge's first poll of a keypad
   * only sets its baseline, so a press before it is lost; pressing again is safe only while the
   * ticket still waits (a second counted press would call the next one).
   */
  private static void callNextOnThePage(TestHall hall, Browser page, String ticketId, String number) {
    String manager = hall.manager();
    for (int attempt = 1; attempt <= KEY_ATTEMPTS; attempt++) {
      page.click("key-" + KEYPAD + "-CALL_NEXT");
      try {
        new WebDriverWait(page.driver(), KEY_SHOWS_WITHIN).pollingEvery(Duration.ofMillis(50))
            .until(d -> d.findElement(By.id("display-" + KEYPAD)).getText().contains(number));
        return;
      } catch (TimeoutException slow) {
        String status = hall.api.get("/api/v1/tickets/" + ticketId, manager).body().getJsonObject("ticket").getString("status");
        if (!"WAITING".equals(status)) {
          page.waitForText("display-" + KEYPAD, number);
          return;
        }
      }
    }
    throw new AssertionError("keypad 1 never showed " + number + " after " + KEY_ATTEMPTS + " presses of 叫号");
  }
}
