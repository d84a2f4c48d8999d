package hallq.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for the provincial 好差评 platform (or the SMS gateway: {@link #startSmsGateway}) on loopback, whose answers a test scripts: each
 * request takes the next scripted behaviour, then {@link Answer#TAKE} once the script runs out (or
 * {@link #refuseAll} while set). It counts the records it acknowledged (answered 2xx, and the answer
 * got out) and every record sent again after that.
 */
public final class ProvincialPlatform implements AutoCloseable {
  public enum Answer {
    /** 200: the record is taken. */
    TAKE,
    /** 500 after reading the record. */
    FAIL,
    /** No answer at all; the connection stays open. */
    HANG,
    /** 200, but only after {@code slowMillis}: too late for a sender that gave up. */
    SLOW
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
  private final long slowMillis;
  /** The body's field that keys a record: recordId (好差评), messageId (SMS). */
  private final String idField;
  private volatile boolean refuseAll;
  /** Every request as it arrived: record id, and the whole record. */
  public final List<JsonObject> received = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
  public final List<String> sentAgainAfterAcknowledged = new CopyOnWriteArrayList<>();

  private ProvincialPlatform(Vertx vertx, long slowMillis, String idField) {
    this.vertx = vertx;
    this.slowMillis = slowMillis;
    this.idField = idField;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static ProvincialPlatform start(Vertx vertx, long slowMillis) {
    return start(vertx, slowMillis, "recordId");
  }

  /** A stand-in SMS gateway: messages keyed by their messageId. */
  public static ProvincialPlatform startSmsGateway(Vertx vertx, long slowMillis) {
    return start(vertx, slowMillis, "messageId");
  }

  private static ProvincialPlatform start(Vertx vertx, long slowMillis, String idField) {
    ProvincialPlatform platform = new ProvincialPlatform(vertx, slowMillis, idField);
    Api.await(platform.server.listen(0, "127.0.0.1"));
    return platform;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hcp/records";
  }

  /** The config that sends a hall's ratings here, quickly: short timeout and retries. */
  public Consumer<JsonObject> feedConfig(String token, long timeoutMillis) {
    return config("provincialFeed", token, timeoutMillis);
  }

  /** The config that sends a hall's SMS reminders here, quickly. */
  public Consumer<JsonObject> smsConfig(String token, long timeoutMillis) {
    return config("sms", token, timeoutMillis);
  }

  private Consumer<JsonObject> config(String key, String token, long timeoutMillis) {
    return raw -> raw.getJsonObject(key).mergeIn(new JsonObject().put("url", url()).put("token", token)
        .put("timeoutMillis", timeoutMillis).put("checkMillis", 20).put("retryFirstMillis", 50).put("retryMaxMillis", 200));
  }

  public ProvincialPlatform then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  public void refuseAll(boolean refuse) {
    refuseAll = refuse;
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      JsonObject record = body.toJsonObject();
      String recordId = record.getString(idField);
      received.add(record);
      authorizations.add(String.valueOf(request.getHeader("Authorization")));
      if (acknowledged.containsKey(recordId)) {
        sentAgainAfterAcknowledged.add(recordId);
      }
      Answer answer = refuseAll ? Answer.FAIL : script.isEmpty() ? Answer.TAKE : script.poll();
      switch (answer) {
        case TAKE -> take(request, recordId);
        case FAIL -> request.response().setStatusCode(500).end("{\"code\":\"500\",\"msg\":\"internal error\"}");
        case HANG -> { }
        case SLOW -> vertx.setTimer(slowMillis, id -> take(request, recordId));
      }
    });
  }

  private void take(HttpServerRequest request, String recordId) {
    if (request.connection() == null || request.response().closed()) {
      return;
    }
    request.response().putHeader("Content-Type", "application/json").end("{\"code\":\"200\",\"msg\":\"ok\"}")
        .onSuccess(v -> acknowledged.computeIfAbsent(recordId, id -> new AtomicInteger()).incrementAndGet());
  }

  @Override
  public void close() {
    Api.await(server.close());
  }
}
