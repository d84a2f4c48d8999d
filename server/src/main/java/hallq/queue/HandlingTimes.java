package hallq.queue;

import hallq.db.PgTicketRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent handling times of each service, read in the background every {@link #REFRESH} rather
 * than per request: the issue-ticket path only looks them up. The last {@link #RECENT_TICKETS}
 * tickets finished within {@link #LOOK_BACK} stand for how the service goes now (a morning's
 * simple cases say little about the afternoon's, yesterday's less).
 */
public final class HandlingTimes {
  public static final Duration REFRESH = Duration.ofSeconds(30);
  public static final int RECENT_TICKETS = 40;
  public static final Duration LOOK_BACK = Duration.ofHours(3);

  private final Pool pool;
  private final PgTicketRepository tickets;
  private final HallClock clock;
  /** Replaced whole on each refresh; read from every event loop. */
  private volatile Map<String, HandlingProfile> recent = Map.of();

  public HandlingTimes(Pool pool, String hallId, HallClock clock) {
    this.pool = pool;
    this.tickets = new PgTicketRepository(hallId);
    this.clock = clock;
  }

  public Future<Void> refresh() {
    return pool.withConnection(sql -> tickets.recentHandlingMinutes(sql, clock.now().minus(LOOK_BACK), RECENT_TICKETS))
        .onSuccess(read -> recent = profiles(read))
        .mapEmpty();
  }

  /** The service's recent profile, or its standard handling time's while it has too little history. */
  public HandlingProfile of(String serviceCode, int standardServiceMinutes) {
    HandlingProfile found = recent.get(serviceCode);
    return found != null ? found : HandlingProfile.standard(standardServiceMinutes);
  }

  private static Map<String, HandlingProfile> profiles(Map<String, List<Double>> minutesByService) {
    Map<String, HandlingProfile> profiles = new HashMap<>();
    minutesByService.forEach((service, minutes) -> HandlingProfile.recent(minutes).ifPresent(p -> profiles.put(service, p)));
    return Map.copyOf(profiles);
  }
}
