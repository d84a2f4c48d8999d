package hallq.standards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.DomainException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitLevelTest {
  /** 15 / 20 / 30 minutes. */
  private static final ServiceStandard STANDARD = new ServiceStandard(15, 20, 30, 80, 20, 10, 10, 30, null);

  @Test
  @DisplayName("等候时长分级：恰好等于目标仍算达标；恰好等于预警或超时线即进入该级")
  void levelsAtTheirBoundaries() {
    assertEquals(WaitLevel.OK, level(Duration.ofMinutes(15).minusSeconds(1)));
    assertEquals(WaitLevel.WARNING, level(Duration.ofMinutes(15)));
    assertEquals(WaitLevel.WARNING, level(Duration.ofMinutes(20)));
    assertTrue(level(Duration.ofMinutes(20)).withinTarget(), "exactly at the target is within it");
    assertEquals(WaitLevel.OVER_TARGET, level(Duration.ofMinutes(20).plusSeconds(1)));
    assertFalse(level(Duration.ofMinutes(20).plusSeconds(1)).withinTarget());
    assertEquals(WaitLevel.OVER_TARGET, level(Duration.ofMinutes(30).minusSeconds(1)));
    assertEquals(WaitLevel.BREACH, level(Duration.ofMinutes(30)));
    assertEquals(WaitLevel.OK, level(Duration.ZERO));
  }

  @Test
  @DisplayName("服务标准的取值范围与顺序：预警 ≤ 目标 ≤ 超时")
  void standardsAreChecked() {
    assertEquals("warnWaitMinutes", assertThrows(DomainException.class, () -> new ServiceStandard(21, 20, 30, 80, 20, 10, 10, 30, null)).field());
    assertEquals("breachWaitMinutes", assertThrows(DomainException.class, () -> new ServiceStandard(15, 20, 19, 80, 20, 10, 10, 30, null)).field());
    assertEquals("serviceLevelPercent", assertThrows(DomainException.class, () -> new ServiceStandard(15, 20, 30, 101, 20, 10, 10, 30, null)).field());
    assertEquals("dailyQuota", assertThrows(DomainException.class, () -> new ServiceStandard(15, 20, 30, 80, 20, 10, 10, 30, 0)).field());
    assertEquals(STANDARD, ServiceStandard.fromJson(STANDARD.toJson()));
    assertEquals(new ServiceStandard(15, 20, 30, 80, 20, 10, 10, 30, null), ServiceStandard.defaults(20, 10));
  }

  private static WaitLevel level(Duration wait) {
    return WaitLevel.of(wait, STANDARD);
  }
}
