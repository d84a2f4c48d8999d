package hallq.browser;

import hallq.support.Browser;
import hallq.support.TestHall;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The clerk console's sign-in, as a clerk does it: one session per counter (signing in again ends the one before). */
final class ConsoleSignIn {
  private ConsoleSignIn() {
  }

  /** Opens the console at {@code base} and signs {@code username} in to the counter. */
  static void signIn(Browser console, String base, String username, int counterNo) {
    console.go(base + "/console/");
    console.find("login-username").sendKeys(username);
    console.find("login-password").sendKeys(TestHall.CLERK_PASSWORD);
    console.until(d -> new Select(d.findElement(By.id("login-counter"))).getOptions().size() > 1);
    new Select(console.find("login-counter")).selectByValue(String.valueOf(counterNo));
    console.click("login-submit");
  }
}
