package hallq.http;

import hallq.DomainException;
import hallq.appointment.Appointment;
import hallq.appointment.AppointmentService;
import hallq.appointment.AppointmentService.CheckedIn;
import hallq.auth.Principal;
import hallq.config.HallqConfig;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.config.HallqConfig.DeviceType;
import hallq.privacy.PersonalData;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 预约: slots and booking (public), the owner's view and cancel (Appointment-Key), check-in at the kiosk and by ID card, the manager's list and rule. */
final class AppointmentApi {
  private static final Logger LOG = LoggerFactory.getLogger(AppointmentApi.class);
  static final String APPOINTMENT_KEY = "Appointment-Key";

  private final Vertx vertx;
  private final HallqConfig config;
  private final AppointmentService appointments;

  AppointmentApi(Vertx vertx, HallqConfig config, AppointmentService appointments) {
    this.vertx = vertx;
    this.config = config;
    this.appointments = appointments;
  }

  void listAppointmentSlots(RoutingContext ctx) {
    Replies.json(ctx, appointments.slots(ctx.queryParams().get("serviceCode")));
  }

  void bookAppointment(RoutingContext ctx) {
    Replies.json(ctx, 201, appointments.book(ctx.body().asJsonObject())
        .map(booked -> new JsonObject().put("appointment", booked.appointment().toJson(appointments.now())).put("key", booked.key())));
  }

  void getAppointment(RoutingContext ctx) {
    Replies.json(ctx, appointments.view(code(ctx), ctx.request().getHeader(APPOINTMENT_KEY)).map(this::toJson));
  }

  void cancelAppointment(RoutingContext ctx) {
    Replies.json(ctx, appointments.cancel(code(ctx), ctx.request().getHeader(APPOINTMENT_KEY)).map(this::toJson));
  }

  /** The QR code holds the booking code alone: the kiosk's scanner types it into the 预约签到 field. */
  void getAppointmentQr(RoutingContext ctx) {
    QrPng.reply(vertx, ctx, appointments.view(code(ctx), ctx.queryParams().get("key")).map(Appointment::code));
  }

  void listAppointments(RoutingContext ctx) {
    Access.manager(ctx);
    LocalDate day = AppointmentService.date("date", ctx.queryParams().get("date"));
    Replies.json(ctx, appointments.ofDay(day, ctx.queryParams().get("serviceCode")).map(this::toJson));
  }

  void checkInAppointment(RoutingContext ctx) {
    Principal kiosk = Access.kiosk(ctx);
    Replies.json(ctx, 201, appointments.checkInByCode(ctx.body().asJsonObject().getString("code"), kiosk.name()).map(this::checkedIn));
  }

  /** The ID card reader of a kiosk this bridge drives; the card's name is not kept (the booking has it, encrypted). */
  void checkInByIdCard(RoutingContext ctx) {
    Principal caller = Access.caller(ctx);
    if (!caller.is(DeviceType.BRIDGE)) {
      throw DomainException.forbidden("FORBIDDEN", "only a bridge does this");
    }
    DeviceConfig bridge = config.device(caller.name()).orElseThrow();
    JsonObject body = ctx.body().asJsonObject();
    String kioskId = body.getString("kioskId");
    if (!bridge.serves(kioskId)) {
      throw DomainException.forbidden("FORBIDDEN", "bridge " + bridge.id() + " does not drive kiosk " + kioskId);
    }
    String idNumber = body.getString("idNumber");
    Replies.json(ctx, 201, appointments.checkInByIdCard(idNumber, kioskId)
        .onSuccess(done -> LOG.info("ID card check-in at {} ({}): appointment {} of {}, ticket {}{}", kioskId, body.getString("deviceId"),
            done.appointment().code(), done.appointment().maskedIdNumber(), done.issued().ticket().number(), done.late() ? " (late)" : ""))
        .onFailure(e -> LOG.info("ID card check-in at {} refused for {}: {}", kioskId, masked(idNumber), e.getMessage()))
        .map(this::checkedIn));
  }

  void setAppointmentRule(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, appointments.setRule(ctx.pathParam("serviceCode"), ctx.body().asJsonObject(), by.name()));
  }

  private JsonObject checkedIn(CheckedIn done) {
    return TicketApi.issuedJson(done.issued(), config.http().publicBaseUrl())
        .put("appointment", done.appointment().toJson(appointments.now()))
        .put("late", done.late());
  }

  private JsonObject toJson(Appointment appointment) {
    return new JsonObject().put("appointment", appointment.toJson(appointments.now()));
  }

  private JsonObject toJson(List<Appointment> day) {
    return new JsonObject().put("appointments", new JsonArray(day.stream().map(a -> a.toJson(appointments.now())).toList()));
  }

  /** Whatever the reader sent, only ever logged masked. */
  private static String masked(String idNumber) {
    return idNumber == null ? "-" : PersonalData.maskIdNumber(idNumber);
  }

  private static String code(RoutingContext ctx) {
    return ctx.pathParam("code");
  }
}
