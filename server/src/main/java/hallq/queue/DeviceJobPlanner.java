package hallq.queue;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.db.PgDeviceJobRepository;
import hallq.db.PgDeviceJobRepository.NewJob;
import hallq.device.JobKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What a queue change asks of the serial devices, written as device jobs in the change's own
 * transaction (after its event). Only kiosks and counters that a configured bridge drives get jobs,
 * so none pile up for devices nobody will fetch them for.
 */
final class DeviceJobPlanner {
  /** How long after service a rating request still makes sense (the same window as the counter screen's). */
  static final Duration RATING_WINDOW = Duration.ofMinutes(10);

  /** What the counter's LED sign shows. */
  enum SignShows { CALL, PAUSED, IDLE }

  private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final HallqConfig config;
  private final HallClock clock;
  private final PgDeviceJobRepository jobs;

  DeviceJobPlanner(HallqConfig config, HallClock clock) {
    this.config = config;
    this.clock = clock;
    this.jobs = new PgDeviceJobRepository(config.hall().id());
  }

  /** A ticket a kiosk just issued, to print with its place in the queue. */
  record TicketPrint(Ticket ticket, String kioskId, String citizenKey, int peopleAhead) {}

  /** The kiosks' printers print the tickets they just issued. */
  Future<Void> printTickets(SqlClient sql, List<TicketPrint> prints) {
    List<NewJob> printJobs = prints.stream()
        .filter(print -> config.bridged(print.kioskId()))
        .map(print -> new NewJob(JobKind.PRINT_TICKET, print.kioskId(), null, print.ticket().id(), printout(print), clock.now()))
        .toList();
    return printJobs.isEmpty() ? Future.succeededFuture() : jobs.insertAll(sql, printJobs);
  }

  private JsonObject printout(TicketPrint print) {
    Ticket ticket = print.ticket();
    String serviceName = config.serviceType(ticket.serviceCode()).map(ServiceTypeConfig::name).orElse(ticket.serviceCode());
    return new JsonObject()
        .put("hallName", config.hall().name())
        .put("serviceName", serviceName)
        .put("number", ticket.number())
        .put("issuedAt", ISSUED_AT.format(ticket.issuedAt().atZone(config.hall().timeZone())))
        .put("peopleAhead", print.peopleAhead())
        .put("ticketUrl", TicketPage.url(config.http().publicBaseUrl(), ticket.id(), print.citizenKey()));
  }

  /** A call shows on the counter's sign; a counter left without a ticket shows its idle text; a finish asks for a rating. */
  Future<Void> ticketChanged(SqlClient sql, EventType type, Ticket ticket, Integer counterNo) {
    if (counterNo == null || !config.bridged(counterNo)) {
      return Future.succeededFuture();
    }
    return switch (type) {
      case TICKET_CALLED, TICKET_RECALLED -> sign(sql, counterNo, SignShows.CALL, ticket.number());
      case TICKET_NO_SHOW, TICKET_TRANSFERRED, TICKET_CANCELLED, TICKET_PARKED -> sign(sql, counterNo, SignShows.IDLE, null);
      case SERVICE_FINISHED -> Future.all(sign(sql, counterNo, SignShows.IDLE, null), ratingRequest(sql, ticket)).mapEmpty();
      default -> Future.succeededFuture();
    };
  }

  /** 暂停服务 on the sign; on resume, the ticket the counter still holds or the idle text. */
  Future<Void> counterPaused(SqlClient sql, int counterNo, boolean paused, Ticket held) {
    if (!config.bridged(counterNo)) {
      return Future.succeededFuture();
    }
    if (paused) {
      return sign(sql, counterNo, SignShows.PAUSED, null);
    }
    return held == null ? sign(sql, counterNo, SignShows.IDLE, null) : sign(sql, counterNo, SignShows.CALL, held.number());
  }

  /** The counter's pad asks the citizen of this finished ticket for a rating; an older open request is dropped. */
  Future<Void> ratingRequest(SqlClient sql, Ticket finished) {
    int counterNo = finished.counterNo();
    if (!config.bridged(counterNo)) {
      return Future.succeededFuture();
    }
    JsonObject request = new JsonObject()
        .put("number", finished.number())
        .put("expiresAt", finished.endedAt().plus(RATING_WINDOW).toString());
    return replace(sql, new NewJob(JobKind.RATING_REQUEST, null, counterNo, finished.id(), request, clock.now()));
  }

  private Future<Void> sign(SqlClient sql, int counterNo, SignShows shows, String number) {
    JsonObject content = new JsonObject().put("shows", shows.name()).put("number", number).put("counterNo", counterNo);
    return replace(sql, new NewJob(JobKind.SHOW_ON_SIGN, null, counterNo, null, content, clock.now()));
  }

  /** The counter's pending job of this kind is superseded by the new one: sent together, run in this order. */
  private Future<Void> replace(SqlClient sql, NewJob job) {
    Future<Void> superseded = jobs.supersede(sql, job.kind(), job.counterNo(), job.at());
    Future<Void> inserted = jobs.insertAll(sql, List.of(job));
    return Future.all(superseded, inserted).mapEmpty();
  }
}
