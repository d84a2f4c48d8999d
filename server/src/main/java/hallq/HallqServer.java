package hallq;

import hallq.appointment.AppointmentService;
import hallq.auth.AuthService;
import hallq.config.HallqConfig;
import hallq.db.Database;
import hallq.db.PgHallRepository;
import hallq.db.PgSessionRepository;
import hallq.demo.DemoDevices;
import hallq.device.DeviceJobService;
import hallq.device.DeviceStatusService;
import hallq.http.ApiVerticle;
import hallq.push.EventFeed;
import hallq.quality.IndicatorService;
import hallq.quality.QualityReports;
import hallq.queue.CloseOfDay;
import hallq.queue.ClosingRules;
import hallq.queue.HallClock;
import hallq.queue.HallRules;
import hallq.queue.HandlingTimes;
import hallq.queue.PriorityRules;
import hallq.queue.QueueService;
import hallq.queue.TidalCounters;
import hallq.rating.DefaultRatings;
import hallq.rating.FollowUpService;
import hallq.rating.ProvincialFeedSender;
import hallq.sms.SmsSender;
import hallq.sms.TicketContacts;
import hallq.rating.RatingService;
import hallq.report.DaySummaries;
import hallq.report.ReportService;
import hallq.standards.AlertService;
import hallq.standards.ComplianceService;
import hallq.standards.StandardsService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running HallQ server: database started (or reached) and migrated, the hall config written to
 * it, then the HTTP verticles deployed. Blocking steps run on a worker thread.
 */
public final class HallqServer {
  private static final Logger LOG = LoggerFactory.getLogger(HallqServer.class);

  /** A request waits at most this long for a database connection, then fails with 503 rather than hang. */
  private static final int POOL_WAIT_SECONDS = 5;
  /** An unreachable database fails a connection attempt after this long, not the driver's default minute. */
  private static final int CONNECT_TIMEOUT_MS = 3_000;

  private final Vertx vertx;
  private final Database database;
  private final Pool pool;
  private final EventFeed feed;
  private final Deployed deployed;

  private HallqServer(Vertx vertx, Database database, Pool pool, EventFeed feed, Deployed deployed) {
    this.vertx = vertx;
    this.database = database;
    this.pool = pool;
    this.feed = feed;
    this.deployed = deployed;
  }

  public static Future<HallqServer> start(Vertx vertx, HallqConfig config, Clock clock) {
    HallClock hallClock = new HallClock(clock, config.hall().timeZone());
    return vertx.executeBlocking(() -> {
      Database database = Database.open(config);
      try {
        database.migrate();
        return database;
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    }).compose(database -> {
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(config.db().poolSize())
              .setConnectionTimeout(POOL_WAIT_SECONDS).setConnectionTimeoutUnit(TimeUnit.SECONDS))
          .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
          .connectingTo(database.connectOptions())
          .using(vertx)
          .build();
      return new PgHallRepository(config.hall().id()).sync(pool, config)
          .compose(v -> vertx.executeBlocking(() ->
              new AuthService(vertx, config, hallClock, new PgSessionRepository(pool, config.hall().id()))))
          .compose(auth -> EventFeed.start(vertx, pool, database.connectOptions(), config.hall().id())
              .compose(feed -> deploy(vertx, config, new QueueService(pool, config, hallClock), auth, pool, hallClock, feed)
                  .map(deployed -> new HallqServer(vertx, database, pool, feed, deployed))
                  .onFailure(e -> feed.close())))
          .onFailure(e -> release(vertx, pool, database));
    });
  }

  private record Deployed(String id, int port, AuthService auth, DemoDevices demo, AlertService alerts, long alertTimer, long rollUpTimer,
      ProvincialFeedSender provincialFeed, SmsSender sms, DefaultRatings defaultRatings, CloseOfDay closeOfDay, long closeOfDayTimer, long defaultRatingTimer,
      HandlingTimes handlingTimes, long handlingTimesTimer) {}

  /** Default ratings are looked for this often (and once at start): they fall due at the start of a day. */
  private static final long DEFAULT_RATING_MILLIS = 10 * 60 * 1000L;

  /** The close of day is looked for this often: a day closes at most this late after its closing time, or after a start. */
  private static final long CLOSE_OF_DAY_MILLIS = 60 * 1000L;

  /** Report roll-ups run in the background this often (and once at start). */
  private static final long ROLL_UP_MILLIS = 60 * 60 * 1000L;

