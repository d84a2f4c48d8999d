package hallq.queue;

import hallq.DomainException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * A numbered ticket and its timestamps. The transition methods return the changed ticket or throw
 * a conflict naming the ticket and the state it is in; they never touch storage.
 */
public record Ticket(
    UUID id,
    String serviceCode,
    LocalDate serviceDay,
    int seq,
    String number,
    String priority,
    TicketStatus status,
    Integer counterNo,
    Instant issuedAt,
    Instant queuedAt,
    Instant rankAt,
    Instant calledAt,
    Instant startedAt,
    Instant endedAt,
    int recallCount,
    int requeueCount,
    UUID transferredFrom,
    String closedReason,
    Instant parkedAt) {

  /**
   * The priority of a ticket a booked citizen got by checking in within the appointment's window: it
   * queues with the 绿色通道 tickets, and goes first under a RATIO rule too ({@link CallPolicy}).
   */
  public static final String APPOINTMENT = "APPOINTMENT";

  public static Ticket issue(String serviceCode, String prefix, LocalDate day, int seq, String priority, Instant now) {
    return new Ticket(UUID.randomUUID(), serviceCode, day, seq, number(prefix, seq), priority, TicketStatus.WAITING,
        null, now, now, now, null, null, null, 0, 0, null, null, null);
  }

  /** A001 … A999, then A1000: the number the citizen holds and the hall display shows. */
  public static String number(String prefix, int seq) {
    return prefix + String.format("%03d", seq);
  }

  public Ticket call(int counter, Instant now) {
    require("call", TicketStatus.WAITING);
    return with(TicketStatus.CALLED, counter, now, null, null, recallCount, requeueCount, queuedAt, rankAt);
  }

  public Ticket recall() {
    require("recall", TicketStatus.CALLED);
    return with(status, counterNo, calledAt, startedAt, endedAt, recallCount + 1, requeueCount, queuedAt, rankAt);
  }

  /** Whether a recall now would go past the hall's recall limit (null: none), making the ticket a no-show instead. */
  public boolean recallsUsedUp(Integer recallLimit) {
    return recallLimit != null && recallCount >= recallLimit;
  }

  /**
   * 挂起: the citizen went to fetch a missing document. The ticket leaves its counter but keeps its place
   * and its first call (the wait is not counted again); handling starts again when it is called back.
   */
  public Ticket park(Instant now) {
    require("park", TicketStatus.CALLED, TicketStatus.SERVING);
    return new Ticket(id, serviceCode, serviceDay, seq, number, priority, TicketStatus.PARKED, counterNo, issuedAt, queuedAt, rankAt,
        calledAt, null, null, recallCount, requeueCount, transferredFrom, closedReason, now);
  }

  /** A parked ticket called back to {@code counter}, at any counter of its service, within {@code limit} of parking. */
  public Ticket callBack(int counter, Instant now, Duration limit) {
    require("call back", TicketStatus.PARKED);
    if (now.isAfter(parkedAt.plus(limit))) {
      throw DomainException.conflict("PARK_EXPIRED", "ticket " + number + " was parked at " + parkedAt + "; it could be called back for "
          + limit.toMinutes() + " minutes");
    }
    return with(TicketStatus.CALLED, counter, calledAt, null, null, recallCount, requeueCount, queuedAt, rankAt);
  }

  public Ticket markNoShow(Instant now) {
    require("mark as no-show", TicketStatus.CALLED);
    return with(TicketStatus.NO_SHOW, counterNo, calledAt, null, now, recallCount, requeueCount, queuedAt, rankAt);
  }

  /** A late citizen back in the queue at the back, with the wait counted from now. */
  public Ticket requeue(Instant now, int limit) {
    return requeue(now, limit, now);
  }

  /** A late citizen back in the queue at {@code rank} (过号重排: the hall's rule places them), the wait counted from now. */
  public Ticket requeue(Instant now, int limit, Instant rank) {
    require("requeue", TicketStatus.NO_SHOW);
    if (requeueCount >= limit) {
      throw DomainException.conflict("REQUEUE_LIMIT",
          "ticket " + number + " was put back " + requeueCount + " time(s); the hall allows " + limit);
    }
    return with(TicketStatus.WAITING, null, null, null, null, recallCount, requeueCount + 1, now, rank);
  }

  public Ticket start(Instant now) {
    require("start service for", TicketStatus.CALLED);
    return with(TicketStatus.SERVING, counterNo, calledAt, now, null, recallCount, requeueCount, queuedAt, rankAt);
  }

  public Ticket finish(Instant now) {
    require("finish", TicketStatus.SERVING);
    return with(TicketStatus.FINISHED, counterNo, calledAt, startedAt, now, recallCount, requeueCount, queuedAt, rankAt);
  }

  public Ticket transferOut(Instant now) {
    require("transfer", TicketStatus.SERVING);
    return with(TicketStatus.TRANSFERRED, counterNo, calledAt, startedAt, now, recallCount, requeueCount, queuedAt, rankAt);
  }

  /**
   * The ticket that waits for the next service: same number and arrival time (the citizen's total
   * stay runs on), placed in the new queue by that arrival time rather than at its back.
   */
  public Ticket transferredTo(String newServiceCode, Instant now) {
    return new Ticket(UUID.randomUUID(), newServiceCode, serviceDay, seq, number, priority, TicketStatus.WAITING,
        null, issuedAt, now, issuedAt, null, null, null, 0, 0, id, null, null);
  }

  public Ticket cancel(Instant now) {
    require("cancel", TicketStatus.WAITING, TicketStatus.CALLED);
    return with(TicketStatus.CANCELLED, counterNo, calledAt, startedAt, now, recallCount, requeueCount, queuedAt, rankAt);
  }

  /** Issued (or queued again) to called; null until called. */
  public Duration waitTime() {
    return calledAt == null ? null : Duration.between(queuedAt, calledAt);
  }

  /** Started to finished (or transferred); null until then. */
  public Duration serviceTime() {
    return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt);
  }

  /** What every event of this ticket carries, so a display can update without reading the ticket. */
  public JsonObject eventFields() {
    return new JsonObject()
        .put("number", number)
        .put("serviceCode", serviceCode)
        .put("serviceDay", serviceDay.toString())
        .put("status", status.name())
        .put("priority", priority);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("number", number)
        .put("serviceCode", serviceCode)
        .put("serviceDay", serviceDay.toString())
        .put("priority", priority)
        .put("status", status.name())
        .put("counterNo", counterNo)
        .put("issuedAt", text(issuedAt))
        .put("queuedAt", text(queuedAt))
        .put("calledAt", text(calledAt))
        .put("startedAt", text(startedAt))
        .put("endedAt", text(endedAt))
        .put("waitSeconds", seconds(waitTime()))
        .put("serviceSeconds", seconds(serviceTime()))
        .put("recallCount", recallCount)
        .put("requeueCount", requeueCount)
        .put("transferredFrom", transferredFrom == null ? null : transferredFrom.toString())
        .put("closedReason", closedReason)
        .put("parkedAt", text(parkedAt));
  }

  private void require(String action, TicketStatus... allowed) {
    if (!Arrays.asList(allowed).contains(status)) {
      throw DomainException.conflict("INVALID_TRANSITION",
          "cannot " + action + " ticket " + number + ": it is " + status + ", must be " + Arrays.toString(allowed));
    }
  }

  private Ticket with(TicketStatus newStatus, Integer counter, Instant called, Instant started, Instant ended,
      int recalls, int requeues, Instant queued, Instant rank) {
    return new Ticket(id, serviceCode, serviceDay, seq, number, priority, newStatus, counter, issuedAt, queued, rank,
        called, started, ended, recalls, requeues, transferredFrom, closedReason, null);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }
}
