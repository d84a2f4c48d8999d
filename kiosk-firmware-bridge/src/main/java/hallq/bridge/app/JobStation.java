package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device that takes jobs one at a time, in order. A job that fails (unplugged, out of paper, no
 * answer) stays at the head and is tried again after a wait that grows to
 * {@code timing.deviceRetryMax}: it completes when the device is back. Only then does the server
 * hear of it.
 */
abstract class JobStation {
  private static final Logger LOG = LoggerFactory.getLogger(JobStation.class);

  protected final Vertx vertx;
  protected final DeviceConfig device;
  protected final PortRunner runner;
  protected final BridgeConfig.Timing timing;
  private final JobBook book;
  private final Deque<Job> queue = new ArrayDeque<>();
  private boolean busy;
  private Duration retryWait;

  JobStation(Vertx vertx, DeviceConfig device, PortRunner runner, BridgeConfig.Timing timing, JobBook book) {
    this.vertx = vertx;
    this.device = device;
    this.runner = runner;
    this.timing = timing;
    this.book = book;
    this.retryWait = timing.reconnectMin();
  }

  DeviceConfig device() {
    return device;
  }

  /** Whether this station does this job (its kind, its kiosk or counter). */
  abstract boolean takes(Job job);

  /** Does the job on the device; fails if it must be tried again. */
  protected abstract Future<Report> perform(Job job);

  /** Whether only the newest job counts (a sign shows one thing): older waiting ones are dropped. */
  protected boolean newestOnly() {
    return false;
  }

  void accept(Job job) {
    if (newestOnly() && !queue.isEmpty()) {
      Job head = busy ? queue.pollFirst() : null;
      queue.forEach(book::dropped);
      queue.clear();
      if (head != null) {
        queue.add(head);
      }
    }
    queue.addLast(job);
    pump();
  }

  /** Starts what the station does besides jobs (status polls, key polls). */
  void start() {}

  private void pump() {
    if (busy || queue.isEmpty()) {
      return;
    }
    busy = true;
    Job job = queue.peekFirst();
    perform(job).onComplete(result -> {
      busy = false;
      if (result.succeeded()) {
        queue.remove(job);
        retryWait = timing.reconnectMin();
        book.deviceDone(job, result.result());
        pump();
      } else {
        LOG.warn("{} could not do {} ({}); trying again in {} ms", device.id(), job, result.cause().toString(), retryWait.toMillis());
        vertx.setTimer(retryWait.toMillis(), id -> pump());
        Duration doubled = retryWait.multipliedBy(2);
        retryWait = doubled.compareTo(timing.deviceRetryMax()) > 0 ? timing.deviceRetryMax() : doubled;
      }
    });
  }
}
