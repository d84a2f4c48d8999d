package hallq.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {
  /** Handling times of 4, 6, 8, 10 and 12 minutes: lower quartile 6, 90th percentile 10 + 0.6 × 2 = 11.2. */
  private static final HandlingProfile KNOWN = HandlingProfile.recent(List.of(12.0, 4.0, 8.0, 10.0, 6.0)).orElseThrow();

  @Test
  @DisplayName("近期办理时长取下四分位和第 90 百分位")
  void percentilesOfRecentHandlingTimes() {
    assertEquals(new HandlingProfile(6, 11.2), KNOWN);
    assertEquals(new HandlingProfile(3.25, 6.5), HandlingProfile.recent(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0)).orElseThrow(),
        "between ranks: 2 + 0.25 × 5 steps of 1 = 3.25; 2 + 0.9 × 5 = 6.5");
  }

  @Test
  @DisplayName("1 个窗口、前面 3 人、办理 6–11.2 分钟：等候 18–45 分钟")
  void oneCounterThreeAhead() {
    // Best: counter free now, 3 quick tickets ahead = 18. Worst: it just started one, then 3 more, all slow = 4 × 11.2 = 44.8.
    assertEquals(Optional.of(new WaitBand(18, 45)), WaitEstimator.estimate(3, 1, KNOWN));
  }

  @Test
  @DisplayName("两个窗口分担：区间减半，向外取整")
  void twoCountersHalveTheBand() {
    // 3 × 6 / 2 = 9; 4 × 11.2 / 2 = 22.4 → 23.
    assertEquals(Optional.of(new WaitBand(9, 23)), WaitEstimator.estimate(3, 2, KNOWN));
    // 3 × 6 / 1.5 = 12; 4 × 11.2 / 1.5 = 29.87 → 30.
    assertEquals(Optional.of(new WaitBand(12, 30)), WaitEstimator.estimate(3, 1.5, KNOWN));
  }

  @Test
  @DisplayName("前面没有人：最快马上叫号，最慢等一位办完")
  void nobodyAhead() {
    assertEquals(Optional.of(new WaitBand(0, 12)), WaitEstimator.estimate(0, 1, KNOWN));
  }

  @Test
  @DisplayName("没有开放窗口：不给估计")
  void noCounterOpen() {
    assertTrue(WaitEstimator.estimate(5, 0, KNOWN).isEmpty());
  }

  @Test
  @DisplayName("近期记录不足 5 条：按标准办理时长的 0.75–1.5 倍")
  void tooLittleHistoryFallsBackToTheStandard() {
    assertTrue(HandlingProfile.recent(List.of(3.0, 4.0, 5.0, 6.0)).isEmpty());
    assertEquals(new HandlingProfile(15, 30), HandlingProfile.standard(20));
  }

  @Test
  @DisplayName("浮点误差不把整分钟推到下一分钟")
  void wholeMinutesStayWhole() {
    HandlingProfile profile = new HandlingProfile(7.5, 7.5);
    assertEquals(Optional.of(new WaitBand(15, 20)), WaitEstimator.estimate(3, 1.5, profile));
  }
}
