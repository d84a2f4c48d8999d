package hallq.http;

import hallq.DomainException;
import hallq.bridge.idcard.CardHolder;
import hallq.bridge.pad.Key;
import hallq.bridge.pad.RatingReason;
import hallq.bridge.pad.Score;
import hallq.bridge.sim.PrintedTicket;
import hallq.bridge.sim.SimulatedDevices;
import hallq.demo.DemoDevices;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * The demo's device page API ({@code /demo/api/devices}): what each simulated device is doing, and
 * the hands of a citizen or technician — press a pad or keypad key, run a printer out of paper, lay an
 * ID card on a kiosk's reader and take it away, pull a cable. Only mounted with
 * {@code demo.simulatedDevices}; no sign-in, because it drives simulators only. Not part of the HallQ
 * API contract.
 */
final class DemoApi {
  private static final String BASE = "/demo/api/devices";
  private static final int QR_PIXELS_PER_MODULE = 4;

  private final Vertx vertx;
  private final DemoDevices demo;
  private final ErrorReplies errors;

  DemoApi(Vertx vertx, DemoDevices demo, ErrorReplies errors) {
    this.vertx = vertx;
    this.demo = demo;
    this.errors = errors;
  }

  void mount(Router router) {
    route(router.get(BASE), this::list);
    route(router.post(BASE + "/:deviceId/press"), this::press);
    route(router.post(BASE + "/:deviceId/paper"), this::paper);
    route(router.post(BASE + "/:deviceId/unplug"), ctx -> blocking(ctx, () -> {
      devices().wire(ctx.pathParam("deviceId")).unplug();
      return devices().toJson();
    }));
    route(router.post(BASE + "/:deviceId/plug"), ctx -> blocking(ctx, () -> {
      var wire = devices().wire(ctx.pathParam("deviceId"));
      if (!wire.isPlugged()) {
        wire.plug();
      }
      return devices().toJson();
    }));
    route(router.get(BASE + "/:deviceId/tickets/:index/qr.png"), this::qr);
    route(router.post(BASE + "/:deviceId/place-card"), this::placeCard);
    route(router.post(BASE + "/:deviceId/remove-card"), ctx -> {
      devices().idCardReader(ctx.pathParam("deviceId")).remove();
      ctx.json(devices().toJson());
    });
  }

  private void route(io.vertx.ext.web.Route route, Handler<RoutingContext> handler) {
    route.handler(ctx -> {
      try {
        handler.handle(ctx);
      } catch (NoSuchElementException e) {
        ctx.fail(DomainException.notFound("DEVICE_NOT_FOUND", "deviceId: " + e.getMessage()));
      }
    }).failureHandler(errors);
  }

  private void list(RoutingContext ctx) {
    ctx.json(devices().toJson());
  }

  /** A pad key {@code {"score": 1..5, "reason": "POOR_ATTITUDE"}} or a keypad key {@code {"key": "CALL_NEXT"}}. */
  private void press(RoutingContext ctx) {
    String id = ctx.pathParam("deviceId");
    JsonObject body = body(ctx);
    if (body.containsKey("key")) {
      devices().keypad(id).press(choice(Key.class, body.getValue("key"), "key"));
      ctx.json(new JsonObject().put("pressed", true));
      return;
    }
    Object scoreValue = body.getValue("score");
    Score score = scoreValue instanceof Integer n ? Score.fromWire(n).orElse(null) : null;
    if (score == null) {
      throw DomainException.invalid("score", "must be 1..5 (or send a keypad \"key\")");
    }
    RatingReason reason = body.getValue("reason") == null ? RatingReason.NONE : choice(RatingReason.class, body.getValue("reason"), "reason");
    ctx.json(new JsonObject().put("pressed", devices().pad(id).press(score, reason)));
  }

  private void paper(RoutingContext ctx) {
    Object out = body(ctx).getValue("out");
    if (!(out instanceof Boolean paperOut)) {
      throw DomainException.invalid("out", "must be true or false");
    }
    devices().printer(ctx.pathParam("deviceId")).paperOut(paperOut);
    ctx.json(devices().toJson());
  }

  /** A citizen lays an ID card {@code {"idNumber": "…", "name": "…"}} on a kiosk's reader. */
  private void placeCard(RoutingContext ctx) {
    JsonObject body = body(ctx);
    CardHolder holder;
    try {
      holder = new CardHolder(String.valueOf(body.getValue("idNumber")), String.valueOf(body.getValue("name", "")));
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().contains("ID number") ? "idNumber" : "name";
      throw DomainException.invalid(field, field.equals("idNumber") ? "must be 17 digits and a digit or X" : "must not be empty");
    }
    devices().idCardReader(ctx.pathParam("deviceId")).place(holder);
    ctx.json(devices().toJson());
  }

  /** The QR code a printed ticket carries, drawn again from its payload. */
  private void qr(RoutingContext ctx) {
    List<PrintedTicket> printed = devices().printer(ctx.pathParam("deviceId")).printed();
    int index;
    try {
      index = Integer.parseInt(ctx.pathParam("index"));
    } catch (NumberFormatException e) {
      throw DomainException.invalid("index", "must be a whole number");
    }
    if (index < 0 || index >= printed.size() || printed.get(index).qrPayloads().isEmpty()) {
      throw DomainException.notFound("TICKET_NOT_FOUND", "index: no printed ticket " + index + " with a QR code");
    }
    String payload = printed.get(index).qrPayloads().get(0);
    vertx.executeBlocking(() -> QrPng.render(payload, QR_PIXELS_PER_MODULE), false)
        .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  private void blocking(RoutingContext ctx, Callable<JsonObject> work) {
    devices();
    vertx.executeBlocking(work, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private SimulatedDevices devices() {
    return demo.devices().orElseThrow(() -> DomainException.notFound("NO_SIMULATED_DEVICES",
        "this server runs no simulated devices (demo.simulatedDevices is off)"));
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw DomainException.invalid("body", "send a JSON object");
      }
      return body;
    } catch (io.vertx.core.json.DecodeException e) {
      throw DomainException.invalid("body", "not valid JSON");
    }
  }

  private static <E extends Enum<E>> E choice(Class<E> type, Object value, String field) {
    try {
      return Enum.valueOf(type, String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid(field, "must be one of " + List.of(type.getEnumConstants()));
    }
  }
}
