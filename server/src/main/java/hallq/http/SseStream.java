package hallq.http;

import hallq.auth.AuthService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One Server-Sent Events response: headers, a heartbeat comment every few seconds that also ends the
 * stream once its token is no longer valid (sign-out, expiry), and framed events.
 */
final class SseStream {
  private final HttpServerResponse response;

  private SseStream(HttpServerResponse response) {
    this.response = response;
  }

  /** Starts the response; {@code onClose} runs once when the client goes away or the stream ends. */
  static SseStream open(RoutingContext ctx, Vertx vertx, AuthService auth, int heartbeatSeconds, Runnable onClose) {
    String token = AuthenticationHandler.bearerToken(ctx);
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 2000\n\n");
    SseStream stream = new SseStream(response);
    long heartbeat = vertx.setPeriodic(heartbeatSeconds * 1000L, id -> auth.authenticate(token)
        .map(found -> found.isPresent())
        .otherwise(true)
        .onSuccess(allowed -> {
          if (!allowed) {
            response.end();
          } else if (!response.closed()) {
            response.write(": keep-alive\n\n");
          }
        }));
    response.closeHandler(v -> {
      vertx.cancelTimer(heartbeat);
      onClose.run();
    });
    return stream;
  }

  boolean closed() {
    return response.closed();
  }

  /** Whether the client reads too slowly: what was written has not gone out yet. */
  boolean backedUp() {
    return response.writeQueueFull();
  }

  void send(long id, String event, JsonObject data) {
    if (!response.closed()) {
      response.write("id: " + id + "\nevent: " + event + "\ndata: " + data.encode() + "\n\n");
    }
  }

  /** Drops the connection; the client reconnects and resumes. */
  void cut() {
    response.reset();
  }
}
