package hallq.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's, driven through its own chromedriver: nothing is downloaded)
 * at a given window size. Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  public static Browser open(int width, int height) {
    Path profile = TestHall.tempDir();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required", "--lang=zh-CN",
            "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
        .usingAnyFreePort()
        .build();
    Browser browser = new Browser(new ChromeDriver(service, options));
    browser.viewport(width, height);
    return browser;
  }

  /** Sizes the page's viewport (not the window, whose frame takes some of it) to exactly this, so screenshots are. */
  public void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    var inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
    int innerWidth = ((Number) inner.get(0)).intValue();
    int innerHeight = ((Number) inner.get(1)).intValue();
    driver.manage().window().setSize(new Dimension(2 * width - innerWidth, 2 * height - innerHeight));
  }

  public Browser go(String url) {
    driver.get(url);
    return this;
  }

  public WebDriver driver() {
    return driver;
  }

  public WebElement find(String id) {
    return until(d -> d.findElement(By.id(id)));
  }

  public void click(String id) {
    until(d -> {
      WebElement element = d.findElement(By.id(id));
      return element.isDisplayed() && element.isEnabled() ? element : null;
    }).click();
  }

  /** Replaces the text of an input once it is enabled (a form may disable its fields while it loads or saves). */
  public void type(String id, String value) {
    WebElement input = until(d -> {
      WebElement found = d.findElement(By.id(id));
      return found.isEnabled() ? found : null;
    });
    input.clear();
    input.sendKeys(value);
  }

  /** Waits (10 s at most) until the element's text contains {@code text}; returns the text. */
  public String waitForText(String id, String text) {
    return waitForText(id, text, WAIT);
  }

  /** A page that redraws the element while it is read (a live section reloading) is read again at the next poll. */
  public String waitForText(String id, String text, Duration within) {
    return new WebDriverWait(driver, within).pollingEvery(Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class).until(d -> {
      var found = d.findElements(By.id(id));
      String shown = found.isEmpty() ? "" : found.get(0).getText();
      return shown.contains(text) ? shown : null;
    });
  }

  public <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(50)).ignoring(RuntimeException.class).until(condition::apply);
  }

  /** Saves a PNG of the window as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
