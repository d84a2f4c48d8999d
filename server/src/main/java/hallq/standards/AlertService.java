package hallq.standards;

import hallq.DomainException;
import hallq.db.PgAlertRepository;
import hallq.db.PgAlertRepository.Alert;
import hallq.db.PgAlertRepository.Condition;
import hallq.db.PgEventLog;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import hallq.queue.TidalCounters;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The manager's alerts. {@link #check()} compares the conditions that hold now with the open
 * alerts: a new condition raises one alert (once per crossing), a condition that ended clears its
 * alert; each is an event on the live stream. With several server instances one checks at a time.
 */
public final class AlertService {
  /** How far back the alert list reaches for cleared alerts. */
  static final Duration RECENT = Duration.ofHours(12);

  private final Pool pool;
  private final HallClock clock;
  private final Duration counterPausedLimit;
  private final PgAlertRepository alerts;
  private final PgEventLog events;
  private final TidalCounters tidal;

  /** {@code tidal}: what a service's queue-too-long alert sets off (its automatic 潮汐 rule). */
  public AlertService(Pool pool, String hallId, HallClock clock, Duration counterPausedLimit, TidalCounters tidal) {
    this.tidal = tidal;
    this.pool = pool;
    this.clock = clock;
    this.counterPausedLimit = counterPausedLimit;
    this.alerts = new PgAlertRepository(hallId);
    this.events = new PgEventLog(hallId);
  }

  /** Raises and clears alerts to match the hall now; the number of changes, or 0 if another instance is checking. */
  public Future<Integer> check() {
    var now = clock.now();
    return pool.withTransaction(sql -> alerts.tryLock(sql).compose(locked -> !locked
        ? Future.succeededFuture(0)
        : alerts.conditions(sql, clock.today(), now, counterPausedLimit)
            .compose(conditions -> alerts.open(sql).compose(open -> apply(sql, conditions, open)))));
  }

  public Future<List<Alert>> recent() {
    return pool.withConnection(sql -> alerts.recent(sql, clock.now().minus(RECENT)));
  }

  /** A manager has seen the alert; acknowledging it again changes nothing. */
  public Future<Alert> acknowledge(long id, String by) {
    var now = clock.now();
    return pool.withTransaction(sql -> alerts.lock(sql, id)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("ALERT_NOT_FOUND", "alertId: no alert " + id)))
        .compose(alert -> alert.ackedBy() != null
            ? Future.succeededFuture(alert)
            : alerts.acknowledge(sql, id, by, now)
                .compose(v -> events.append(sql, EventType.ALERT_ACKED, null, null, by, now, alert.toJson().put("ackedBy", by)))
                .map(v -> new Alert(alert.id(), alert.kind(), alert.subject(), alert.detail(), alert.raisedAt(), alert.clearedAt(), by, now))));
  }

  private Future<Integer> apply(SqlConnection sql, List<Condition> conditions, List<Alert> open) {
    var now = clock.now();
    Set<String> opened = open.stream().map(a -> key(a.kind(), a.subject())).collect(Collectors.toSet());
    Set<String> holding = conditions.stream().map(c -> key(c.kind(), c.subject())).collect(Collectors.toSet());
    List<Condition> toRaise = conditions.stream().filter(c -> !opened.contains(key(c.kind(), c.subject()))).toList();
    List<Alert> toClear = open.stream().filter(a -> !holding.contains(key(a.kind(), a.subject()))).toList();
    Future<Void> chain = Future.succeededFuture();
    for (Condition condition : toRaise) {
      chain = chain.compose(v -> alerts.raise(sql, condition, now)
          .compose(raised -> events.append(sql, EventType.ALERT_RAISED, null, counterOf(condition.detail()), "hallq", now, raised.toJson()))
          .compose(v2 -> condition.kind() == AlertKind.QUEUE_TOO_LONG ? tidal.onQueueTooLong(sql, condition.subject()) : Future.succeededFuture())
          .mapEmpty());
    }
    for (Alert alert : toClear) {
      chain = chain.compose(v -> alerts.clear(sql, alert.id(), now)
          .compose(cleared -> events.append(sql, EventType.ALERT_CLEARED, null, counterOf(alert.detail()), "hallq", now,
              alert.toJson().put("clearedAt", now.toString())))
          .mapEmpty());
    }
    return chain.map(v -> toRaise.size() + toClear.size());
  }

  private static Integer counterOf(JsonObject detail) {
    return detail.getInteger("counterNo");
  }

  private static String key(AlertKind kind, String subject) {
    return kind + " " + subject;
  }
}
