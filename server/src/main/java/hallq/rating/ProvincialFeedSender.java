package hallq.rating;

import hallq.config.HallqConfig;
import hallq.db.PgProvincialFeedRepository;
import hallq.db.PgProvincialFeedRepository.Due;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the outbox's records to the provincial 好差评 platform, oldest first, one at a time. A record
 * is taken when the platform answers 2xx; then it is never sent again. Any other answer, no answer
 * within the timeout, or no connection is a failure: the record is tried again later, its waits
 * doubling up to the largest. The outbox lives in the database, so a restart loses nothing.
 */
public final class ProvincialFeedSender {
  private static final Logger LOG = LoggerFactory.getLogger(ProvincialFeedSender.class);
  private static final int BATCH = 20;
  private static final int ERROR_TEXT = 300;
  private static final int FAILURES_SHOWN = 50;

  private final Vertx vertx;
  private final Pool pool;
  private final HallqConfig.ProvincialFeed feed;
  private final PgProvincialFeedRepository outbox;
  private final HttpClient client;
  private long timer = -1;
  private boolean stopped;

  private ProvincialFeedSender(Vertx vertx, Pool pool, String hallId, HallqConfig.ProvincialFeed feed) {
    this.vertx = vertx;
    this.pool = pool;
    this.feed = feed;
    this.outbox = new PgProvincialFeedRepository(hallId);
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) feed.timeout().toMillis()));
  }

  /** Starts delivering when a platform is configured; without one the outbox only holds the records. */
  public static ProvincialFeedSender start(Vertx vertx, Pool pool, String hallId, HallqConfig.ProvincialFeed feed) {
    ProvincialFeedSender sender = new ProvincialFeedSender(vertx, pool, hallId, feed);
    if (feed.configured()) {
      sender.later(Duration.ZERO);
    } else {
      sender.stopped = true;
    }
    return sender;
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return client.close();
  }

  /** The feed as a manager sees it: whether a platform is set, the backlog, the failing records. */
  public Future<JsonObject> status() {
    return pool.withConnection(sql -> outbox.backlog(sql, FAILURES_SHOWN))
        .map(backlog -> backlog.put("configured", feed.configured()).put("platform", platformHost()));
  }

  /** Where records go, without credentials or path: enough for a manager to recognise it. */
  private String platformHost() {
    return feed.configured() ? URI.create(feed.url()).getHost() : null;
  }

  private void later(Duration wait) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> deliverDue());
    }
  }

  private void deliverDue() {
    outbox.claim(pool, BATCH, lease())
        .compose(due -> deliver(due, 0).map(allTaken -> allTaken && due.size() == BATCH))
        .onComplete(done -> {
          if (done.failed()) {
            LOG.warn("The provincial feed's outbox could not be read: {}", done.cause().toString());
          }
          later(done.succeeded() && done.result() ? Duration.ZERO : feed.check());
        });
  }

  /** Sends the records in order; after a failure the rest are left for the next round. True if all were taken. */
  private Future<Boolean> deliver(List<Due> due, int index) {
    if (index == due.size()) {
      return Future.succeededFuture(true);
    }
    Due record = due.get(index);
    return send(record).transform(sent -> {
      if (sent.succeeded()) {
        return outbox.acknowledged(pool, record.id()).compose(v -> deliver(due, index + 1));
      }
      String error = errorText(sent.cause());
      Duration retryIn = backoff(record.attempts() + 1);
      LOG.warn("Provincial feed record {} not taken (attempt {}), retry in {} ms: {}", record.recordId(), record.attempts() + 1,
          retryIn.toMillis(), error);
      List<Long> rest = due.subList(index + 1, due.size()).stream().map(Due::id).toList();
      return outbox.failed(pool, record.id(), error, retryIn).compose(v -> outbox.release(pool, rest)).map(false);
    });
  }

  private Future<Void> send(Due due) {
    Buffer body = due.record().toBuffer();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(feed.url())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader("X-Record-Id", due.recordId());
    if (!feed.token().isEmpty()) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + feed.token());
    }
    Promise<Void> taken = Promise.promise();
    long deadline = feed.timeout().toMillis();
    client.request(options).onComplete(opened -> {
      if (opened.failed()) {
        taken.tryFail(opened.cause());
        return;
      }
      var request = opened.result();
      // A late answer must not count: past the deadline the request is reset and its answer dropped.
      long watchdog = vertx.setTimer(deadline, id -> {
        if (taken.tryFail("no answer within " + deadline + " ms")) {
          request.reset();
        }
      });
      request.send(body)
          .compose(response -> response.body().map(answer -> {
            if (response.statusCode() / 100 != 2) {
              throw new IllegalStateException("HTTP " + response.statusCode() + " " + answer.toString());
            }
            return (Void) null;
          }))
          .onComplete(result -> {
            vertx.cancelTimer(watchdog);
            if (result.succeeded()) {
              taken.tryComplete();
            } else {
              taken.tryFail(result.cause());
            }
          });
    });
    return taken.future();
  }

  /** A claimed record's delivery has surely ended by then: its own deadline, and time to record the outcome. */
  private Duration lease() {
    return feed.timeout().multipliedBy(2).plusSeconds(5);
  }

  private Duration backoff(int failedAttempts) {
    return backoff(feed, failedAttempts);
  }

  /** The wait after the n-th failed attempt: the first wait, doubled each time, up to the largest. */
  static Duration backoff(HallqConfig.ProvincialFeed feed, int failedAttempts) {
    int doublings = Math.min(failedAttempts - 1, 30);
    Duration wait = feed.retryFirst().multipliedBy(1L << doublings);
    return wait.compareTo(feed.retryMax()) > 0 ? feed.retryMax() : wait;
  }

  private static String errorText(Throwable failure) {
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return text.length() > ERROR_TEXT ? text.substring(0, ERROR_TEXT) : text;
  }
}
