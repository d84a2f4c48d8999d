package hallq.quality;

import hallq.DomainException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A period KPI targets are set for: a month ({@code 2026-12}) or a quarter ({@code 2026-Q4}). */
public record KpiPeriod(String name, LocalDate first, LocalDate last) {
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

  public static KpiPeriod parse(String text) {
    Matcher month = MONTH.matcher(text == null ? "" : text);
    if (month.matches()) {
      YearMonth ym = YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)));
      return new KpiPeriod(text, ym.atDay(1), ym.atEndOfMonth());
    }
    Matcher quarter = QUARTER.matcher(text == null ? "" : text);
    if (quarter.matches()) {
      YearMonth firstMonth = YearMonth.of(Integer.parseInt(quarter.group(1)), (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1);
      return new KpiPeriod(text, firstMonth.atDay(1), firstMonth.plusMonths(2).atEndOfMonth());
    }
    throw DomainException.invalid("period", "must be a month like 2026-12 or a quarter like 2026-Q4, not '" + text + "'");
  }

  /** The period before: the month before a month, the quarter before a quarter. */
  public KpiPeriod previous() {
    YearMonth start = YearMonth.from(first);
    boolean quarter = name.contains("Q");
    YearMonth before = start.minusMonths(quarter ? 3 : 1);
    return parse(quarter ? before.getYear() + "-Q" + ((before.getMonthValue() - 1) / 3 + 1) : before.toString());
  }

  /** The period's days so far: from its first day to its last, or to {@code today} if that comes first. */
  public LocalDate lastSoFar(LocalDate today) {
    return today.isBefore(last) ? today : last;
  }
}
