package hallq.http;

import hallq.DomainException;
import hallq.auth.AuthService;
import hallq.auth.Principal;
import hallq.config.HallqConfig;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.config.HallqConfig.DeviceType;
import hallq.device.DeviceJob;
import hallq.db.PgDeviceRepository.BridgeDevice;
import hallq.device.DeviceJobService;
import hallq.device.DeviceStatusService;
import hallq.device.JobOutcome;
import hallq.push.PushAddresses;
import hallq.queue.CounterState;
import hallq.queue.QueueService;
import hallq.queue.Ticket;
import hallq.rating.Rating;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a kiosk-firmware-bridge talks to: its device jobs (a stream, and their outcomes), pad ratings,
 * keypad keys, and the state of its serial devices.
 */
final class BridgeApi {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeApi.class);
  /** Shown by the keypad in its own font as 无人等候 (PAD-PROTOCOL.md). */
  static final String NO_ONE_WAITING = "NONE";
  static final String PAUSED = "PAUSE";

  private final Vertx vertx;
  private final HallqConfig config;
  private final AuthService auth;
  private final QueueService queue;
  private final DeviceJobService jobs;
  private final DeviceStatusService deviceStatus;

  BridgeApi(Vertx vertx, HallqConfig config, AuthService auth, QueueService queue, DeviceJobService jobs,
      DeviceStatusService deviceStatus) {
    this.vertx = vertx;
    this.config = config;
    this.auth = auth;
    this.queue = queue;
    this.jobs = jobs;
    this.deviceStatus = deviceStatus;
  }

  void streamBridgeJobs(RoutingContext ctx) {
    DeviceConfig bridge = bridge(ctx);
    MessageConsumer<JsonObject> wake = vertx.eventBus().localConsumer(PushAddresses.QUEUE_EVENTS);
    SseStream stream = SseStream.open(ctx, vertx, auth, config.push().heartbeatSeconds(), wake::unregister);
    JobPump pump = new JobPump(stream, bridge);
    wake.handler(message -> pump.poke());
    wake.completion().onSuccess(v -> pump.poke()).onFailure(e -> stream.cut());
  }

  void reportJobOutcome(RoutingContext ctx) {
    DeviceConfig bridge = bridge(ctx);
    JobOutcome outcome = JobOutcome.valueOf(ctx.body().asJsonObject().getString("outcome"));
    Replies.json(ctx, jobs.complete(bridge, jobId(ctx), outcome).map(DeviceJob::toJson));
  }

  void rateFromPad(RoutingContext ctx) {
    DeviceConfig bridge = bridge(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String reason = body.getString("reason");
    Replies.json(ctx, jobs.rateFromPad(bridge, jobId(ctx), body.getInteger("score"), reason)
        .map(Rating::toJson));
  }

  /** A keypad key acts for the clerk signed in at its counter; a counter nobody signed in to does nothing. */
  void pressKeypadKey(RoutingContext ctx) {
    DeviceConfig bridge = bridge(ctx);
    int counterNo = Replies.counterNo(ctx);
    if (!bridge.serves(counterNo)) {
      throw DomainException.forbidden("FORBIDDEN", "bridge " + bridge.id() + " does not drive counter " + counterNo);
    }
    String key = ctx.body().asJsonObject().getString("key");
    Replies.json(ctx, auth.clerkAt(counterNo)
        .map(clerk -> clerk.orElseThrow(() -> DomainException.conflict("NO_CLERK_SIGNED_IN",
            "no clerk is signed in at counter " + counterNo + "; sign in on the counter console first")))
        .compose(clerk -> press(counterNo, key, clerk))
        .map(display -> new JsonObject().put("counterNo", counterNo).put("key", key).put("display", display)));
  }

  void reportBridgeDevice(RoutingContext ctx) {
    DeviceConfig bridge = bridge(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String kioskId = body.getString("kioskId");
    Integer counterNo = body.getInteger("counterNo");
    if (kioskId != null && !bridge.serves(kioskId) || counterNo != null && !bridge.serves(counterNo)) {
      throw DomainException.forbidden("FORBIDDEN", "bridge " + bridge.id() + " does not drive " + (kioskId != null ? "kiosk " + kioskId : "counter " + counterNo));
    }
    Replies.json(ctx, deviceStatus.reportBridgeDevice(bridge.id(), ctx.pathParam("deviceId"), body.getString("kind"), kioskId,
        counterNo, body.getBoolean("online"), body.getString("detail")).map(BridgeDevice::toJson));
  }

  /** What the keypad's display shows after the key: the ticket the counter holds, NONE, PAUSE or nothing. */
  private Future<String> press(int counterNo, String key, String clerk) {
    return switch (key) {
      case "CALL_NEXT" -> queue.callNext(counterNo, clerk).map(state -> state.ticket() == null ? NO_ONE_WAITING : state.ticket().number());
      case "RECALL" -> queue.recall(counterNo, clerk).map(Ticket::number);
      case "NO_SHOW" -> queue.markNoShow(counterNo, clerk).map(t -> "");
      case "START" -> queue.startService(counterNo, clerk).map(Ticket::number);
      // The keypad has one finish key: the default outcome.
      case "FINISH" -> queue.finish(counterNo, clerk, null).map(t -> "");
      case "PAUSE_RESUME" -> queue.counter(counterNo).compose(state -> state.paused()
          ? queue.resume(counterNo, clerk).map(BridgeApi::held)
          : queue.pause(counterNo, clerk).map(s -> PAUSED));
      case "REQUEST_RATING" -> queue.requestRating(counterNo, clerk).map(t -> "");
      default -> throw DomainException.invalid("key", "unknown key " + key);
    };
  }

  private static String held(CounterState state) {
    return state.ticket() == null ? "" : state.ticket().number();
  }

  private DeviceConfig bridge(RoutingContext ctx) {
    Principal caller = Access.caller(ctx);
    if (!caller.is(DeviceType.BRIDGE)) {
      throw DomainException.forbidden("FORBIDDEN", "only a bridge does this");
    }
    return config.device(caller.name()).orElseThrow();
  }

  private static long jobId(RoutingContext ctx) {
    return Replies.wholeNumber("jobId", ctx.pathParam("jobId"));
  }

  /**
   * Sends a bridge its pending jobs: all of them when it connects, then new ones whenever an event
   * commits (jobs commit with their events). Job ids need not commit in order, so the pump does not
   * resume "after the last id": each pass reads every pending job and sends those this stream has
   * not sent yet. One pass runs at a time; a poke during a pass runs another after it.
   */
  private final class JobPump {
    private final SseStream stream;
    private final DeviceConfig bridge;
    /** Jobs sent on this stream that were still pending at the last pass. */
    private Set<Long> sent = new HashSet<>();
    private boolean running;
    private boolean again;

    JobPump(SseStream stream, DeviceConfig bridge) {
      this.stream = stream;
      this.bridge = bridge;
    }

    void poke() {
      if (running) {
        again = true;
      } else {
        again = false;
        pass(0, new HashSet<>());
      }
    }

    /** One page of pending jobs after {@code afterId}; {@code stillPending} collects the pass's pending ids. */
    private void pass(long afterId, Set<Long> stillPending) {
      if (stream.closed()) {
        return;
      }
      running = true;
      jobs.pending(bridge, afterId).onComplete(result -> {
        if (result.failed()) {
          running = false;
          LOG.warn("Pending jobs of bridge {} could not be read", bridge.id(), result.cause());
          stream.cut();
          return;
        }
        List<DeviceJob> page = result.result();
        for (DeviceJob job : page) {
          stillPending.add(job.id());
          if (!sent.contains(job.id())) {
            stream.send(job.id(), "job", job.toJson());
          }
        }
        if (page.size() == DeviceJobService.PAGE) {
          pass(page.get(page.size() - 1).id(), stillPending);
          return;
        }
        sent = stillPending;
        running = false;
        if (again) {
          poke();
        }
      });
    }
  }
}
