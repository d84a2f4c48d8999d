package hallq.bench;

import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many hall displays, each on its own SSE connection to one server's {@code /api/v1/events}. Records when each display receives each {@code TICKET_CALLED}, by ticket number.
 */
final class DisplayFleet implements AutoCloseable {
  private static final int CONNECT_BATCH = 100;

  private final HttpClient client;
  private final Map<String, Queue<Long>> calledArrivals = new ConcurrentHashMap<>();

  private DisplayFleet(HttpClient client) {
    this.client = client;
  }

  /** Connects {@code displays} clients to the server on {@code port} and waits for each one's snapshot. */
  static DisplayFleet connect(Vertx vertx, int displays, int port) throws InterruptedException {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1"),
        new PoolOptions().setHttp1MaxSize(displays + 10));
    DisplayFleet fleet = new DisplayFleet(client);
    for (int from = 0; from < displays; from += CONNECT_BATCH) {
      int batch = Math.min(CONNECT_BATCH, displays - from);
      CountDownLatch snapshots = new CountDownLatch(batch);
      for (int d = from; d < from + batch; d++) {
        fleet.open(port, snapshots);
      }
      if (!snapshots.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("displays did not get their snapshots: " + snapshots.getCount() + " missing");
      }
    }
    return fleet;
  }

  private void open(int port, CountDownLatch snapshot) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setPort(port).setURI("/api/v1/events")
        .putHeader("Authorization", "Bearer " + TestHall.DISPLAY);
    Frames frames = new Frames(snapshot);
    client.request(options)
        .compose(request -> request.send())
        .onSuccess(response -> response.handler(frames::append))
        .onFailure(e -> System.err.println("display connection failed: " + e));
  }

  /** Arrival times (System.nanoTime) of the call of ticket {@code number}, one per display that got it. */
  List<Long> arrivalsOf(String number) {
    return List.copyOf(calledArrivals.getOrDefault(number, new ConcurrentLinkedQueue<>()));
  }

  /** Waits until every display got the call of each number, or the timeout passes. */
  boolean awaitAll(List<String> numbers, int displays, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (numbers.stream().allMatch(n -> arrivalsOf(n).size() >= displays)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() {
    client.shutdown(0, TimeUnit.SECONDS).await();
  }

  /** One connection's byte stream cut into SSE frames (split on bytes, so UTF-8 is never cut). */
  private final class Frames {
    private final CountDownLatch snapshot;
    private Buffer pending = Buffer.buffer();
    private boolean snapshotSeen;

    Frames(CountDownLatch snapshot) {
      this.snapshot = snapshot;
    }

    void append(Buffer chunk) {
      long arrived = System.nanoTime();
      pending.appendBuffer(chunk);
      int start = 0;
      for (int i = 0; i + 1 < pending.length(); i++) {
        if (pending.getByte(i) == '\n' && pending.getByte(i + 1) == '\n') {
          frame(pending.getString(start, i, StandardCharsets.UTF_8.name()), arrived);
          start = i + 2;
          i++;
        }
      }
      pending = pending.getBuffer(start, pending.length());
    }

    private void frame(String text, long arrived) {
      String type = null;
      String data = null;
      for (String line : text.split("\n")) {
        if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if ("snapshot".equals(type) && !snapshotSeen) {
        snapshotSeen = true;
        snapshot.countDown();
      } else if ("TICKET_CALLED".equals(type) && data != null) {
        String number = new JsonObject(data).getJsonObject("payload").getString("number");
        calledArrivals.computeIfAbsent(number, n -> new ConcurrentLinkedQueue<>()).add(arrived);
      }
    }
  }
}
