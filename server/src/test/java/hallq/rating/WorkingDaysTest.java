package hallq.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {
  /** A Friday. */
  private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);

  @Test
  @DisplayName("工作日期限：跳过周末和节假日，算上调休的周末")
  void deadlinesSkipWeekendsAndHolidays() {
    WorkingDays plain = new WorkingDays(Set.of(), Set.of());
    assertEquals(LocalDate.of(2026, 11, 30), plain.after(FRIDAY, 1), "Friday + 1 working day = Monday");
    assertEquals(LocalDate.of(2026, 12, 4), plain.after(FRIDAY, 5));
    assertEquals(LocalDate.of(2026, 12, 18), plain.after(FRIDAY, 15));

    WorkingDays withHoliday = new WorkingDays(Set.of(LocalDate.of(2026, 12, 1)), Set.of(LocalDate.of(2026, 11, 28)));
    assertEquals(LocalDate.of(2026, 11, 28), withHoliday.after(FRIDAY, 1), "a Saturday worked instead (调休)");
    assertEquals(LocalDate.of(2026, 12, 3), withHoliday.after(FRIDAY, 4), "Sat, Mon, (Tue holiday), Wed, Thu");
  }
}
