package hallq.appointment;

import hallq.DomainException;
import hallq.rating.WorkingDays;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One service's appointment rule (预约): slots of {@code slotMinutes} from {@code from} until {@code to},
 * each taking {@code capacityPerSlot} bookings; bookable from {@code minDaysAhead} days ahead up to the
 * {@code maxWorkingDaysAhead}th working day; {@code onePerPersonPerDay} booking per person per day;
 * cancellable until {@code cancelHoursBefore} hours before the slot; checked in within
 * {@code graceMinutes} of the slot (before its start to after its end) goes first; {@code noShowLimit}
 * no-shows within {@code noShowWindowDays} days block new bookings for {@code blockDays} days (0: never).
 */
public record AppointmentRule(boolean enabled, LocalTime from, LocalTime to, int slotMinutes, int capacityPerSlot, int minDaysAhead,
    int maxWorkingDaysAhead, boolean onePerPersonPerDay, int cancelHoursBefore, int graceMinutes, int noShowLimit, int noShowWindowDays,
    int blockDays) {

  /** What a service gets when its config names no {@code appointments}, and what a partial one is completed with. */
  public static final AppointmentRule OFF = new AppointmentRule(false, LocalTime.of(9, 0), LocalTime.of(17, 0), 30, 1, 1, 5, true, 2, 10,
      3, 30, 30);

  /** A slot of a day: when it starts and ends. */
  public record Slot(LocalTime start, LocalTime end) {}

  public AppointmentRule {
    if (from == null || to == null) {
      throw DomainException.invalid(from == null ? "from" : "to", "must be a time of day HH:mm");
    }
    range("slotMinutes", slotMinutes, 5, 240);
    if (!from.plusMinutes(slotMinutes).isAfter(from) || from.plusMinutes(slotMinutes).isAfter(to)) {
      throw DomainException.invalid("to", "must leave room for at least one slot of " + slotMinutes + " minutes after 'from' on the same day");
    }
    range("capacityPerSlot", capacityPerSlot, 1, 500);
    range("minDaysAhead", minDaysAhead, 1, 30);
    range("maxWorkingDaysAhead", maxWorkingDaysAhead, 1, 60);
    range("cancelHoursBefore", cancelHoursBefore, 0, 72);
    range("graceMinutes", graceMinutes, 0, 60);
    range("noShowLimit", noShowLimit, 0, 20);
    range("noShowWindowDays", noShowWindowDays, 1, 365);
    range("blockDays", blockDays, 1, 365);
  }

  /** The day's slots, in order: each starts where the last ended; the last ends no later than {@code to}. */
  public List<Slot> slots() {
    List<Slot> slots = new ArrayList<>();
    // The second test stops at midnight: a slot never runs into the next day.
    for (LocalTime start = from; !start.plusMinutes(slotMinutes).isAfter(to) && start.plusMinutes(slotMinutes).isAfter(start);
        start = start.plusMinutes(slotMinutes)) {
      slots.add(new Slot(start, start.plusMinutes(slotMinutes)));
    }
    return slots;
  }

  /** The days a citizen may book on {@code today}: working days from {@code minDaysAhead} days ahead to the last allowed working day. */
  public List<LocalDate> bookableDays(LocalDate today, WorkingDays calendar) {
    List<LocalDate> days = new ArrayList<>();
    LocalDate last = calendar.after(today, maxWorkingDaysAhead);
    for (LocalDate day = today.plusDays(minDaysAhead); !day.isAfter(last); day = day.plusDays(1)) {
      if (calendar.isWorkingDay(day)) {
        days.add(day);
      }
    }
    return days;
  }

  /** Refuses (409, by what is wrong) a day that cannot be booked today. */
  public void requireBookable(LocalDate day, LocalDate today, WorkingDays calendar) {
    if (day.isBefore(today.plusDays(minDaysAhead))) {
      throw DomainException.conflict("BOOKING_TOO_SOON", "date: " + day + " is too soon; book at least " + minDaysAhead
          + " day(s) ahead");
    }
    if (!calendar.isWorkingDay(day)) {
      throw DomainException.conflict("NOT_A_WORKING_DAY", "date: " + day + " is not a working day of the hall");
    }
    if (day.isAfter(calendar.after(today, maxWorkingDaysAhead))) {
      throw DomainException.conflict("BOOKING_TOO_FAR", "date: " + day + " is beyond the next " + maxWorkingDaysAhead + " working days");
    }
  }

  /** The slot starting at {@code start}; 400 naming {@code slot} when there is none. */
  public Slot slot(LocalTime start) {
    return slots().stream().filter(s -> s.start().equals(start)).findFirst()
        .orElseThrow(() -> DomainException.invalid("slot", "no slot starts at " + start + " for this service"));
  }

  /**
   * Until when a person with these no-shows (any order) may not book: {@code noShowLimit} of them within
   * {@code noShowWindowDays} days block until {@code blockDays} after the one that reached the limit;
   * null when nothing blocks (or the limit is 0).
   */
  public Instant blockedUntil(List<Instant> noShows) {
    if (noShowLimit == 0 || noShows.size() < noShowLimit) {
      return null;
    }
    List<Instant> sorted = noShows.stream().sorted().toList();
    Instant until = null;
    for (int i = noShowLimit - 1; i < sorted.size(); i++) {
      Instant reached = sorted.get(i);
      if (Duration.between(sorted.get(i - noShowLimit + 1), reached).compareTo(Duration.ofDays(noShowWindowDays)) <= 0) {
        Instant end = reached.plus(Duration.ofDays(blockDays));
        until = until == null || end.isAfter(until) ? end : until;
      }
    }
    return until;
  }

  /** How far back no-shows matter for {@link #blockedUntil}. */
  public Duration noShowLookBack() {
    return Duration.ofDays((long) noShowWindowDays + blockDays);
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("from", from.toString()).put("to", to.toString())
        .put("slotMinutes", slotMinutes).put("capacityPerSlot", capacityPerSlot).put("minDaysAhead", minDaysAhead)
        .put("maxWorkingDaysAhead", maxWorkingDaysAhead).put("onePerPersonPerDay", onePerPersonPerDay)
        .put("cancelHoursBefore", cancelHoursBefore).put("graceMinutes", graceMinutes).put("noShowLimit", noShowLimit)
        .put("noShowWindowDays", noShowWindowDays).put("blockDays", blockDays);
  }

  /** Reads what {@link #toJson} writes; every field is required, and a wrong one is refused by name. */
  public static AppointmentRule fromJson(JsonObject json) {
    return new AppointmentRule(bool(json, "enabled"), time(json, "from"), time(json, "to"), whole(json, "slotMinutes"),
        whole(json, "capacityPerSlot"), whole(json, "minDaysAhead"), whole(json, "maxWorkingDaysAhead"), bool(json, "onePerPersonPerDay"),
        whole(json, "cancelHoursBefore"), whole(json, "graceMinutes"), whole(json, "noShowLimit"), whole(json, "noShowWindowDays"),
        whole(json, "blockDays"));
  }

  /** A configured rule: the fields given over those of {@link #OFF}. */
  public static AppointmentRule fromConfig(JsonObject given) {
    return fromJson(OFF.toJson().mergeIn(given));
  }

  private static boolean bool(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof Boolean value)) {
      throw DomainException.invalid(field, "is required, true or false");
    }
    return value;
  }

  private static int whole(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof Integer || value instanceof Long) || Math.abs(((Number) value).longValue()) > 100_000) {
      throw DomainException.invalid(field, "is required, a whole number");
    }
    return ((Number) value).intValue();
  }

  private static LocalTime time(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value instanceof String text && text.matches("\\d{2}:\\d{2}")) {
      try {
        return LocalTime.parse(text);
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    throw DomainException.invalid(field, "is required, a time of day HH:mm");
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw DomainException.invalid(field, "must be from " + min + " to " + max);
    }
  }
}
