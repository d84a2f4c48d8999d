package hallq.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code concurrency} clients, each sending its next request as soon as the last one is answered,
 * until {@code total} requests were sent. An operation's future holds null on success, else what went wrong
 * (e.g. the HTTP status and error code).
 */
final class ClosedLoop {
  /** What a run measured: per-request latencies, how long it took, how many requests failed and how. */
  record Result(Samples latencies, long wallNanos, int failures, Map<String, Integer> failuresByKind) {
    double perSecond() {
      return latencies.count() / (wallNanos / 1e9);
    }
  }

  private final IntFunction<Future<String>> operation;
  private final int total;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Samples latencies = new Samples();

  private ClosedLoop(IntFunction<Future<String>> operation, int total) {
    this.operation = operation;
    this.total = total;
  }

  static Result run(int concurrency, int total, IntFunction<Future<String>> operation) {
    ClosedLoop loop = new ClosedLoop(operation, total);
    long start = System.nanoTime();
    Future<?>[] clients = new Future<?>[concurrency];
    for (int c = 0; c < concurrency; c++) {
      Promise<Void> done = Promise.promise();
      loop.sendNext(done);
      clients[c] = done.future();
    }
    Future.all(List.of(clients)).await();
    int failed = loop.failures.values().stream().mapToInt(Integer::intValue).sum();
    return new Result(loop.latencies, System.nanoTime() - start, failed, Map.copyOf(loop.failures));
  }

  private void sendNext(Promise<Void> done) {
    int index = next.getAndIncrement();
    if (index >= total) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    operation.apply(index).onComplete(outcome -> {
      latencies.add(System.nanoTime() - sent);
      String failure = outcome.failed() ? outcome.cause().toString() : outcome.result();
      if (failure != null) {
        failures.merge(failure, 1, Integer::sum);
      }
      sendNext(done);
    });
  }
}
