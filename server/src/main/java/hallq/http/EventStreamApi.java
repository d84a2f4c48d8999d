package hallq.http;

import hallq.DomainException;
import hallq.auth.AuthService;
import hallq.config.HallqConfig;
import hallq.push.EventFeed;
import hallq.push.PushAddresses;
import hallq.push.QueueEvent;
import hallq.queue.QueueService;
import hallq.queue.QueueService.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: queue events as Server-Sent Events. A new client first gets a
 * snapshot; a client that reconnects with {@code Last-Event-ID} gets every event it missed, or a
 * fresh snapshot when it missed more than {@code push.maxBacklog}. A counter screen asks for
 * {@code counterNo} and sees only that counter's events.
 */
final class EventStreamApi {
  private static final Logger LOG = LoggerFactory.getLogger(EventStreamApi.class);
  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final Vertx vertx;
  private final AuthService auth;
  private final EventFeed feed;
  private final QueueService queue;
  private final HallqConfig.Push settings;
  private boolean snapshotReading;
  private Promise<Snapshot> snapshotWaiters;

  EventStreamApi(Vertx vertx, AuthService auth, EventFeed feed, QueueService queue, HallqConfig.Push settings) {
    this.vertx = vertx;
    this.auth = auth;
    this.feed = feed;
    this.queue = queue;
    this.settings = settings;
  }

  void streamEvents(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Long resumeAfter = resumePoint(ctx);
    String counterParam = ctx.request().getParam("counterNo");
    Integer counterNo = counterParam == null ? null : (int) Replies.wholeNumber("counterNo", counterParam);

    MessageConsumer<JsonObject> live = vertx.eventBus().localConsumer(PushAddresses.QUEUE_EVENTS);
    SseStream stream = SseStream.open(ctx, vertx, auth, settings.heartbeatSeconds(), live::unregister);
    Session session = new Session(stream, counterNo);
    live.handler(message -> session.offer(QueueEvent.fromJson(message.body())));
    live.completion()
        .compose(v -> catchUp(session, resumeAfter))
        .onSuccess(v -> session.goLive())
        .onFailure(e -> {
          LOG.warn("Event stream could not start", e);
          stream.cut();
        });
  }

  private Future<Void> catchUp(Session session, Long resumeAfter) {
    if (resumeAfter == null) {
      return snapshot(session);
    }
    session.resumeAfter(resumeAfter);
    return feed.after(resumeAfter, settings.maxBacklog() + 1).compose(missed -> {
      if (missed.size() > settings.maxBacklog()) {
        return snapshot(session);
      }
      missed.forEach(session::send);
      return Future.succeededFuture();
    });
  }

  private Future<Void> snapshot(Session session) {
    return nextSnapshot().map(snapshot -> {
      session.sendSnapshot(snapshot.lastEventId(), snapshot.overview());
      return null;
    });
  }

  /**
   * One snapshot read at a time per verticle: clients arriving while one is read share the next
   * (which starts after they subscribed, so it misses nothing for them). A burst of reconnecting
   * displays then costs a few reads, not one pool connection each.
   */
  private Future<Snapshot> nextSnapshot() {
    if (snapshotReading) {
      if (snapshotWaiters == null) {
        snapshotWaiters = Promise.promise();
      }
      return snapshotWaiters.future();
    }
    snapshotReading = true;
    return queue.snapshot().onComplete(done -> {
      snapshotReading = false;
      if (snapshotWaiters != null) {
        Promise<Snapshot> waiting = snapshotWaiters;
        snapshotWaiters = null;
        nextSnapshot().onComplete(waiting);
      }
    });
  }

  private static Long resumePoint(RoutingContext ctx) {
    String header = ctx.request().getHeader(LAST_EVENT_ID);
    String query = ctx.request().getParam("lastEventId");
    String text = header != null ? header : query;
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw DomainException.invalid(header != null ? LAST_EVENT_ID : "lastEventId", "must be an event id (a whole number)");
    }
  }

  /** One client's stream: events that arrive while it catches up wait, then go out once, in id order. */
  private static final class Session {
    private final SseStream stream;
    private final Integer counterNo;
    private List<QueueEvent> waiting = new ArrayList<>();
    private long lastSent;
    private boolean live;

    Session(SseStream stream, Integer counterNo) {
      this.stream = stream;
      this.counterNo = counterNo;
    }

    void offer(QueueEvent event) {
      if (waiting != null) {
        waiting.add(event);
      } else {
        send(event);
      }
    }

    void goLive() {
      List<QueueEvent> held = waiting;
      waiting = null;
      held.forEach(this::send);
      live = true;
    }

    void send(QueueEvent event) {
      if (event.id() <= lastSent) {
        return;
      }
      lastSent = event.id();
      if (counterNo == null || event.concernsCounter(counterNo)) {
        write(event.id(), event.type(), event.toJson());
      }
    }

    /** The client has seen everything up to this position. */
    void resumeAfter(long position) {
      lastSent = position;
    }

    void sendSnapshot(long id, JsonObject overview) {
      lastSent = id;
      write(id, PushAddresses.SNAPSHOT, overview);
    }

    /**
     * A live client that cannot keep up is cut off; it reconnects and resumes, or gets a snapshot.
     * The catch-up (at most push.maxBacklog events) is written whole.
     */
    private void write(long id, String type, JsonObject data) {
      if (live && stream.backedUp()) {
        stream.cut();
        return;
      }
      stream.send(id, type, data);
    }
  }
}
