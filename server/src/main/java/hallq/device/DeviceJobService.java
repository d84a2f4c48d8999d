package hallq.device;

import hallq.DomainException;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.db.PgDeviceJobRepository;
import hallq.queue.HallClock;
import hallq.rating.Rating;
import hallq.rating.RatingService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The bridge's side of the device-job outbox: which jobs are pending for it, and their outcomes.
 * A bridge sees and closes only the jobs of the kiosks and counters it drives.
 */
public final class DeviceJobService {
  public static final int PAGE = 200;

  private final Pool pool;
  private final HallClock clock;
  private final RatingService ratings;
  private final PgDeviceJobRepository jobs;

  public DeviceJobService(Pool pool, String hallId, HallClock clock, RatingService ratings) {
    this.pool = pool;
    this.clock = clock;
    this.ratings = ratings;
    this.jobs = new PgDeviceJobRepository(hallId);
  }

  /** Up to a page of this bridge's pending jobs after {@code afterId}, oldest first. */
  public Future<List<DeviceJob>> pending(DeviceConfig bridge, long afterId) {
    return pool.withConnection(sql -> jobs.pending(sql, bridge.kiosks(), bridge.counters(), afterId, PAGE));
  }

  /** Closes a job; repeating an outcome already recorded changes nothing. */
  public Future<DeviceJob> complete(DeviceConfig bridge, long jobId, JobOutcome outcome) {
    return pool.withTransaction(sql -> locked(sql, bridge, jobId).compose(job -> {
      if (!job.pending()) {
        return Future.succeededFuture(job);
      }
      if (!outcome.reportable(job.kind())) {
        throw DomainException.invalid("outcome", outcome + " does not end a " + job.kind() + " job");
      }
      return jobs.complete(sql, jobId, outcome, bridge.id(), clock.now()).map(v -> closed(job, outcome));
    }));
  }

  /**
   * The pad's key press becomes the ticket's rating, and the request closes, in one transaction. A
   * retry of the same rating (its reply was lost) gets it again; a request that closed otherwise
   * takes no rating.
   */
  public Future<Rating> rateFromPad(DeviceConfig bridge, long jobId, int score, String reason) {
    return pool.withTransaction(sql -> locked(sql, bridge, jobId).compose(job -> {
      if (job.kind() != JobKind.RATING_REQUEST) {
        throw DomainException.conflict("NOT_A_RATING_REQUEST", "job " + jobId + " is a " + job.kind() + " job");
      }
      if (job.outcome() == JobOutcome.RATED) {
        return ratings.find(job.ticketId())
            .map(found -> found.filter(r -> r.score() == score && java.util.Objects.equals(r.reason(), reason))
                .orElseThrow(() -> requestClosed(jobId, job.outcome())));
      }
      if (!job.pending()) {
        throw requestClosed(jobId, job.outcome());
      }
      return ratings.rateAtPad(sql, job.ticketId(), bridge.id(), score, reason)
          .compose(rating -> jobs.complete(sql, jobId, JobOutcome.RATED, bridge.id(), clock.now()).map(v -> rating));
    }));
  }

  private Future<DeviceJob> locked(SqlConnection sql, DeviceConfig bridge, long jobId) {
    return jobs.lock(sql, jobId).map(found -> found
        .filter(job -> job.kioskId() != null ? bridge.serves(job.kioskId()) : bridge.serves(job.counterNo()))
        .orElseThrow(() -> DomainException.notFound("JOB_NOT_FOUND", "jobId: bridge " + bridge.id() + " has no job " + jobId)));
  }

  private static DeviceJob closed(DeviceJob job, JobOutcome outcome) {
    return new DeviceJob(job.id(), job.kind(), job.kioskId(), job.counterNo(), job.ticketId(), job.payload(), job.createdAt(), outcome);
  }

  private static DomainException requestClosed(long jobId, JobOutcome outcome) {
    return DomainException.conflict("RATING_REQUEST_CLOSED", "rating request " + jobId + " has closed (" + outcome + ")");
  }
}
