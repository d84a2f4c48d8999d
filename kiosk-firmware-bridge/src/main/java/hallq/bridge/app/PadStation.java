package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.device.EvaluationPad;
import hallq.bridge.device.PadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A counter's evaluation pad on the counters' RS-485 bus. A rating request opens on the pad, is
 * polled between the bus's other traffic (so the keypads stay responsive), and ends in one of: the
 * citizen's key (the ticket's rating), a timeout (unrated), or — if the request reached the bridge
 * after its {@code expiresAt} — expired without asking anyone.
 */
final class PadStation extends JobStation {
  private static final Logger LOG = LoggerFactory.getLogger(PadStation.class);

  private final EvaluationPad pad;

  PadStation(Vertx vertx, DeviceConfig device, PortRunner runner, BridgeConfig.Timing timing, JobBook book) {
    super(vertx, device, runner, timing, book);
    this.pad = new EvaluationPad(runner.port(), device.address());
  }

  @Override
  boolean takes(Job job) {
    return Job.RATING_REQUEST.equals(job.kind()) && device.counterNo().equals(job.counterNo());
  }

  @Override
  protected Future<Report> perform(Job job) {
    if (Instant.now().isAfter(Instant.parse(job.payload().getString("expiresAt")))) {
      return Future.succeededFuture(new Report.Outcome("EXPIRED"));
    }
    int requestId = requestId(job);
    long deadline = System.nanoTime() + timing.ratingWindow().plus(timing.busPoll().multipliedBy(EvaluationPad.GRACE_POLLS)).toNanos();
    return runner.run(() -> {
      pad.open(requestId, timing.ratingWindow(), timing.reply());
      return null;
    }).compose(v -> awaitResult(job, requestId, deadline));
  }

  private Future<Report> awaitResult(Job job, int requestId, long deadline) {
    return vertx.timer(timing.busPoll().toMillis())
        .compose(v -> runner.run(() -> pad.check(requestId, timing.reply())))
        .compose(result -> {
          if (result.isEmpty() && System.nanoTime() - deadline < 0) {
            return awaitResult(job, requestId, deadline);
          }
          return runner.run(() -> {
            pad.close(timing.reply());
            return report(job, result);
          });
        });
  }

  private static Report report(Job job, Optional<PadOutcome> result) {
    if (result.isPresent() && result.get() instanceof PadOutcome.Rated rated) {
      return new Report.Rating(rated.score().value(), rated.reason().map(Enum::name).orElse(null));
    }
    if (result.isPresent() && result.get() instanceof PadOutcome.Invalid invalid) {
      LOG.warn("The pad's answer to {} is not a rating ({}); the ticket stays unrated", job, invalid.why());
    }
    return new Report.Outcome("TIMED_OUT");
  }

  /** 1..65535, and consecutive jobs differ, as the pad protocol asks. */
  static int requestId(Job job) {
    return (int) (job.id() % 65_535) + 1;
  }
}
