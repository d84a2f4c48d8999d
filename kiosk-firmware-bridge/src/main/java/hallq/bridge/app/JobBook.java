package hallq.bridge.app;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which jobs this bridge has in hand or has done, so that a job the server sends again (after a
 * reconnect, before it heard the outcome) is never done twice: it is only reported again. Used on the
 * bridge's context only.
 */
final class JobBook {
  private static final Logger LOG = LoggerFactory.getLogger(JobBook.class);
  /** Done jobs remembered; far more than can be in flight between two acknowledgements. */
  static final int REMEMBERED = 10_000;

  private final ServerApi server;
  private final Set<Long> inHand = new HashSet<>();
  private final LinkedHashSet<Long> done = new LinkedHashSet<>();
  private final AtomicLong repeats = new AtomicLong();

  JobBook(ServerApi server) {
    this.server = server;
  }

  /** True the first time a job arrives; false if it is in hand or done already. */
  boolean take(Job job) {
    if (done.contains(job.id()) || !inHand.add(job.id())) {
      repeats.incrementAndGet();
      LOG.info("{} came again; it is {}", job, done.contains(job.id()) ? "done (the server will hear so)" : "in hand");
      return false;
    }
    return true;
  }

  /** The device did the job: remember it, then tell the server, retrying until it answers. */
  void deviceDone(Job job, Report report) {
    inHand.remove(job.id());
    done.add(job.id());
    if (done.size() > REMEMBERED) {
      done.remove(done.iterator().next());
    }
    if (report instanceof Report.Rating rating) {
      server.rating(job.id(), rating.score(), rating.reason());
    } else {
      server.outcome(job.id(), ((Report.Outcome) report).outcome());
    }
  }

  /** A newer job made this one pointless before it started (the server has closed it already). */
  void dropped(Job job) {
    inHand.remove(job.id());
  }

  /** Jobs that came again while in hand or after they were done, and were not done again. */
  long repeats() {
    return repeats.get();
  }
}