  private static Future<Deployed> deploy(Vertx vertx, HallqConfig config, QueueService queue, AuthService auth,
      Pool pool, HallClock clock, EventFeed feed) {
    String hallId = config.hall().id();
    FollowUpService followUps = new FollowUpService(pool, hallId, clock, config.followUp());
    RatingService ratings = new RatingService(pool, config, clock, followUps);
    DeviceStatusService devices = new DeviceStatusService(pool, hallId, clock);
    DeviceJobService jobs = new DeviceJobService(pool, hallId, clock, ratings);
    DemoDevices demo = new DemoDevices();
    StandardsService standards = new StandardsService(pool, config, clock);
    ReportService reports = new ReportService(pool, config, clock);
    TidalCounters tidal = new TidalCounters(pool, config, clock);
    AlertService alerts = new AlertService(pool, hallId, clock, Duration.ofMinutes(config.alerts().counterPausedMinutes()), tidal);
    ProvincialFeedSender provincialFeed = ProvincialFeedSender.start(vertx, pool, hallId, config.provincialFeed());
    SmsSender sms = SmsSender.start(vertx, pool, config);
    DefaultRatings defaultRatings = new DefaultRatings(pool, config, clock);
    IndicatorService indicators = new IndicatorService(pool, config, clock);
    TicketContacts contacts = new TicketContacts(pool, config, clock);
    ApiVerticle.Services services = new ApiVerticle.Services(queue, auth, ratings, followUps, devices, jobs, demo, standards,
        alerts, new ComplianceService(pool, config, clock, queue), reports, indicators, QualityReports.of(pool, config, clock, indicators),
        feed, provincialFeed, new PriorityRules(pool, config, clock), new ClosingRules(pool, config, clock), new DaySummaries(pool, config),
        HallRules.queue(pool, config, clock), HallRules.nearCall(pool, config, clock), contacts, sms, tidal,
        new AppointmentService(pool, config, clock, queue, contacts));
    CloseOfDay closeOfDay = new CloseOfDay(pool, config, clock);
    AtomicInteger port = new AtomicInteger();
    int instances = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    return vertx.deployVerticle(() -> new ApiVerticle(config, services, port::set),
            new DeploymentOptions().setInstances(instances))
        .map(id -> new Deployed(id, port.get(), auth, demo, alerts,
            vertx.setPeriodic(config.alerts().checkSeconds() * 1000L, timer -> alerts.check().onFailure(e -> LOG.warn("Alert check failed", e))),
            vertx.setPeriodic(1, ROLL_UP_MILLIS, timer -> reports.rollUpSettledDays().onFailure(e -> LOG.warn("Report roll-up failed", e))),
            provincialFeed, sms, defaultRatings,
            closeOfDay, vertx.setPeriodic(CLOSE_OF_DAY_MILLIS, timer -> closeOfDay.run().onFailure(e -> LOG.warn("Close of day failed", e))),
            vertx.setPeriodic(1, DEFAULT_RATING_MILLIS, timer -> defaultRatings.giveDue().onFailure(e -> LOG.warn("Default ratings failed", e))),
            queue.handlingTimes(),
            vertx.setPeriodic(1, HandlingTimes.REFRESH.toMillis(),
                timer -> queue.handlingTimes().refresh().onFailure(e -> LOG.warn("Handling times refresh failed", e)))))
        .onFailure(e -> provincialFeed.stop().eventually(sms::stop))
        .onSuccess(d -> LOG.info("HallQ serving hall '{}' on port {} ({} HTTP verticles)", config.hall().id(), d.port(), instances))
        .compose(d -> config.demo().simulatedDevices()
            ? demo.start(vertx, config, d.port()).map(d).recover(e -> vertx.undeploy(d.id()).transform(v -> Future.failedFuture(e)))
            : Future.succeededFuture(d));
  }

  public int port() {
    return deployed.port();
  }

  /** The manager's alerts; they are checked every {@code alerts.checkSeconds}, and tests check them at will. */
  public AlertService alerts() {
    return deployed.alerts();
  }

  /** 默认评价; given every few minutes, and tests give them at will. */
  public DefaultRatings defaultRatings() {
    return deployed.defaultRatings();
  }

  /** The close-of-day job; it runs every minute, and tests run it at will. */
  public CloseOfDay closeOfDay() {
    return deployed.closeOfDay();
  }

  /** Recent handling times behind wait estimates; refreshed every 30 seconds, and by tests at will. */
  public HandlingTimes handlingTimes() {
    return deployed.handlingTimes();
  }

  /** The demo's simulated devices, when {@code demo.simulatedDevices} is on. */
  public DemoDevices demo() {
    return deployed.demo();
  }

  /** Stops serving, closes the pool and stops the embedded PostgreSQL if this server started it. */
  public Future<Void> close() {
    vertx.cancelTimer(deployed.alertTimer());
    vertx.cancelTimer(deployed.rollUpTimer());
    vertx.cancelTimer(deployed.defaultRatingTimer());
    vertx.cancelTimer(deployed.closeOfDayTimer());
    vertx.cancelTimer(deployed.handlingTimesTimer());
    return deployed.provincialFeed().stop()
        .eventually(() -> deployed.sms().stop())
        .eventually(() -> deployed.demo().close(vertx))
        .eventually(() -> vertx.undeploy(deployed.id()))
        .eventually(() -> feed.close())
        .eventually(() -> deployed.auth().close())
        .eventually(() -> release(vertx, pool, database));
  }

  private static Future<Void> release(Vertx vertx, Pool pool, Database database) {
    return pool.close()
        .eventually(() -> vertx.executeBlocking(() -> {
          database.close();
          return null;
        }))
        .mapEmpty();
  }
}
