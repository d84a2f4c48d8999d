package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;

/** The optional NPS question on the citizen's phone page, in real headless Chromium against a real server. */
class NpsBrowserIT extends HallTest {

  @Test
  @Timeout(60)
  @DisplayName("手机页评分后出现 0–10 推荐意愿问题；选 9 提交后计入 NPS（1 个回答，NPS 100）")
  void theAnswerOnThePhonePageIsCounted() {
    hall.clock.set(Instant.now());
    JsonObject ticket = hall.finishedAtCounter1(hall.clerk(1));
    try (Browser phone = open(ticket)) {
      phone.click("rate-4");
      phone.until(d -> phone.find("rate-nps").isDisplayed());
      phone.waitForText("rate-nps-title", "您是否愿意向亲友推荐本大厅的服务？（选填）");
      phone.click("rate-nps-3");
      phone.click("rate-nps-3");
      assertEquals("false", phone.find("rate-nps-3").getAttribute("aria-pressed"), "a second tap skips the question again");
      phone.click("rate-nps-9");
      assertEquals("true", phone.find("rate-nps-9").getAttribute("aria-pressed"));
      ((JavascriptExecutor) phone.driver()).executeScript("document.getElementById('rate-submit').scrollIntoView({block: 'end'});");
      phone.screenshot("ticket-page-nps-390x844");
      phone.click("rate-submit");
      phone.find("rated");
    }
    assertEquals(9, rating(ticket).getInteger("recommend"));
    String today = LocalDate.ofInstant(hall.clock.instant(), hall.config.hall().timeZone()).toString();
    Reply indicators = hall.api.get("/api/v1/indicators?from=" + today + "&to=" + today + "&by=all", hall.manager());
    JsonObject total = indicators.body().getJsonObject("total");
    assertEquals(1L, total.getLong("npsAnswers"), total.encode());
    assertEquals(100.0, total.getDouble("nps"), 1e-9);
  }

  @Test
  @Timeout(60)
  @DisplayName("大厅未开启 NPS 问题时，手机页评分后不显示该问题，评价不带推荐意愿")
  void aHallThatDoesNotAskShowsNoQuestion(Vertx vertx) {
    hall.close();
    hall = TestHall.start(vertx, raw -> raw.getJsonObject("nps").put("enabled", false));
    hall.clock.set(Instant.now());
    JsonObject ticket = hall.finishedAtCounter1(hall.clerk(1));
    try (Browser phone = open(ticket)) {
      phone.click("rate-5");
      phone.until(d -> phone.find("rate-subs").isDisplayed());
      assertFalse(phone.find("rate-nps").isDisplayed());
      phone.click("rate-submit");
      phone.find("rated");
    }
    assertEquals(5, rating(ticket).getInteger("score"));
    assertNull(rating(ticket).getValue("recommend"));
  }

  private Browser open(JsonObject ticket) {
    Browser phone = Browser.open(390, 844);
    phone.go("http://127.0.0.1:" + hall.server.port() + "/ticket.html?id=" + ticket.getString("id") + "&key=" + ticket.getString("citizenKey"));
    return phone;
  }

  private JsonObject rating(JsonObject ticket) {
    return hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).body().getJsonObject("rating");
  }
}
