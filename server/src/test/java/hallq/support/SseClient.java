package hallq.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client over a real HTTP connection; the test thread takes events one by one. */
public final class SseClient implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** One SSE frame. */
  public record Event(long id, String type, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }

    public JsonObject payload() {
      return json().getJsonObject("payload");
    }
  }

  private final HttpClient client;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder pending = new StringBuilder();
  private final Promise<Void> ended = Promise.promise();
  private volatile int status;
  private volatile String body;

  private SseClient(HttpClient client) {
    this.client = client;
  }

  /** Opens {@code path}; {@code token} goes in the Authorization header, {@code lastEventId} in Last-Event-ID (each may be null). */
  public static SseClient open(Vertx vertx, int port, String path, String token, String lastEventId) {
    HttpClient client = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    SseClient sse = new SseClient(client);
    // The handlers are set on the event loop as the response arrives: set later, chunks would be lost.
    Api.await(client.request(options)
        .compose(request -> request.send())
        .compose(response -> {
          sse.status = response.statusCode();
          if (sse.status == 200) {
            response.handler(sse::onChunk);
            response.endHandler(v -> sse.ended.tryComplete());
            response.exceptionHandler(e -> sse.ended.tryComplete());
            return Future.succeededFuture();
          }
          return response.body().map(body -> sse.body = body.toString());
        }));
    return sse;
  }

  /** Completes when the server ends the stream (or the connection drops). */
  public Future<Void> ended() {
    return ended.future();
  }

  public int status() {
    return status;
  }

  /** The JSON body of a refused request. */
  public JsonObject errorBody() {
    return new JsonObject(body);
  }

  /** The next event; fails the test if none comes within 10 s. */
  public Event next() {
    try {
      Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("no event within " + WAIT);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Null if no event arrives within {@code wait}. */
  public Event poll(Duration wait) throws InterruptedException {
    return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Drops the connection at once, as a display losing its network would (a plain close waits for the endless response). */
  @Override
  public void close() {
    Api.await(client.shutdown(0, TimeUnit.SECONDS));
  }

  private synchronized void onChunk(Buffer chunk) {
    pending.append(chunk.toString());
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String frame = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(frame);
    }
  }

  private void parse(String frame) {
    Long id = null;
    String type = "message";
    StringBuilder data = null;
    for (String line : frame.split("\n")) {
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
      }
    }
    if (data != null) {
      events.add(new Event(id == null ? -1 : id, type, data.toString()));
    }
  }
}
