package hallq.db;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one event loop. Requests that arrive while a group is being written wait, and
 * the next group writes all of them in one transaction: one commit, and a few set-wide statements
 * instead of a few statements each. A hot row (a service's number sequence) is then locked once
 * per group, not once per request through every commit.
 *
 * <p>A group is all or nothing. If it fails, it rolled back whole, and each of its requests is
 * written again alone, in order, so a bad request answers for itself (with its own precise error)
 * and costs the others only time. Not so when the connection failed: then the group may have
 * committed, and its requests fail (their clients retry with their idempotency keys). A reply is
 * completed only after the write that made it committed.
 *
 * <p>Not thread-safe: create one per verticle and submit from its event loop only.
 */
public final class GroupCommit<R, T> {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private record Waiting<R, T>(R request, Promise<T> reply) {}

  private final int largestGroup;
  private final Function<List<R>, Future<List<Future<T>>>> writeGroup;
  private final Function<R, Future<T>> writeAlone;
  private final ArrayDeque<Waiting<R, T>> waiting = new ArrayDeque<>();
  private boolean writing;

  /**
   * @param writeGroup writes every request in one transaction, answering each in their order; an
   *     answer may be a refusal of its request (a failed future) without failing the group
   * @param writeAlone writes one request in a transaction of its own (a lone request, and each
   *     request of a group that failed)
   */
  public GroupCommit(int largestGroup, Function<List<R>, Future<List<Future<T>>>> writeGroup, Function<R, Future<T>> writeAlone) {
    this.largestGroup = largestGroup;
    this.writeGroup = writeGroup;
    this.writeAlone = writeAlone;
  }

  public Future<T> submit(R request) {
    Promise<T> reply = Promise.promise();
    waiting.add(new Waiting<>(request, reply));
    if (!writing) {
      writeNext();
    }
    return reply.future();
  }

  private void writeNext() {
    writing = !waiting.isEmpty();
    if (!writing) {
      return;
    }
    List<Waiting<R, T>> group = new ArrayList<>();
    while (!waiting.isEmpty() && group.size() < largestGroup) {
      group.add(waiting.poll());
    }
    write(group).onComplete(done -> writeNext());
  }

  private Future<?> write(List<Waiting<R, T>> group) {
    if (group.size() == 1) {
      return alone(group.get(0));
    }
    List<R> requests = group.stream().map(Waiting::request).toList();
    return Future.succeededFuture(requests)
        .compose(writeGroup)
        .transform(written -> {
          if (written.succeeded()) {
            for (int i = 0; i < group.size(); i++) {
              answer(group.get(i), written.result().get(i));
            }
            return Future.succeededFuture();
          }
          if (DatabaseUnavailable.is(written.cause())) {
            // The connection failed, perhaps during COMMIT: the group may have been written. Writing
            // its requests again could make a second ticket of one without a key; their clients retry.
            group.forEach(one -> answer(one, Future.failedFuture(written.cause())));
            return Future.succeededFuture();
          }
          // Rare (two requests of the group racing with one new key, a quota reached meanwhile); were
          // it frequent, requests would be written one by one and the hall would notice only the slowness.
          LOG.warn("A group of {} requests failed and is written again request by request: {}", group.size(), written.cause().toString());
          return aloneInOrder(group, 0);
        });
  }

  /** One after another, so numbers follow the order the requests came in, as in the group. */
  private Future<?> aloneInOrder(List<Waiting<R, T>> group, int index) {
    return index == group.size()
        ? Future.succeededFuture()
        : alone(group.get(index)).transform(done -> aloneInOrder(group, index + 1));
  }

  private Future<T> alone(Waiting<R, T> one) {
    return Future.succeededFuture(one.request())
        .compose(writeAlone)
        .andThen(written -> answer(one, written));
  }

  /** A reply's own listeners must not stop the others from being answered, nor the next group. */
  private static <R, T> void answer(Waiting<R, T> one, AsyncResult<T> result) {
    try {
      if (result.succeeded()) {
        one.reply().tryComplete(result.result());
      } else {
        one.reply().tryFail(result.cause());
      }
    } catch (RuntimeException e) {
      LOG.error("A reply's listener failed", e);
    }
  }
}
