package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The live compliance view on a hand-made morning. */
class ComplianceIT extends HallTest {

  @Test
  @DisplayName("实时达标：按业务的等候与达标率、每位等候者的分级、窗口办理时长对标准")
  void aHandMadeMorning() {
    String clerk = hall.clerk(1);
    JsonObject first = hall.issue("SOCIAL_INSURANCE");           // 09:00
    hall.clock.advance(Duration.ofMinutes(4));
    JsonObject second = hall.issue("SOCIAL_INSURANCE");          // 09:04
    hall.clock.advance(Duration.ofMinutes(16));                  // 09:20: the first has waited exactly 20 min
    assertEquals(first.getString("number"), hall.counterOp(1, "call-next", clerk).ticket().getString("number"));
    hall.counterOp(1, "start", clerk);
    hall.clock.advance(Duration.ofMinutes(11));                  // 09:31: serving 11 min (standard 10), second waits 27 min

    JsonObject live = hall.api.get("/api/v1/compliance", hall.manager()).body();
    JsonObject social = live.getJsonArray("services").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("serviceCode").equals("SOCIAL_INSURANCE")).findFirst().orElseThrow();
    assertEquals(1, social.getInteger("waiting"));
    assertEquals(27 * 60, social.getLong("longestWaitSeconds"));
    assertEquals(1, social.getInteger("calledToday"));
    assertEquals(20 * 60, social.getLong("averageCalledWaitSeconds"));
    assertEquals(50.0, social.getDouble("withinTargetPercent"), "the first exactly at target counts; the second is already over it");
    assertEquals(false, social.getBoolean("serviceLevelMet"));
    assertEquals(1, social.getJsonObject("waitingByLevel").getInteger("OVER_TARGET"));

    JsonObject waiting = live.getJsonArray("waiting").getJsonObject(0);
    assertEquals(second.getString("number"), waiting.getString("number"));
    assertEquals("OVER_TARGET", waiting.getString("level"));

    JsonObject counter1 = live.getJsonArray("counters").getJsonObject(0).getJsonObject("ticket");
    assertEquals(11 * 60, counter1.getLong("handlingSeconds"));
    assertEquals(true, counter1.getBoolean("overStandard"));
    assertEquals(403, hall.api.get("/api/v1/compliance", TestHall.KIOSK).status(), "staff only, not devices");
  }
}
