package hallq.appointment;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.db.PgAppointmentRepository;
import hallq.db.PgAppointmentRepository.NewAppointment;
import hallq.db.PgAppointmentRuleRepository;
import hallq.db.PgEventLog;
import hallq.privacy.PersonalData;
import hallq.sms.TicketContacts;
import hallq.queue.CitizenKey;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import hallq.queue.QueueService;
import hallq.queue.QueueService.Issued;
import hallq.queue.ServiceRuleChange;
import hallq.queue.Ticket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 预约: citizens book a slot of a service on a coming working day and check in at the kiosk (by the
 * booking's code, or by their ID card on the kiosk's reader). Every operation is one transaction; ID
 * numbers, phones and names go into the database only encrypted and come out only masked.
 */
public final class AppointmentService {
  /** Booking codes: 8 characters without look-alikes (0/O, 1/I): 40 random bits, what the QR code and the kiosk scanner carry. */
  private static final String CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final int CODE_LENGTH = 8;
  private static final int MAX_NAME = 30;
  private static final int MAX_MATTER = 100;
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How the citizen checked in; kept in the check-in event so the kiosk that has the reader can show the result. */
  public enum Via { CODE, ID_CARD }

  /** A booking made now, with the secret that lets its owner see and cancel it. */
  public record Booked(Appointment appointment, String key) {}

  /** A check-in: the ticket it issued (an appointment ticket, or a walk-in one when {@code late}). */
  public record CheckedIn(Appointment appointment, Issued issued, boolean late) {}

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final QueueService queue;
  private final TicketContacts contacts;
  private final PgAppointmentRuleRepository rules;
  private final PgEventLog events;

  public AppointmentService(Pool pool, HallqConfig config, HallClock clock, QueueService queue, TicketContacts contacts) {
    this.contacts = contacts;
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.queue = queue;
    this.rules = new PgAppointmentRuleRepository(config.hall().id());
    this.events = new PgEventLog(config.hall().id());
  }

  private PgAppointmentRepository appointments() {
    return new PgAppointmentRepository(config.hall().id(), config.privacy().require());
  }

  /** The rule and the bookable days with each slot's free places, of every service that takes appointments (or of one). */
  public Future<JsonObject> slots(String serviceCode) {
    if (serviceCode != null && config.serviceType(serviceCode).isEmpty()) {
      throw DomainException.invalid("serviceCode", "unknown service type '" + serviceCode + "'");
    }
    LocalDate today = clock.today();
    return pool.withConnection(sql -> rules.all(sql).compose(all -> {
      LocalDate last = all.values().stream().map(r -> config.followUp().calendar().after(today, r.maxWorkingDaysAhead()))
          .max(LocalDate::compareTo).orElse(today);
      return new PgAppointmentRepository(config.hall().id(), null).takenBySlot(sql, today, last).map(taken -> {
        JsonArray services = new JsonArray();
        all.forEach((code, rule) -> {
          if (rule.enabled() && (serviceCode == null || serviceCode.equals(code))) {
            services.add(new JsonObject().put("serviceCode", code).put("rule", rule.toJson()).put("days", days(code, rule, today, taken)));
          }
        });
        return new JsonObject().put("today", today.toString()).put("services", services);
      });
    }));
  }

  private JsonArray days(String serviceCode, AppointmentRule rule, LocalDate today, Map<String, Long> taken) {
    JsonArray days = new JsonArray();
    for (LocalDate day : rule.bookableDays(today, config.followUp().calendar())) {
      JsonArray slots = new JsonArray();
      for (AppointmentRule.Slot slot : rule.slots()) {
        long used = taken.getOrDefault(PgAppointmentRepository.slotKey(serviceCode, day, slot.start()), 0L);
        slots.add(new JsonObject().put("start", slot.start().toString()).put("end", slot.end().toString())
            .put("capacity", rule.capacityPerSlot()).put("available", Math.max(0, rule.capacityPerSlot() - used)));
      }
      days.add(new JsonObject().put("date", day.toString()).put("slots", slots));
    }
    return days;
  }

