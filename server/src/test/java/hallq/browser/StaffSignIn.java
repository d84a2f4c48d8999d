package hallq.browser;

import hallq.support.Browser;
import hallq.support.TestHall;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Signing in to the staff pages as staff do it, in the browser. */
final class StaffSignIn {
  private StaffSignIn() {
  }

  /**
   * Opens the clerk console at {@code base} and signs {@code username} in to the counter: one session per
   * counter (signing in again ends the one before).
   */
  static void console(Browser console, String base, String username, int counterNo) {
    console.go(base + "/console/");
    console.find("login-username").sendKeys(username);
    console.find("login-password").sendKeys(TestHall.CLERK_PASSWORD);
    console.until(d -> new Select(d.findElement(By.id("login-counter"))).getOptions().size() > 1);
    new Select(console.find("login-counter")).selectByValue(String.valueOf(counterNo));
    console.click("login-submit");
  }

  /** Opens the manager dashboard at {@code base} and signs the demo manager in. */
  static void manager(Browser page, String base) {
    page.go(base + "/manager/");
    page.find("login-username").sendKeys("manager");
    page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
    page.click("login-submit");
  }
}
