package hallq.standards;

import hallq.DomainException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When the hall issues tickets, in its own time zone: periods of days with an opening and a closing
 * time. No periods means no limit (issue at any time).
 */
public record OpeningHours(List<Period> periods) {

  /** {@code days} open from {@code opens} until {@code closes} (exclusive). */
  public record Period(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {
    public Period {
      days = Set.copyOf(days);
      if (days.isEmpty()) {
        throw DomainException.invalid("days", "name at least one day");
      }
      if (!opens.isBefore(closes)) {
        throw DomainException.invalid("closes", "must be after opens (" + opens + ")");
      }
    }
  }

  public OpeningHours {
    periods = List.copyOf(periods);
  }

  public static final OpeningHours ALWAYS = new OpeningHours(List.of());

  /** Whether tickets may be issued at this local time. */
  public boolean isOpen(LocalDateTime at) {
    return periods.isEmpty() || periodAt(at).isPresent();
  }

  /** When today's period that contains {@code at} closes; empty if closed then or if there are no limits. */
  public Optional<LocalTime> closesAfter(LocalDateTime at) {
    return periodAt(at).map(Period::closes);
  }

  private Optional<Period> periodAt(LocalDateTime at) {
    LocalTime time = at.toLocalTime();
    return periods.stream()
        .filter(p -> p.days().contains(at.getDayOfWeek()) && !time.isBefore(p.opens()) && time.isBefore(p.closes()))
        .findFirst();
  }

  /** When the hall closes on this day: the end of its last period that day; empty if it does not open then. */
  public Optional<LocalTime> closingOn(LocalDate day) {
    return periods.stream()
        .filter(p -> p.days().contains(day.getDayOfWeek()))
        .map(Period::closes)
        .max(LocalTime::compareTo);
  }

  /** The next opening time on the same day, for a helpful refusal; empty if none. */
  public Optional<LocalTime> nextOpening(LocalDate day, LocalTime after) {
    return periods.stream()
        .filter(p -> p.days().contains(day.getDayOfWeek()) && p.opens().isAfter(after))
        .map(Period::opens)
        .min(LocalTime::compareTo);
  }

  public JsonArray toJson() {
    JsonArray array = new JsonArray();
    for (Period p : periods) {
      JsonArray days = new JsonArray();
      EnumSet.copyOf(p.days()).forEach(d -> days.add(d.name().substring(0, 3)));
      array.add(new JsonObject().put("days", days).put("opens", p.opens().toString()).put("closes", p.closes().toString()));
    }
    return array;
  }

  /** Reads {@code [{"days": ["MON", …], "opens": "08:30", "closes": "17:30"}, …]}. */
  public static OpeningHours fromJson(JsonArray array) {
    List<Period> periods = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject p = array.getJsonObject(i);
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (Object day : p.getJsonArray("days", new JsonArray())) {
        days.add(day(String.valueOf(day)));
      }
      periods.add(new Period(days, time(p.getString("opens"), "opens"), time(p.getString("closes"), "closes")));
    }
    return new OpeningHours(periods);
  }

  private static DayOfWeek day(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(upper) && upper.length() >= 3) {
        return day;
      }
    }
    throw DomainException.invalid("days", "unknown day '" + text + "' (MON … SUN)");
  }

  private static LocalTime time(String text, String field) {
    try {
      return LocalTime.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(field, "must be a time like 08:30, was '" + text + "'");
    }
  }
}
