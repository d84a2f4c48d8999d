package hallq.bridge.app;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's job stream ({@code GET /api/v1/bridge/jobs}, Server-Sent Events), held open for good:
 * when it ends or cannot connect, it reconnects after a wait that doubles from
 * {@code reconnectMin} to {@code reconnectMax} and starts again at the minimum once connected. On
 * every connect the server sends all jobs still pending, so nothing is lost while disconnected.
 */
final class JobStream {
  private static final Logger LOG = LoggerFactory.getLogger(JobStream.class);
  private static final String PATH = "/api/v1/bridge/jobs";

  private final Vertx vertx;
  private final HttpClient client;
  private final BridgeConfig config;
  private final Consumer<Job> onJob;
  private final Consumer<Boolean> onConnected;
  private Duration wait;
  private boolean stopped;
  private HttpClientResponse current;

  JobStream(Vertx vertx, HttpClient client, BridgeConfig config, Consumer<Job> onJob, Consumer<Boolean> onConnected) {
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.onJob = onJob;
    this.onConnected = onConnected;
    this.wait = config.timing().reconnectMin();
  }

  void start() {
    connect();
  }

  void stop() {
    stopped = true;
    if (current != null) {
      current.request().connection().close();
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(config.server().url().resolve(PATH).toString())
        .putHeader("Authorization", "Bearer " + config.server().token())
        .putHeader("Accept", "text/event-stream")
        .setIdleTimeout(config.timing().streamIdle().toMillis());
    client.request(options)
        .compose(request -> {
          // Headers that never come would hold the stream for the whole idle limit: give them the request timeout.
          long watchdog = vertx.setTimer(config.timing().request().toMillis(),
              id -> request.reset(0, new TimeoutException("no answer to the job stream request within " + config.timing().request().toMillis() + " ms")));
          return request.send().onComplete(done -> vertx.cancelTimer(watchdog));
        })
        .onSuccess(this::opened)
        .onFailure(e -> retry("cannot reach the server: " + e.getMessage()));
  }

  private void opened(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      response.body().onComplete(body -> retry("the server refused the job stream: HTTP " + response.statusCode() + " "
          + (body.succeeded() ? body.result().toString() : "")));
      return;
    }
    current = response;
    wait = config.timing().reconnectMin();
    LOG.info("Job stream open at {}", config.server().url());
    onConnected.accept(true);
    SseParser parser = new SseParser();
    RecordParser lines = RecordParser.newDelimited("\n", parser::line);
    response.handler(lines);
    response.exceptionHandler(e -> closed(response, "the job stream failed: " + e.getMessage()));
    response.endHandler(v -> closed(response, "the job stream ended"));
  }

  /** A stream ends once, however many ways it reports it. */
  private void closed(HttpClientResponse response, String why) {
    if (current != response) {
      return;
    }
    current = null;
    onConnected.accept(false);
    retry(why);
  }

  private void retry(String why) {
    if (stopped) {
      return;
    }
    LOG.warn("{}; reconnecting in {} ms", why, wait.toMillis());
    vertx.setTimer(wait.toMillis(), id -> connect());
    wait = config.timing().nextReconnectWait(wait);
  }

  /** The lines of an event: {@code event:} and {@code data:} fields, ended by an empty line. */
  private final class SseParser {
    private String event = "message";
    private final StringBuilder data = new StringBuilder();

    void line(Buffer buffer) {
      String line = buffer.toString().replace("\r", "");
      if (line.isEmpty()) {
        dispatch();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      }
    }

    private void dispatch() {
      if ("job".equals(event) && !data.isEmpty()) {
        try {
          onJob.accept(Job.fromJson(new JsonObject(data.toString())));
        } catch (RuntimeException e) {
          LOG.warn("Ignoring a job the bridge cannot read: {}", data, e);
        }
      }
      event = "message";
      data.setLength(0);
    }
  }
}
