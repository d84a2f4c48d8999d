package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Api;
import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * A low rating (不满意, 非常不满意) must say why: both screens that rate ask for the reason before
 * sending. Real headless Chromium against a real server; screenshots land in target/screenshots.
 */
class LowRatingBrowserIT extends HallTest {

  @Test
  @Timeout(60)
  @DisplayName("手机页选“非常不满意”后须选原因才能提交，提交后记录分数、原因和渠道")
  void ticketPageAsksWhyBeforeSendingALowRating() {
    hall.clock.set(Instant.now());
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    finishAtCounterOne();
    try (Browser phone = Browser.open(390, 844)) {
      phone.go(base() + "/ticket.html?id=" + ticket.getString("id") + "&key=" + ticket.getString("citizenKey"));

      phone.click("rate-1");
      phone.until(d -> phone.find("rate-reasons").isDisplayed());
      assertFalse(phone.find("rate-submit").isEnabled(), "a low score cannot be sent without a reason");
      phone.click("rate-reason-OTHER");
      phone.click("rate-4");
      phone.until(d -> !phone.find("rate-reasons").isDisplayed());
      phone.click("rate-1");
      assertEquals("false", phone.find("rate-reason-OTHER").getAttribute("aria-pressed"), "a higher score clears the reason");
      assertFalse(phone.find("rate-submit").isEnabled());
      phone.find("rate-comment").sendKeys("x");
      phone.until(d -> phone.find("rate-submit").isEnabled());
      phone.find("rate-comment").sendKeys(Keys.BACK_SPACE);
      phone.until(d -> !phone.find("rate-submit").isEnabled());

      phone.waitForText("rate-reason-POOR_ATTITUDE", "服务态度差");
      phone.click("rate-reason-POOR_ATTITUDE");
      phone.until(d -> phone.find("rate-submit").isEnabled());
      ((JavascriptExecutor) phone.driver()).executeScript("document.getElementById('rate-submit').scrollIntoView({block: 'end'});");
      phone.screenshot("ticket-page-low-rating-reason-390x844");
      phone.click("rate-submit");
      phone.find("rated");
    }
    Row rating = ratingOf(ticket);
    assertEquals(1, rating.getInteger("score"));
    assertEquals("POOR_ATTITUDE", rating.getString("reason"));
    assertEquals("TICKET_PAGE", rating.getString("channel"));
  }

  @Test
  @Timeout(60)
  @DisplayName("手机页评分后可选填分项评价：选“服务态度 4”，只提交选了的分项")
  void ticketPageSendsOnlyTheChosenSubScores() {
    hall.clock.set(Instant.now());
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    finishAtCounterOne();
    try (Browser phone = Browser.open(390, 844)) {
      phone.go(base() + "/ticket.html?id=" + ticket.getString("id") + "&key=" + ticket.getString("citizenKey"));
      phone.click("rate-5");
      phone.until(d -> phone.find("rate-subs").isDisplayed());
      phone.waitForText("rate-sub-attitude-name", "服务态度");
      phone.click("rate-sub-efficiency-2");
      phone.click("rate-sub-efficiency-2");
      assertEquals("false", phone.find("rate-sub-efficiency-2").getAttribute("aria-pressed"), "a second tap clears the sub-score");
      phone.click("rate-sub-attitude-4");
      assertEquals("true", phone.find("rate-sub-attitude-4").getAttribute("aria-pressed"));
      ((JavascriptExecutor) phone.driver()).executeScript("document.getElementById('rate-submit').scrollIntoView({block: 'end'});");
      phone.screenshot("ticket-page-sub-scores-390x844");
      phone.click("rate-submit");
      phone.find("rated");
    }
    Row rating = Api.await(hall.db.preparedQuery("SELECT score, efficiency, competence, attitude FROM rating WHERE ticket_id = $1::uuid")
        .execute(Tuple.of(ticket.getString("id")))).iterator().next();
    assertEquals(5, rating.getInteger("score"));
    assertEquals(4, rating.getInteger("attitude"));
    assertNull(rating.getInteger("efficiency"));
    assertNull(rating.getInteger("competence"));
  }

  @Test
  @Timeout(60)
  @DisplayName("窗口屏点“不满意”先显示原因，点原因才提交")
  void counterScreenAsksWhyBeforeSendingALowRating() {
    hall.clock.set(Instant.now());
    try (Browser counter = Browser.open(1280, 720)) {
      counter.go(base() + "/counter/?no=1&token=" + TestHall.DISPLAY);
      counter.until(d -> "idle".equals(counter.find("counter-state").getAttribute("data-state")));
      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      finishAtCounterOne();
      counter.until(d -> "rating".equals(counter.find("counter-state").getAttribute("data-state")));

      counter.click("rate-2");
      counter.until(d -> counter.find("rating-reasons").isDisplayed());
      assertFalse(counter.find("rating-ask").isDisplayed());
      assertEquals(0, ratingRows(ticket).size(), "nothing is sent before the reason");
      counter.waitForText("reason-LONG_WAIT", "等候时间长");
      counter.screenshot("counter-screen-low-rating-reason-1280x720");
      counter.click("reason-LONG_WAIT");
      counter.until(d -> counter.find("rating-thanks").isDisplayed());

      Row rating = ratingOf(ticket);
      assertEquals(2, rating.getInteger("score"));
      assertEquals("LONG_WAIT", rating.getString("reason"));
      assertEquals("COUNTER_SCREEN", rating.getString("channel"));
    }
  }

  private String base() {
    return "http://127.0.0.1:" + hall.server.port();
  }

  private void finishAtCounterOne() {
    String clerk = hall.clerk(1);
    for (String op : new String[] {"call-next", "start", "finish"}) {
      assertEquals(200, hall.counterOp(1, op, clerk).status(), op);
    }
  }

  private RowSet<Row> ratingRows(JsonObject ticket) {
    return Api.await(hall.db.preparedQuery("SELECT score, reason, channel FROM rating WHERE ticket_id = $1::uuid")
        .execute(Tuple.of(ticket.getString("id"))));
  }

  private Row ratingOf(JsonObject ticket) {
    RowSet<Row> rows = ratingRows(ticket);
    assertEquals(1, rows.size(), "one rating of the ticket");
    return rows.iterator().next();
  }
}
