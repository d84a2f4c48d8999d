package hallq.outbox;

import hallq.db.PgOutbox;
import hallq.db.PgOutbox.Due;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an outbox's rows to an HTTP receiver, oldest first, one at a time. A row is taken when the
 * receiver answers 2xx; then it is never sent again. Any other answer, no answer within the timeout,
 * or no connection is a failure: the row is tried again later, its waits doubling up to the largest.
 * The outbox lives in the database, so a restart loses nothing.
 *
 * @param <T> what a row carries
 */
public final class OutboxSender<T> {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final int BATCH = 20;
  private static final int ERROR_TEXT = 300;

  /** Where an outbox delivers to and its timing (an empty url: the outbox only holds its rows). */
  public interface Settings {
    String url();

    String token();

    Duration timeout();

    Duration check();

    Duration retryFirst();

    Duration retryMax();

    default boolean configured() {
      return !url().isEmpty();
    }

    /** Where rows go, without credentials or path: enough for a manager to recognise it. */
    default String host() {
      return configured() ? URI.create(url()).getHost() : null;
    }
  }

  /**
   * One row as the receiver gets it: JSON, with its key in a header ({@code idHeader}), the same key
   * every time the row is sent, and {@code logName} to name it in the log (no personal data).
   */
  public record Post(String idHeader, String id, Buffer body, String logName) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Settings settings;
  private final PgOutbox<T> outbox;
  private final Function<T, Post> post;
  private final UnaryOperator<String> redact;
  private final String what;
  private final HttpClient client;
  private long timer = -1;
  private boolean stopped;

  private OutboxSender(Vertx vertx, Pool pool, Settings settings, PgOutbox<T> outbox, Function<T, Post> post,
      UnaryOperator<String> redact, String what) {
    this.vertx = vertx;
    this.pool = pool;
    this.settings = settings;
    this.outbox = outbox;
    this.post = post;
    this.redact = redact;
    this.what = what;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) settings.timeout().toMillis()));
  }

  /**
   * Starts delivering when a receiver is configured; without one the outbox only holds the rows.
   *
   * @param redact applied to every error text before it is logged or kept (a receiver may echo what it got)
   * @param what   names the outbox in the log
   */
  public static <T> OutboxSender<T> start(Vertx vertx, Pool pool, Settings settings, PgOutbox<T> outbox, Function<T, Post> post,
      UnaryOperator<String> redact, String what) {
    OutboxSender<T> sender = new OutboxSender<>(vertx, pool, settings, outbox, post, redact, what);
    if (settings.configured()) {
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
            LOG.warn("The {} outbox could not be read: {}", what, done.cause().toString());
          }
          later(done.succeeded() && done.result() ? Duration.ZERO : settings.check());
        });
  }

  /** Sends the rows in order; after a failure the rest are left for the next round. True if all were taken. */
  private Future<Boolean> deliver(List<Due<T>> due, int index) {
    if (index == due.size()) {
      return Future.succeededFuture(true);
    }
    Due<T> row = due.get(index);
    Post request = post.apply(row.payload());
    return send(request).transform(sent -> {
      if (sent.succeeded()) {
        return outbox.acknowledged(pool, row.id()).compose(v -> deliver(due, index + 1));
      }
      String error = errorText(sent.cause());
      Duration retryIn = backoff(settings, row.attempts() + 1);
      LOG.warn("{} {} not taken (attempt {}), retry in {} ms: {}", what, request.logName(), row.attempts() + 1, retryIn.toMillis(), error);
      List<Long> rest = due.subList(index + 1, due.size()).stream().map(Due::id).toList();
      return outbox.failed(pool, row.id(), error, retryIn).compose(v -> outbox.release(pool, rest)).map(false);
    });
  }

  private Future<Void> send(Post post) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(settings.url())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(post.idHeader(), post.id());
    if (!settings.token().isEmpty()) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.token());
    }
    Promise<Void> taken = Promise.promise();
    long deadline = settings.timeout().toMillis();
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
      request.send(post.body())
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

  /** A claimed row's delivery has surely ended by then: its own deadline, and time to record the outcome. */
  private Duration lease() {
    return settings.timeout().multipliedBy(2).plusSeconds(5);
  }

  /** The wait after the n-th failed attempt: the first wait, doubled each time, up to the largest. */
  public static Duration backoff(Settings settings, int failedAttempts) {
    int doublings = Math.min(failedAttempts - 1, 30);
    Duration wait = settings.retryFirst().multipliedBy(1L << doublings);
    return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
  }

  private String errorText(Throwable failure) {
    String text = redact.apply(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    return text.length() > ERROR_TEXT ? text.substring(0, ERROR_TEXT) : text;
  }
}
