package hallq.bridge.app;

import hallq.bridge.idcard.CardHolder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's calls to the server. {@link #untilAnswered} retries a call for as long as the server
 * cannot be reached or fails (5xx), so an outcome is never dropped because the network was down; a
 * 4xx answer is final.
 */
final class ServerApi {
  private static final Logger LOG = LoggerFactory.getLogger(ServerApi.class);

  /** The server's answer: a status and its JSON body ({@code {"error": {"code", "message"}}} for a 4xx). */
  record Reply(int status, JsonObject body) {
    boolean ok() {
      return status / 100 == 2;
    }

    String errorCode() {
      JsonObject error = body.getJsonObject("error");
      return error == null ? "HTTP_" + status : error.getString("code", "HTTP_" + status);
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final BridgeConfig config;
  private final Map<String, Future<Reply>> lastReport = new HashMap<>();
  private boolean stopped;

  ServerApi(Vertx vertx, HttpClient client, BridgeConfig config) {
    this.vertx = vertx;
    this.client = client;
    this.config = config;
  }

  Future<Reply> outcome(long jobId, String outcome) {
    return untilAnswered("outcome of job " + jobId,
        () -> send(HttpMethod.POST, "/api/v1/bridge/jobs/" + jobId + "/outcome", new JsonObject().put("outcome", outcome)));
  }

  Future<Reply> rating(long jobId, int score, String reason) {
    JsonObject body = new JsonObject().put("score", score);
    if (reason != null) {
      body.put("reason", reason);
    }
    return untilAnswered("rating of job " + jobId, () -> send(HttpMethod.POST, "/api/v1/bridge/jobs/" + jobId + "/rating", body));
  }

  /** A keypad key is not retried: a clerk who sees no answer presses again. */
  Future<Reply> key(int counterNo, String key) {
    return send(HttpMethod.POST, "/api/v1/bridge/counters/" + counterNo + "/keys", new JsonObject().put("key", key));
  }

  /**
   * A card read at a kiosk: the server checks the citizen in (201 with the ticket). Not retried: a
   * ticket made minutes later would find nobody at the kiosk; the citizen lays the card on again.
   */
  Future<Reply> idCard(String deviceId, String kioskId, CardHolder holder) {
    return send(HttpMethod.POST, "/api/v1/bridge/id-card", new JsonObject()
        .put("deviceId", deviceId)
        .put("kioskId", kioskId)
        .put("idNumber", holder.idNumber())
        .put("name", holder.name()));
  }

  Future<Reply> device(String deviceId, JsonObject state) {
    return inOrder("device " + deviceId, () -> untilAnswered("state of " + deviceId,
        () -> send(HttpMethod.PUT, "/api/v1/bridge/devices/" + deviceId, state)));
  }

  Future<Reply> printer(String kioskId, String condition) {
    return inOrder("printer " + kioskId, () -> untilAnswered("printer of " + kioskId,
        () -> send(HttpMethod.PUT, "/api/v1/devices/" + kioskId + "/printer", new JsonObject().put("status", condition))));
  }

  /** State reports of one thing go one after another, so an older one never lands after a newer one. */
  private Future<Reply> inOrder(String subject, Supplier<Future<Reply>> report) {
    Future<Reply> next = lastReport.getOrDefault(subject, Future.succeededFuture()).transform(previous -> report.get());
    lastReport.put(subject, next);
    return next;
  }

  private Future<Reply> untilAnswered(String what, Supplier<Future<Reply>> call) {
    return attempt(what, call, config.timing().reconnectMin());
  }

  /** The bridge is stopping: nothing more is sent or retried. */
  void stop() {
    stopped = true;
  }

  private Future<Reply> attempt(String what, Supplier<Future<Reply>> call, Duration wait) {
    if (stopped) {
      return Future.failedFuture("the bridge is stopping; the " + what + " was not sent");
    }
    return call.get()
        .compose(reply -> reply.status() >= 500 ? Future.failedFuture("HTTP " + reply.status()) : Future.succeededFuture(reply))
        .recover(e -> {
          if (stopped) {
            return Future.failedFuture(e);
          }
          LOG.warn("Could not send the {} ({}); again in {} ms", what, e.getMessage(), wait.toMillis());
          return vertx.timer(wait.toMillis()).compose(v -> attempt(what, call, config.timing().nextReconnectWait(wait)));
        })
        .onSuccess(reply -> {
          if (!reply.ok()) {
            LOG.warn("The server refused the {}: {}", what, reply.body().encode());
          }
        });
  }

  private Future<Reply> send(HttpMethod method, String path, JsonObject body) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(config.server().url().resolve(path).toString())
        .putHeader("Authorization", "Bearer " + config.server().token())
        .putHeader("Content-Type", "application/json")
        .setTimeout(config.timing().request().toMillis());
    return client.request(options)
        .compose(request -> request.send(body.toBuffer()))
        .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(), json(buffer))));
  }

  private static JsonObject json(Buffer buffer) {
    try {
      return buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
    } catch (RuntimeException e) {
      return new JsonObject().put("text", buffer.toString());
    }
  }
}
