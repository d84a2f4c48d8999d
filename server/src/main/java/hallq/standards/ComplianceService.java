package hallq.standards;

import hallq.config.HallqConfig;
import hallq.db.PgComplianceRepository;
import hallq.db.PgComplianceRepository.Wait;
import hallq.db.PgStandardsRepository;
import hallq.queue.CounterState;
import hallq.queue.HallClock;
import hallq.queue.QueueService;
import hallq.queue.Ticket;
import hallq.queue.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Live compliance with the service standards: per service today (waits against target and
 * service-level goal), each waiting citizen's wait and level, and each counter's current handling
 * time against the standard.
 */
public final class ComplianceService {
  /** The longest waits listed. */
  static final int WAITING_LISTED = 50;

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final QueueService queue;
  private final PgComplianceRepository waits;
  private final PgStandardsRepository standards;

  public ComplianceService(Pool pool, HallqConfig config, HallClock clock, QueueService queue) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.queue = queue;
    this.waits = new PgComplianceRepository(config.hall().id());
    this.standards = new PgStandardsRepository(config.hall().id());
  }

  private record Today(Map<String, PgStandardsRepository.Current> standards, List<Wait> waits) {}

  public Future<JsonObject> live() {
    Instant now = clock.now();
    Future<Today> today = pool.withConnection(sql -> standards.standards(sql)
        .compose(current -> waits.today(sql, clock.today()).map(all -> new Today(current, all))));
    return today.compose(t -> queue.counters()
        .map(counters -> services(t.standards(), t.waits(), now).put("counters", counters(counters, t.standards(), now))));
  }

  private JsonObject services(Map<String, PgStandardsRepository.Current> current, List<Wait> today, Instant now) {
    JsonArray services = new JsonArray();
    current.forEach((code, standard) -> {
      List<Duration> waitingNow = today.stream().filter(w -> w.serviceCode().equals(code) && w.calledAt() == null)
          .map(w -> Duration.between(w.queuedAt(), now)).toList();
      List<Duration> called = today.stream().filter(w -> w.serviceCode().equals(code) && w.calledAt() != null)
          .map(w -> Duration.between(w.queuedAt(), w.calledAt())).toList();
      services.add(ServiceCompliance.of(standard.standard(), waitingNow, called).toJson()
          .put("serviceCode", code)
          .put("name", config.serviceType(code).map(HallqConfig.ServiceTypeConfig::name).orElse(code))
          .put("standard", standard.standard().toJson()));
    });
    JsonArray waiting = new JsonArray(today.stream()
        .filter(w -> w.calledAt() == null && current.containsKey(w.serviceCode()))
        .sorted(Comparator.comparing(Wait::queuedAt))
        .limit(WAITING_LISTED)
        .map(w -> {
          Duration wait = Duration.between(w.queuedAt(), now);
          return new JsonObject()
              .put("ticketId", w.ticketId().toString())
              .put("number", w.number())
              .put("serviceCode", w.serviceCode())
              .put("waitSeconds", wait.toSeconds())
              .put("level", WaitLevel.of(wait, current.get(w.serviceCode()).standard()).name());
        })
        .toList());
    return new JsonObject().put("at", now.toString()).put("services", services).put("waiting", waiting);
  }

  private static JsonArray counters(List<CounterState> counters, Map<String, PgStandardsRepository.Current> current, Instant now) {
    return new JsonArray(counters.stream().map(counter -> {
      JsonObject json = new JsonObject().put("counterNo", counter.no()).put("name", counter.name()).put("paused", counter.paused());
      Ticket ticket = counter.ticket();
      if (ticket != null) {
        Instant since = ticket.status() == TicketStatus.SERVING ? ticket.startedAt() : ticket.calledAt();
        Duration handling = Duration.between(since, now);
        var standard = current.get(ticket.serviceCode());
        int minutes = standard == null ? 0 : standard.standard().standardServiceMinutes();
        json.put("ticket", new JsonObject()
            .put("number", ticket.number())
            .put("serviceCode", ticket.serviceCode())
            .put("status", ticket.status().name())
            .put("handlingSeconds", ticket.status() == TicketStatus.SERVING ? handling.toSeconds() : null)
            .put("calledSeconds", ticket.status() == TicketStatus.CALLED ? handling.toSeconds() : null)
            .put("standardServiceMinutes", minutes)
            .put("overStandard", ticket.status() == TicketStatus.SERVING && handling.compareTo(Duration.ofMinutes(minutes)) > 0));
      }
      return json;
    }).toList());
  }
}
