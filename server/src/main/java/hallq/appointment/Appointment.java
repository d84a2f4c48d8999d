package hallq.appointment;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A booking of one slot, as anyone outside the database sees it: the citizen's name, ID number and phone
 * masked (张*, 3301**********1234, 138****5678), never in the clear.
 */
public record Appointment(UUID id, String code, String serviceCode, LocalDate day, LocalTime slotStart, LocalTime slotEnd,
    Instant windowOpens, Instant windowCloses, String maskedName, String maskedIdNumber, String maskedPhone, String matter,
    Status status, Instant bookedAt, Instant cancelledAt, Instant checkedInAt, UUID ticketId) {

  /** {@code LATE}: checked in after the window closed, with a walk-in ticket; like a booking never checked in, a no-show. */
  public enum Status { BOOKED, CANCELLED, CHECKED_IN, LATE }

  /** 张*, 欧阳**: the first character only. */
  public static String maskName(String name) {
    int length = name.codePointCount(0, name.length());
    return length <= 1 ? "*" : name.substring(0, name.offsetByCodePoints(0, 1)) + "*".repeat(length - 1);
  }

  /** A booking that was never checked in and whose window has closed counts as a no-show, and shows as one. */
  public boolean noShow(Instant now) {
    return status == Status.LATE || status == Status.BOOKED && now.isAfter(windowCloses);
  }

  /** {@code state}: the status, or NO_SHOW for a booking whose window closed unused. */
  public JsonObject toJson(Instant now) {
    String state = status == Status.BOOKED && noShow(now) ? "NO_SHOW" : status.name();
    return new JsonObject()
        .put("code", code)
        .put("serviceCode", serviceCode)
        .put("date", day.toString())
        .put("slot", slotStart.toString())
        .put("slotEnd", slotEnd.toString())
        .put("checkInFrom", windowOpens.toString())
        .put("checkInUntil", windowCloses.toString())
        .put("name", maskedName)
        .put("idNumber", maskedIdNumber)
        .put("phone", maskedPhone)
        .put("matter", matter)
        .put("status", state)
        .put("bookedAt", bookedAt.toString())
        .put("cancelledAt", cancelledAt == null ? null : cancelledAt.toString())
        .put("checkedInAt", checkedInAt == null ? null : checkedInAt.toString())
        .put("ticketId", ticketId == null ? null : ticketId.toString());
  }
}
