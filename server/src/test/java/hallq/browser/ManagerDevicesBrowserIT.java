package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The manager dashboard's device section in a real headless Chromium against a real server (demo
 * devices off): device trouble a bridge reports shows up live, without reloading the page.
 */
class ManagerDevicesBrowserIT extends HallTest {
  private static final String BRIDGE = "demo-counter-bridge-token-change-me";
  private static final String BRIDGE_PRINTER = "printer-kiosk-1";
  /** A report reaches the page through the event stream and one GET of the devices. */
  private static final Duration SHOWS_WITHIN = Duration.ofSeconds(5);

  @Test
  @Timeout(60)
  @DisplayName("大厅管理：管理员登录，两台取号机打印机未上报、全部设备正常 → 桥报缺纸和打印机拔出，页面不刷新即显示 2 个设备异常 → 打印机重新在线后更新；可切换英文")
  void managerSeesDeviceTroubleLive() {
    hall.clock.set(Instant.now());
    try (Browser page = Browser.open(1280, 800)) {
      page.go(base() + "/manager/");
      signIn(page, "manager", TestHall.MANAGER_PASSWORD);

      page.waitForText("printer-kiosk-1", "未上报");
      page.waitForText("printer-kiosk-2", "未上报");
      page.waitForText("devices-summary", "全部设备正常");
      assertTrue(page.find("bridge-empty").isDisplayed());
      page.until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));
      script(page, "window.hallqSamePage = true;");

      report("/api/v1/devices/kiosk-1/printer", new JsonObject().put("status", "PAPER_OUT"));
      report("/api/v1/bridge/devices/" + BRIDGE_PRINTER, bridgePrinter(false));

      page.waitForText("printer-kiosk-1", "缺纸", SHOWS_WITHIN);
      page.waitForText("bridge-" + BRIDGE_PRINTER, "离线", SHOWS_WITHIN);
      page.waitForText("devices-summary", "2 个设备异常", SHOWS_WITHIN);
      assertEquals("problem", attribute(page, "printer-kiosk-1", "data-level"));
      assertEquals("problem", attribute(page, "bridge-" + BRIDGE_PRINTER, "data-level"));
      assertEquals("problem", attribute(page, "devices-summary", "data-state"));
      String bridgeRow = text(page, "bridge-" + BRIDGE_PRINTER);
      assertTrue(bridgeRow.contains("打印机") && bridgeRow.contains("kiosk-1") && bridgeRow.contains("unplugged"), bridgeRow);
      assertTrue(text(page, "printer-kiosk-2").contains("未上报"));
      assertEquals(Boolean.TRUE, script(page, "return window.hallqSamePage === true;"), "the page was not reloaded");
      showDevices(page);
      page.screenshot("manager-devices-trouble-1280x800");

      report("/api/v1/bridge/devices/" + BRIDGE_PRINTER, bridgePrinter(true));
      page.waitForText("bridge-" + BRIDGE_PRINTER, "在线", SHOWS_WITHIN);
      page.waitForText("devices-summary", "1 个设备异常", SHOWS_WITHIN);
      assertEquals("ok", attribute(page, "bridge-" + BRIDGE_PRINTER, "data-level"));
      assertEquals(Boolean.TRUE, script(page, "return window.hallqSamePage === true;"), "the page was not reloaded");

      page.click("lang-toggle");
      page.waitForText("devices-title", "Devices");
      page.waitForText("printer-kiosk-1", "Out of paper");
      page.waitForText("devices-summary", "Devices needing attention: 1");
      assertTrue(page.driver().getCurrentUrl().contains("lang=en"), page.driver().getCurrentUrl());
      showDevices(page);
      page.screenshot("manager-devices-en-1280x800");
    }
  }

  @Test
  @Timeout(60)
  @DisplayName("窗口工作人员登录大厅管理页，只看到“仅限管理人员”的提示，看不到设备表；已保存的工作人员令牌也一样")
  void clerkIsToldThePageIsForManagers() {
    try (Browser page = Browser.open(1280, 800)) {
      page.go(base() + "/manager/");
      signIn(page, "clerk01", TestHall.CLERK_PASSWORD);
      page.waitForText("not-manager-view", "本页面供大厅管理人员使用");
      assertFalse(page.find("dashboard-view").isDisplayed());
      assertFalse(page.find("login-view").isDisplayed());
      page.screenshot("manager-clerk-refused-1280x800");

      // A clerk's token in the page's stored session (whatever role it claims) is checked with the server.
      String clerkToken = hall.clerk(1);
      script(page, "sessionStorage.setItem('hallq.manager.session', JSON.stringify({token: arguments[0], role: 'MANAGER', username: 'clerk01'}));",
          clerkToken);
      page.go(base() + "/manager/");
      page.until(d -> d.findElement(By.id("not-manager-view")).isDisplayed());
      assertFalse(page.find("dashboard-view").isDisplayed());
      assertTrue(page.find("printers-body").findElements(By.tagName("tr")).isEmpty(), "no device rows for a clerk");
    }
  }

  /** The dashboard's other sections come first: bring the device section into the screenshot. */
  private static void showDevices(Browser page) {
    script(page, "document.getElementById('section-devices').scrollIntoView();");
  }

  private String base() {
    return "http://127.0.0.1:" + hall.server.port();
  }

  private static void signIn(Browser page, String username, String password) {
    page.find("login-username").sendKeys(username);
    page.find("login-password").sendKeys(password);
    page.click("login-submit");
  }

  private static JsonObject bridgePrinter(boolean online) {
    return new JsonObject().put("kind", "PRINTER").put("kioskId", "kiosk-1").put("online", online)
        .put("detail", online ? "reconnected" : "unplugged");
  }

  private void report(String path, JsonObject body) {
    Reply reply = Api.await(hall.api.send(HttpMethod.PUT, path, BRIDGE, body, null));
    assertEquals(200, reply.status(), reply.toString());
  }

  /** The rows are redrawn on every reload, so an element is looked up afresh until it holds still. */
  private static String text(Browser page, String id) {
    return page.until(d -> d.findElement(By.id(id)).getText());
  }

  private static String attribute(Browser page, String id, String name) {
    return page.until(d -> d.findElement(By.id(id)).getAttribute(name));
  }

  private static Object script(Browser page, String script, Object... args) {
    return ((JavascriptExecutor) page.driver()).executeScript(script, args);
  }
}
