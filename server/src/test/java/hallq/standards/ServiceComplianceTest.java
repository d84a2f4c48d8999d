package hallq.standards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceComplianceTest {
  /** 15 / 20 / 30 minutes, goal 80% within 20 minutes. */
  private static final ServiceStandard STANDARD = new ServiceStandard(15, 20, 30, 80, 20, 10, 10, 30, null);

  @Test
  @DisplayName("达标率：恰好等于目标算达标；仍在等候且已超目标的人算未达标")
  void sharesCountTheBoundaryAndTheStillWaiting() {
    List<Duration> called = List.of(min(5), min(20), seconds(20 * 60 + 1), min(40));
    List<Duration> waiting = List.of(min(25), min(3));
    ServiceCompliance c = ServiceCompliance.of(STANDARD, waiting, called);
    // within 20 min: 5 and exactly 20 → 2; counted: 4 called + 1 still waiting beyond 20 min → 5
    assertEquals(40.0, c.withinTargetPercent());
    assertEquals(40.0, c.serviceLevelPercent());
    assertEquals(false, c.serviceLevelMet());
    assertEquals(2, c.waiting());
    assertEquals(min(25), c.longestWait());
    assertEquals(seconds(14 * 60), c.averageWait());
    assertEquals(4, c.called());
    assertEquals(1, c.byLevel()[WaitLevel.OK.ordinal()]);
    assertEquals(1, c.byLevel()[WaitLevel.OVER_TARGET.ordinal()]);
  }

  @Test
  @DisplayName("服务水平目标：80% 在 20 分钟内即达成；无人可计时为空")
  void theGoalIsMetAtItsPercent() {
    List<Duration> called = List.of(min(1), min(2), min(3), min(4), min(21));
    assertEquals(true, ServiceCompliance.of(STANDARD, List.of(), called).serviceLevelMet(), "4 of 5 is 80%");
    ServiceCompliance none = ServiceCompliance.of(STANDARD, List.of(min(1)), List.of());
    assertNull(none.withinTargetPercent(), "one waiting 1 minute: nobody counts yet");
    assertNull(none.serviceLevelMet());
  }

  private static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
