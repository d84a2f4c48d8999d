package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for one event loop. Requests that arrive while a group is being written wait, and
 * the next group writes all of them in one transaction: one commit, and a few set-wide statements
 * instead of a few statements each. A hot row (a service's number sequence) is then locked once
 * per group, not once per request through every commit.
 *
 * <p>A group is all or nothing. If it fails, it rolled back whole, and each of its requests is
 * written again alone, so a bad request answers for itself (with its own precise error) and costs
 * the others only time. A reply is completed only after the write that made it committed.
 *
 * <p>Not thread-safe: create one per verticle and submit from its event loop only.
 */
public final class GroupCommit<R, T> {
  private record Waiting<R, T>(R request, Promise<T> reply) {}

  private final int largestGroup;
  private final Function<List<R>, Future<List<T>>> writeGroup;
  private final Function<R, Future<T>> writeAlone;
  private final ArrayDeque<Waiting<R, T>> waiting = new ArrayDeque<>();
  private boolean writing;

  /**
   * @param writeGroup writes every request in one transaction, answering in their order
   * @param writeAlone writes one request in a transaction of its own (a lone request, and each
   *     request of a group that failed)
   */
  public GroupCommit(int largestGroup, Function<List<R>, Future<List<T>>> writeGroup, Function<R, Future<T>> writeAlone) {
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
        .<Void>map(replies -> {
          for (int i = 0; i < group.size(); i++) {
            group.get(i).reply().complete(replies.get(i));
          }
          return null;
        })
        .recover(failure -> Future.join(group.stream().map(this::alone).toList()).mapEmpty());
  }

  private Future<T> alone(Waiting<R, T> one) {
    return Future.succeededFuture(one.request())
        .compose(writeAlone)
        .onComplete(one.reply());
  }
}
