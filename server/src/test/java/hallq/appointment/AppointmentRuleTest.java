package hallq.appointment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hallq.DomainException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppointmentRuleTest {
  private static final AppointmentRule RULE = AppointmentRule.fromConfig(new JsonObject()
      .put("enabled", true).put("from", "09:00").put("to", "10:45").put("slotMinutes", 30).put("noShowLimit", 3)
      .put("noShowWindowDays", 30).put("blockDays", 30));

  @Test
  @DisplayName("时段：从 from 起每 slotMinutes 一个，最后一个不超过 to（09:00 09:30 10:00，10:30 放不下）")
  void slotsFitBetweenFromAndTo() {
    assertEquals(List.of("09:00", "09:30", "10:00"), RULE.slots().stream().map(s -> s.start().toString()).toList());
    assertEquals(LocalTime.of(10, 30), RULE.slot(LocalTime.of(10, 0)).end());
    DomainException refused = assertThrows(DomainException.class, () -> RULE.slot(LocalTime.of(10, 30)));
    assertEquals("slot", refused.field());
  }

  @Test
  @DisplayName("爽约：30 天内第 3 次起封禁 30 天；3 次分散在 30 天以上不封禁；上限 0 不封禁")
  void noShowsBlockFromTheOneThatReachedTheLimit() {
    Instant d1 = Instant.parse("2026-11-02T01:40:00Z");
    Instant d20 = Instant.parse("2026-11-21T01:40:00Z");
    Instant d31 = Instant.parse("2026-12-02T01:40:00Z");
    Instant d40 = Instant.parse("2026-12-11T01:40:00Z");
    assertEquals(Instant.parse("2027-01-01T01:40:00Z"), RULE.blockedUntil(List.of(d31, d1, d20)));
    assertNull(RULE.blockedUntil(List.of(d1, d20)));
    assertNull(RULE.blockedUntil(List.of(d1, d31, d40.plusSeconds(86_400L * 30))));
    assertEquals(Instant.parse("2027-01-10T01:40:00Z"), RULE.blockedUntil(List.of(d1, d20, d31, d40)));
    AppointmentRule never = AppointmentRule.fromJson(RULE.toJson().put("noShowLimit", 0));
    assertNull(never.blockedUntil(List.of(d1, d20, d31, d40)));
  }

  @Test
  @DisplayName("规则字段缺失或越界时按字段拒绝")
  void badRulesNameTheField() {
    assertEquals("capacityPerSlot", assertThrows(DomainException.class,
        () -> AppointmentRule.fromJson(RULE.toJson().put("capacityPerSlot", 0))).field());
    assertEquals("from", assertThrows(DomainException.class, () -> AppointmentRule.fromJson(RULE.toJson().put("from", "9点"))).field());
    assertEquals("enabled", assertThrows(DomainException.class, () -> AppointmentRule.fromJson(RULE.toJson().putNull("enabled"))).field());
    assertEquals("to", assertThrows(DomainException.class, () -> AppointmentRule.fromJson(RULE.toJson().put("to", "09:10"))).field());
  }
}
