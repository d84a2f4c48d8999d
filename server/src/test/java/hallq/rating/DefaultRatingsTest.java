package hallq.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.config.HallqConfig.DefaultRating;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefaultRatingsTest {
  private static final WorkingDays HOLIDAY_WEDNESDAY = new WorkingDays(Set.of(LocalDate.parse("2026-12-02")), Set.of());

  @Test
  @DisplayName("哪一天办结的办件今天到期：按工作日跨周末和节假日，按自然日则不看日历")
  void theLastServedDayWhoseTimeToRateIsOver() {
    DefaultRating fiveWorkingDays = new DefaultRating(DefaultRating.Level.SATISFIED, 5, DefaultRating.Unit.WORKING_DAYS);
    // Served Mon 30 Nov: Tue 1, Thu 3, Fri 4, Mon 7, Tue 8 — still open on Tue 8. Served Sun 29: closed after Mon 7.
    assertEquals(LocalDate.parse("2026-11-29"), DefaultRatings.lastServedDayDue(fiveWorkingDays, HOLIDAY_WEDNESDAY, LocalDate.parse("2026-12-08")));
    // On Mon 7 the Friday before last (27 Nov) is still open: its fifth working day is today.
    assertEquals(LocalDate.parse("2026-11-26"), DefaultRatings.lastServedDayDue(fiveWorkingDays, HOLIDAY_WEDNESDAY, LocalDate.parse("2026-12-07")));
    DefaultRating sevenDays = new DefaultRating(DefaultRating.Level.BASICALLY_SATISFIED, 7, DefaultRating.Unit.DAYS);
    assertEquals(LocalDate.parse("2026-11-30"), DefaultRatings.lastServedDayDue(sevenDays, HOLIDAY_WEDNESDAY, LocalDate.parse("2026-12-08")));
  }
}