  /**
   * Books a slot: the day bookable under the service's rule, the person not blocked by no-shows nor booked
   * that day already (one per person per day), the slot not full. The person's bookings, then the slot's,
   * are serialised by transaction-scoped advisory locks, so parallel requests never overbook.
   */
  public Future<Booked> book(JsonObject body) {
    PersonalData personal = config.privacy().require();
    String name = name(body.getString("name"));
    String idNumber = PersonalData.idNumber("idNumber", body.getString("idNumber"));
    String phone = PersonalData.mobile("phone", body.getString("phone"));
    String serviceCode = body.getString("serviceCode");
    ServiceTypeConfig service = config.serviceType(serviceCode)
        .orElseThrow(() -> DomainException.invalid("serviceCode", "unknown service type '" + serviceCode + "'"));
    LocalDate day = date("date", body.getString("date"));
    LocalTime start = slotTime(body.getString("slot"));
    String matter = optionalText("matter", body.getString("matter"), MAX_MATTER);
    byte[] person = personal.lookupHash(idNumber);
    PgAppointmentRepository appointments = appointments();
    return pool.withTransaction(sql -> rules.current(sql, service.code()).compose(found -> {
      AppointmentRule rule = enabled(service, found);
      AppointmentRule.Slot slot = rule.slot(start);
      rule.requireBookable(day, clock.today(), config.followUp().calendar());
      Instant now = clock.now();
      return appointments.lockPerson(sql, person)
          .compose(v -> appointments.noShowsOfPerson(sql, person, now.minus(rule.noShowLookBack()), now))
          .compose(noShows -> {
            Instant blockedUntil = rule.blockedUntil(noShows);
            if (blockedUntil != null && now.isBefore(blockedUntil)) {
              throw DomainException.conflict("BOOKING_BLOCKED", rule.noShowLimit() + " missed appointments within " + rule.noShowWindowDays()
                  + " days: no new booking before " + localDay(blockedUntil));
            }
            return rule.onePerPersonPerDay() ? appointments.takenByPersonOnDay(sql, person, day) : Future.succeededFuture(0L);
          })
          .compose(already -> {
            if (already > 0) {
              throw DomainException.conflict("ALREADY_BOOKED_THAT_DAY", "date: this person already has an appointment on " + day);
            }
            return appointments.lockSlot(sql, service.code(), day, start).compose(v -> appointments.takenInSlot(sql, service.code(), day, start));
          })
          .compose(taken -> {
            if (taken >= rule.capacityPerSlot()) {
              throw DomainException.conflict("SLOT_FULL", "slot: " + day + " " + start + " of " + service.code() + " is fully booked");
            }
            ZonedDateTime slotStart = day.atTime(slot.start()).atZone(config.hall().timeZone());
            ZonedDateTime slotEnd = day.atTime(slot.end()).atZone(config.hall().timeZone());
            Duration grace = Duration.ofMinutes(rule.graceMinutes());
            NewAppointment booking = new NewAppointment(UUID.randomUUID(), newCode(), CitizenKey.create(), service.code(), day, slot.start(),
                slot.end(), slotStart.toInstant().minus(grace), slotEnd.toInstant().plus(grace), name, idNumber, phone, matter, now);
            return appointments.insert(sql, booking)
                .compose(v -> appointments.find(sql, booking.code()))
                .map(saved -> new Booked(saved.orElseThrow(), booking.ownerKey()));
          });
    }));
  }

  /** The owner's view of a booking, with the key they got when booking. */
  public Future<Appointment> view(String code, String key) {
    PgAppointmentRepository appointments = appointments();
    return pool.withConnection(sql -> owned(sql, appointments, code, key).compose(v -> appointments.find(sql, code)))
        .map(found -> found.orElseThrow(() -> notFound(code)));
  }

