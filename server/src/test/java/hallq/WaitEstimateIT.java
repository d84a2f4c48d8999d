package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 预计等候 as a band over real HTTP. 不动产登记 (standard 20 minutes: 15–30 until it has history) is
 * served by counters 4, 5, 6 and 12 (after its 主办 企业开办); all but counter 4 are paused first.
 */
class WaitEstimateIT extends HallTest {
  private static final String REAL_ESTATE = "REAL_ESTATE";

  @BeforeEach
  void onlyCounter4Serves() {
    for (int counterNo : List.of(5, 6, 12)) {
      assertEquals(200, hall.counterOp(counterNo, "pause", hall.clerk(counterNo)).status());
    }
  }

  @Test
  @DisplayName("取号回复带预计等候区间；第二个窗口开放后区间缩短，兼办窗口在主办有人排队时算半个，无窗口时不估计")
  void bandFollowsTheOpenCounters() {
    for (int i = 0; i < 3; i++) {
      hall.issue(REAL_ESTATE);
    }
    Reply issued = hall.api.post("/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", REAL_ESTATE));
    assertEquals(201, issued.status(), issued.toString());
    assertEquals(3, issued.body().getInteger("ahead"));
    // 1 counter: 3 × 15 = 45 at best, (3 + 1) × 30 = 120 at worst.
    assertEquals(band(45, 120), issued.body().getJsonObject("estimatedWait"));
    String fourth = issued.ticket().getString("id");

    assertEquals(200, hall.counterOp(12, "resume", hall.clerk(12)).status());
    // 2 counters: 3 × 15 / 2 = 22.5 → 22, 4 × 30 / 2 = 60.
    assertEquals(band(22, 60), waitOf(fourth));

    hall.issue("BUSINESS_SETUP");
    // Counter 12 calls its 企业开办 first, and now someone waits for it: half a counter for 不动产登记, 1.5 in all → 30–80.
    assertEquals(band(30, 80), waitOf(fourth));

    for (int counterNo : List.of(4, 12)) {
      hall.counterOp(counterNo, "pause", hall.clerk(counterNo));
    }
    Reply none = hall.api.get("/api/v1/tickets/" + fourth, null);
    assertEquals(3, none.body().getInteger("ahead"));
    assertNull(none.body().getValue("estimatedWait"), "no counter open: no estimate");
  }

  @Test
  @DisplayName("有近期办理记录后按近期办理时长（叫号到办结）的百分位估计")
  void recentHandlingTimesReplaceTheStandard() {
    String clerk = hall.clerk(4);
    for (int minutes : List.of(18, 10, 14, 12, 16)) {
      hall.issue(REAL_ESTATE);
      hall.counterOp(4, "call-next", clerk);
      hall.counterOp(4, "start", clerk);
      hall.clock.advance(Duration.ofMinutes(minutes));
      assertEquals(200, hall.counterOp(4, "finish", clerk).status());
    }
    for (int i = 0; i < 3; i++) {
      hall.issue(REAL_ESTATE);
    }
    String fourth = hall.issue(REAL_ESTATE).getString("id");

    Api.await(hall.server.handlingTimes().refresh());
    // Of 10, 12, 14, 16, 18 minutes the lower quartile is 12, the 90th percentile 16 + 0.6 × 2 = 17.2:
    // 3 × 12 = 36, 4 × 17.2 = 68.8 → 69 (the standard's would be 45–120).
    assertEquals(band(36, 69), waitOf(fourth));
  }

  private JsonObject waitOf(String ticketId) {
    Reply reply = hall.api.get("/api/v1/tickets/" + ticketId, null);
    assertEquals(200, reply.status(), reply.toString());
    return reply.body().getJsonObject("estimatedWait");
  }

  private static JsonObject band(int min, int max) {
    return new JsonObject().put("minMinutes", min).put("maxMinutes", max);
  }
}
