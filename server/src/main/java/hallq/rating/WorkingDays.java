package hallq.rating;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The hall's working days: Monday to Friday, without the configured public holidays, plus the
 * weekend days worked instead (调休).
 */
public record WorkingDays(Set<LocalDate> holidays, Set<LocalDate> workedWeekendDays) {

  public WorkingDays {
    holidays = Set.copyOf(holidays);
    workedWeekendDays = Set.copyOf(workedWeekendDays);
  }

  public boolean isWorkingDay(LocalDate day) {
    if (workedWeekendDays.contains(day)) {
      return true;
    }
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    return !weekend && !holidays.contains(day);
  }

  /** The {@code n}th working day after {@code day} (the day itself does not count). */
  public LocalDate after(LocalDate day, int n) {
    LocalDate date = day;
    for (int counted = 0; counted < n; ) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        counted++;
      }
    }
    return date;
  }
}