  /** The owner cancels until {@code cancelHoursBefore} hours before the slot (the service's rule as it is now). */
  public Future<Appointment> cancel(String code, String key) {
    PgAppointmentRepository appointments = appointments();
    return pool.withTransaction(sql -> owned(sql, appointments, code, key)
        .compose(v -> appointments.lock(sql, code))
        .map(found -> found.orElseThrow(() -> notFound(code)))
        .compose(booking -> rules.current(sql, booking.serviceCode()).compose(rule -> {
          if (booking.status() != Appointment.Status.BOOKED) {
            throw DomainException.conflict("NOT_CANCELLABLE", "appointment " + code + " is " + booking.status());
          }
          Instant cutoff = booking.day().atTime(booking.slotStart()).atZone(config.hall().timeZone()).toInstant()
              .minus(Duration.ofHours(rule.orElse(AppointmentRule.OFF).cancelHoursBefore()));
          if (clock.now().isAfter(cutoff)) {
            throw DomainException.conflict("CANCEL_TOO_LATE", "appointment " + code + " could be cancelled until " + localTime(cutoff));
          }
          return appointments.cancel(sql, booking.id(), clock.now()).compose(v -> appointments.find(sql, code));
        })))
        .map(Optional::orElseThrow);
  }

  /** Checks the owner's key of a booking (403 otherwise, in constant time; 404 for no such booking). */
  private static Future<Void> owned(SqlConnection sql, PgAppointmentRepository appointments, String code, String key) {
    return appointments.ownerKey(sql, code).map(stored -> {
      if (stored.isEmpty()) {
        throw notFound(code);
      }
      if (!CitizenKey.matches(stored, key)) {
        throw DomainException.forbidden("WRONG_APPOINTMENT_KEY", "the Appointment-Key does not belong to appointment " + code);
      }
      return null;
    });
  }

  /** A day's appointments, masked, for managers. */
  public Future<List<Appointment>> ofDay(LocalDate day, String serviceCode) {
    if (serviceCode != null && config.serviceType(serviceCode).isEmpty()) {
      throw DomainException.invalid("serviceCode", "unknown service type '" + serviceCode + "'");
    }
    PgAppointmentRepository appointments = appointments();
    return pool.withConnection(sql -> appointments.ofDay(sql, day, serviceCode));
  }

  /** Check-in at a kiosk by the booking's code (its QR code, read by the kiosk's scanner). */
  public Future<CheckedIn> checkInByCode(String code, String kioskId) {
    PgAppointmentRepository appointments = appointments();
    return pool.withTransaction(sql -> appointments.lock(sql, code)
        .map(found -> found.orElseThrow(() -> notFound(code)))
        .compose(booking -> checkIn(sql, appointments, booking, kioskId, Via.CODE)));
  }

  /**
   * Check-in by the ID card on a kiosk's reader: today's booking of that person (found by the keyed hash),
   * the first still to check in. A refusal is also an event for that kiosk, so its screen can say why.
   */
  public Future<CheckedIn> checkInByIdCard(String idNumber, String kioskId) {
    PersonalData personal = config.privacy().require();
    String id = PersonalData.idNumber("idNumber", idNumber);
    PgAppointmentRepository appointments = appointments();
    Future<CheckedIn> checkedIn = pool.withTransaction(sql -> appointments.lockOfPersonOnDay(sql, personal.lookupHash(id), clock.today())
        .compose(today -> {
          if (today.isEmpty()) {
            throw DomainException.notFound("APPOINTMENT_NOT_FOUND", "no appointment today for ID number " + PersonalData.maskIdNumber(id));
          }
          return checkIn(sql, appointments, today.get(0), kioskId, Via.ID_CARD);
        }));
    return checkedIn.recover(failure -> failure instanceof DomainException refused
        ? pool.withTransaction(sql -> events.append(sql, EventType.APPOINTMENT_CHECK_IN_REFUSED, null, null, kioskId, clock.now(),
            new JsonObject().put("via", Via.ID_CARD.name()).put("code", refused.code()).put("idNumber", PersonalData.maskIdNumber(id))))
            .compose(v -> Future.failedFuture(failure))
        : Future.failedFuture(failure));
  }

