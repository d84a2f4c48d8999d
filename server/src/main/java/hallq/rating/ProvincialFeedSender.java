package hallq.rating;

import hallq.config.HallqConfig;
import hallq.db.PgProvincialFeedRepository;
import hallq.outbox.OutboxSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Hands the outbox's records to the provincial 好差评 platform ({@link OutboxSender}): each record once
 * the platform answers 2xx, retried with backoff until then, keyed by its record id ({@code X-Record-Id}).
 */
public final class ProvincialFeedSender {
  private static final int FAILURES_SHOWN = 50;

  private final Pool pool;
  private final HallqConfig.ProvincialFeed feed;
  private final PgProvincialFeedRepository records;
  private final OutboxSender<PgProvincialFeedRepository.Record> sender;

  private ProvincialFeedSender(Vertx vertx, Pool pool, String hallId, HallqConfig.ProvincialFeed feed) {
    this.pool = pool;
    this.feed = feed;
    this.records = new PgProvincialFeedRepository(hallId);
    this.sender = OutboxSender.start(vertx, pool, feed, records.outbox(),
        r -> new OutboxSender.Post("X-Record-Id", r.recordId(), r.record().toBuffer(), "record " + r.recordId()),
        UnaryOperator.identity(), "provincial feed");
  }

  /** Starts delivering when a platform is configured; without one the outbox only holds the records. */
  public static ProvincialFeedSender start(Vertx vertx, Pool pool, String hallId, HallqConfig.ProvincialFeed feed) {
    return new ProvincialFeedSender(vertx, pool, hallId, feed);
  }

  public Future<Void> stop() {
    return sender.stop();
  }

  /** The feed as a manager sees it: whether a platform is set, the backlog, the failing records. */
  public Future<JsonObject> status() {
    return pool.withConnection(sql -> records.backlog(sql, FAILURES_SHOWN))
        .map(backlog -> backlog.put("configured", feed.configured()).put("platform", feed.host()));
  }

  static Duration backoff(HallqConfig.ProvincialFeed feed, int failedAttempts) {
    return OutboxSender.backoff(feed, failedAttempts);
  }
}
