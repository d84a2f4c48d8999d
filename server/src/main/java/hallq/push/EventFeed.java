package hallq.push;

import hallq.db.PgEventLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's view of the event log. When events commit (this server's own transactions tell it
 * on the local event bus; other servers' positioners NOTIFY on {@link PgEventLog#CHANNEL}), it
 * positions the new events (whichever server gets there first does it for all), reads them in
 * position order and publishes each once on the local event bus ({@link PushAddresses#QUEUE_EVENTS}).
 * After a lost connection it catches up from the last position it published.
 */
public final class EventFeed {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  private static final int PAGE = 500;
  private static final long RECONNECT_DELAY_MS = 1_000;
  /** Also look every few seconds: a server that died between its commit and its signal leaves events to position. */
  private static final long SAFETY_POKE_MS = 5_000;

  private final Vertx vertx;
  private final Pool pool;
  private final PgEventLog log;
  private final PgSubscriber subscriber;
  /** The one context the feed's state lives on. */
  private final Context context;
  private MessageConsumer<String> committed;
  private long safetyTimer;
  private long lastPublished;
  private boolean reading;
  private boolean readAgain;

  private EventFeed(Vertx vertx, Pool pool, PgEventLog log, PgSubscriber subscriber, long lastPublished) {
    this.vertx = vertx;
    this.pool = pool;
    this.log = log;
    this.subscriber = subscriber;
    this.lastPublished = lastPublished;
    this.context = vertx.getOrCreateContext();
  }

  public static Future<EventFeed> start(Vertx vertx, Pool pool, PgConnectOptions options, String hallId) {
    PgEventLog log = new PgEventLog(hallId);
    return log.latestPosition(pool).compose(latest -> {
      PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> RECONNECT_DELAY_MS);
      EventFeed feed = new EventFeed(vertx, pool, log, subscriber, latest);
      subscriber.channel(PgEventLog.CHANNEL)
          .subscribeHandler(v -> feed.poke())
          .handler(payload -> feed.poke());
      feed.committed = vertx.eventBus().<String>localConsumer(PushAddresses.EVENTS_COMMITTED, message -> {
        if (hallId.equals(message.body())) {
          feed.poke();
        }
      });
      feed.safetyTimer = vertx.setPeriodic(SAFETY_POKE_MS, timer -> feed.poke());
      return feed.committed.completion().compose(v -> subscriber.connect()).map(feed);
    });
  }

  /** Up to {@code limit} positioned events after position {@code afterId}, in order. */
  public Future<List<QueueEvent>> after(long afterId, int limit) {
    return log.findAfter(pool, afterId, limit);
  }

  public Future<Void> close() {
    vertx.cancelTimer(safetyTimer);
    return committed.unregister().eventually(() -> subscriber.close());
  }

  /** New events may be committed: here (a local transaction) or by another server (its positioner's NOTIFY). */
  private void poke() {
    context.runOnContext(v -> readNew());
  }

  private void readNew() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    log.positionNew(pool)
        .compose(positioned -> log.findAfter(pool, lastPublished, PAGE))
        .onSuccess(events -> {
          for (QueueEvent event : events) {
            lastPublished = event.id();
            vertx.eventBus().publish(PushAddresses.QUEUE_EVENTS, event.toJson());
          }
          readAgain |= events.size() == PAGE;
        })
        .onFailure(e -> {
          LOG.warn("Reading new queue events failed; retrying", e);
          vertx.setTimer(RECONNECT_DELAY_MS, t -> readNew());
        })
        .onComplete(done -> {
          reading = false;
          if (readAgain) {
            readNew();
          }
        });
  }
}