  /**
   * Before the window: refused (the citizen is told when it opens; a walk-in ticket now would lose the
   * appointment). Within it: an appointment ticket, called first. After it: a walk-in ticket, and the
   * booking counts as a no-show.
   */
  private Future<CheckedIn> checkIn(SqlConnection sql, PgAppointmentRepository appointments, Appointment booking, String kioskId, Via via) {
    Instant now = clock.now();
    String code = booking.code();
    if (!booking.day().equals(clock.today())) {
      throw DomainException.conflict("NOT_TODAY", "appointment " + code + " is for " + booking.day());
    }
    switch (booking.status()) {
      case CANCELLED -> throw DomainException.conflict("APPOINTMENT_CANCELLED", "appointment " + code + " was cancelled");
      case CHECKED_IN, LATE -> throw DomainException.conflict("ALREADY_CHECKED_IN", "appointment " + code + " was checked in already");
      default -> { }
    }
    if (now.isBefore(booking.windowOpens())) {
      throw DomainException.conflict("TOO_EARLY", "appointment " + code + " (" + booking.slotStart() + ") checks in from "
          + localTime(booking.windowOpens()));
    }
    boolean late = now.isAfter(booking.windowCloses());
    ServiceTypeConfig service = config.serviceType(booking.serviceCode()).orElseThrow();
    return queue.issueIn(sql, service, late ? null : Ticket.APPOINTMENT, kioskId).compose(issued -> {
      Ticket ticket = issued.ticket();
      Appointment.Status status = late ? Appointment.Status.LATE : Appointment.Status.CHECKED_IN;
      Future<Void> marked = appointments.checkIn(sql, booking.id(), status, now, ticket.id());
      Future<Long> logged = events.append(sql, EventType.APPOINTMENT_CHECKED_IN, ticket.id(), null, kioskId, now,
          ticket.eventFields().put("appointment", code).put("via", via.name()).put("late", late));
      // The number given when booking gets the ticket's reminders (到号提醒), as if left at the kiosk.
      Future<Void> reminders = appointments.phone(sql, booking.id()).compose(phone -> contacts.attach(sql, ticket, phone, "appointment"));
      return Future.all(marked, logged, reminders)
          .compose(v -> appointments.find(sql, code))
          .map(saved -> new CheckedIn(saved.orElseThrow(), issued, late));
    });
  }

  /** A manager changes a service's appointment rule; the change is audited. Bookings made keep the window they were given. */
  public Future<JsonObject> setRule(String serviceCode, JsonObject given, String by) {
    return ServiceRuleChange.apply(pool, config, clock, rules, serviceCode, () -> AppointmentRule.fromJson(given), by)
        .map(rule -> new JsonObject().put("serviceCode", serviceCode).put("rule", rule.toJson()));
  }

  public Instant now() {
    return clock.now();
  }

  /** A calendar day yyyy-MM-dd; 400 naming {@code field} otherwise. */
  public static LocalDate date(String field, String given) {
    try {
      return LocalDate.parse(given == null ? "" : given);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(field, "must be a date yyyy-MM-dd");
    }
  }

  private static LocalTime slotTime(String given) {
    try {
      return LocalTime.parse(given == null ? "" : given);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid("slot", "must be the slot's start time HH:mm");
    }
  }

  private static AppointmentRule enabled(ServiceTypeConfig service, Optional<AppointmentRule> found) {
    AppointmentRule rule = found.orElse(AppointmentRule.OFF);
    if (!rule.enabled()) {
      throw DomainException.conflict("APPOINTMENTS_OFF", "serviceCode: " + service.code() + " takes no appointments");
    }
    return rule;
  }

  private static String name(String given) {
    String name = given == null ? "" : given.strip();
    if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalid("name", "is required, 1 to " + MAX_NAME + " characters");
    }
    return name;
  }

  private static String optionalText(String field, String given, int max) {
    String text = given == null ? "" : given.strip();
    if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalid(field, "must be at most " + max + " characters");
    }
    return text.isEmpty() ? null : text;
  }

  private static String newCode() {
    StringBuilder code = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  private String localTime(Instant at) {
    return CLOCK_TIME.format(at.atZone(config.hall().timeZone()));
  }

  private LocalDate localDay(Instant at) {
    return at.atZone(config.hall().timeZone()).toLocalDate();
  }

  private static DomainException notFound(String code) {
    return DomainException.notFound("APPOINTMENT_NOT_FOUND", "no appointment " + code);
  }
}
