package hallq.standards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.DomainException;
import io.vertx.core.json.JsonArray;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
  private static final OpeningHours HOURS = OpeningHours.fromJson(new JsonArray("""
      [{"days": ["MON", "TUE", "WED", "THU", "FRI"], "opens": "08:30", "closes": "12:00"},
       {"days": ["MON", "TUE", "WED", "THU", "FRI"], "opens": "13:30", "closes": "17:30"},
       {"days": ["SAT"], "opens": "09:00", "closes": "12:00"}]"""));
  /** A Friday. */
  private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);

  @Test
  @DisplayName("工作日上下午两段、周六上午；开门时刻算开，关门时刻算关")
  void openAtTheRightTimes() {
    assertFalse(HOURS.isOpen(FRIDAY.atTime(8, 29, 59)));
    assertTrue(HOURS.isOpen(FRIDAY.atTime(8, 30)));
    assertFalse(HOURS.isOpen(FRIDAY.atTime(12, 0)), "closing time is closed");
    assertEquals(Optional.of(LocalTime.of(13, 30)), HOURS.nextOpening(FRIDAY, LocalTime.of(12, 0)));
    assertEquals(Optional.of(LocalTime.of(17, 30)), HOURS.closesAfter(FRIDAY.atTime(14, 0)));
    assertTrue(HOURS.isOpen(FRIDAY.plusDays(1).atTime(11, 59)));
    assertFalse(HOURS.isOpen(FRIDAY.plusDays(2).atTime(10, 0)), "closed on Sunday");
    assertTrue(OpeningHours.ALWAYS.isOpen(LocalDateTime.of(2026, 11, 29, 3, 0)));
    assertEquals(HOURS, OpeningHours.fromJson(HOURS.toJson()));
  }

  @Test
  @DisplayName("写错的营业时间指明字段")
  void mistakesNameTheField() {
    assertEquals("closes", assertThrows(DomainException.class,
        () -> OpeningHours.fromJson(new JsonArray("[{\"days\": [\"MON\"], \"opens\": \"12:00\", \"closes\": \"08:00\"}]"))).field());
    assertEquals("days", assertThrows(DomainException.class,
        () -> OpeningHours.fromJson(new JsonArray("[{\"days\": [\"XYZ\"], \"opens\": \"08:00\", \"closes\": \"12:00\"}]"))).field());
  }
}
