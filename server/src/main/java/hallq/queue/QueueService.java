package hallq.queue;

import hallq.DomainException;
import hallq.config.HallqConfig.QueueRules;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.config.HallqConfig;
import hallq.db.GroupCommit;
import hallq.db.PgCounterRepository.CounterRow;
import hallq.db.PgCounterRepository;
import hallq.db.PgEventLog.NewEvent;
import hallq.db.PgEventLog;
import hallq.db.PgHallRules;
import hallq.db.PgHallRepository;
import hallq.db.PgPriorityRuleRepository;
import hallq.db.PgSmsRepository;
import hallq.db.PgStandardsRepository;
import hallq.db.PgTicketRepository.Ahead;
import hallq.db.PgTicketRepository.NewTicket;
import hallq.db.PgTicketRepository;
import hallq.queue.DeviceJobPlanner.TicketPrint;
import hallq.standards.IssueRules;
import hallq.standards.OpeningHours;
import hallq.standards.ServiceStandard;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The queue rules. Every operation is one transaction that changes the ticket and appends its
 * event; a returned future succeeds only after that transaction committed.
 */
public final class QueueService {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String IDEMPOTENCY_INDEX = "ticket_idempotency_key";
  /** The most tickets written in one transaction. */
  private static final int LARGEST_ISSUE_GROUP = 64;

  /**
   * A ticket issued now, or the one an earlier request with the same idempotency key made, with the
   * secret of its QR link (for the kiosk only) and its position, read in the same transaction.
   */
  public record Issued(Ticket ticket, boolean created, String citizenKey, Position position) {}

  /**
   * A ticket's public status: how many are ahead and the estimated wait (null when no counter is
   * open, or the ticket no longer waits); for a transferred ticket, the id of the ticket that now
   * waits for the next service.
   */
  public record Position(Ticket ticket, int ahead, WaitBand estimatedWait, UUID transferredTo) {}

  public record Transfer(Ticket from, Ticket to) {}

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgTicketRepository tickets;
  private final PgCounterRepository counters;
  private final PgHallRepository hall;
  private final PgEventLog events;
  private final CallPolicy callPolicy;
  private final PgPriorityRuleRepository priorityRules;
  private final PgHallRules<QueueRules> hallRules;
  private final DeviceJobPlanner deviceJobs;
  private final PgStandardsRepository standards;
  private final HandlingTimes handlingTimes;
  private final PgSmsRepository sms;

  public QueueService(Pool pool, HallqConfig config, HallClock clock) {
    String hallId = config.hall().id();
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.tickets = new PgTicketRepository(hallId);
    this.counters = new PgCounterRepository(hallId);
    this.hall = new PgHallRepository(hallId);
    this.events = new PgEventLog(hallId);
    this.callPolicy = new CallPolicy(hallId);
    this.priorityRules = new PgPriorityRuleRepository(hallId);
    this.hallRules = PgHallRules.queueRules(hallId);
    this.deviceJobs = new DeviceJobPlanner(config, clock);
    this.standards = new PgStandardsRepository(hallId);
    this.handlingTimes = new HandlingTimes(pool, hallId, clock);
    this.sms = new PgSmsRepository(hallId);
  }

  /** The recent handling times wait estimates are made from; refreshed in the background, and by tests at will. */
  public HandlingTimes handlingTimes() {
    return handlingTimes;
  }

  /** A kiosk's request for a ticket, its service and priority checked against the configuration. */
  public record IssueRequest(ServiceTypeConfig service, String priority, String idempotencyKey, String actor) {}

  /** Throws for an unknown service type or priority category. */
  public IssueRequest issueRequest(String serviceCode, String priority, String idempotencyKey, String actor) {
    ServiceTypeConfig service = config.serviceType(serviceCode)
        .orElseThrow(() -> DomainException.invalid("serviceCode", "unknown service type '" + serviceCode + "'"));
    if (priority != null && !config.hasPriority(priority)) {
      throw DomainException.invalid("priority", "unknown priority category '" + priority + "'");
    }
    return new IssueRequest(service, priority, idempotencyKey, actor);
  }

  /**
   * Issues tickets for one verticle's kiosks in groups ({@link GroupCommit}): requests that arrive
   * together share one transaction. Numbers, positions and replies are as if issued one by one.
   */
  public GroupCommit<IssueRequest, Issued> ticketIssuer() {
    return new GroupCommit<>(LARGEST_ISSUE_GROUP, requests -> pool.withTransaction(sql -> issueGroup(sql, requests)), this::issue);
  }

  /**
   * A ticket issued in the caller's transaction (an appointment's check-in), under the hall's issue rules
   * (open, last issue time, quota), with its print job for the kiosk named as the request's actor.
   */
  public Future<Issued> issueIn(SqlConnection sql, ServiceTypeConfig service, String priority, String kioskId) {
    return insertNew(sql, List.of(new IssueRequest(service, priority, null, kioskId))).compose(issued -> issued.get(0));
  }

  /** One request in a transaction of its own; a retried request gets the ticket its key made. */
  private Future<Issued> issue(IssueRequest request) {
    String key = request.idempotencyKey();
    Future<Issued> attempt = pool.withTransaction(sql -> existing(sql, key)
        .compose(found -> found.isPresent()
            ? replay(sql, found.get(), request)
            : insertNew(sql, List.of(request)).compose(issued -> issued.get(0))));
    // Two kiosk retries racing with one key: the loser's transaction rolled back (no number used up); return the winner's.
    return attempt.recover(failure -> isUniqueViolation(failure, IDEMPOTENCY_INDEX)
        ? pool.withConnection(sql -> existing(sql, key).compose(found -> replay(sql, found.orElseThrow(), request)))
        : Future.failedFuture(failure));
  }

  public Future<Position> position(UUID ticketId) {
    return pool.withConnection(sql -> tickets.find(sql, ticketId)
        .map(found -> found.orElseThrow(() -> ticketNotFound(ticketId)))
        .compose(ticket -> position(sql, ticket)));
  }

  private Future<Position> position(SqlConnection sql, Ticket ticket) {
    return switch (ticket.status()) {
      case WAITING -> standards.standard(sql, ticket.serviceCode()).compose(standard -> waitingPosition(sql, ticket, standard));
      case TRANSFERRED -> tickets.transferredTo(sql, ticket.id()).map(next -> new Position(ticket, 0, null, next.orElse(null)));
      default -> Future.succeededFuture(new Position(ticket, 0, null, null));
    };
  }

  private Future<Position> waitingPosition(SqlConnection sql, Ticket ticket, ServiceStandard standard) {
    return tickets.aheadAndOpenCounters(sql, ticket).map(ahead -> estimate(ticket, ahead, standard));
  }

  public Future<CounterState> callNext(int counterNo, String actor) {
    return pool.withTransaction(sql -> {
      return lockCounter(sql, counterNo, true).compose(locked -> {
        CounterRow counter = locked.counter();
        requireFree(locked);
        boolean counted = counter.services().stream().anyMatch(service -> counter.priorityRule(service).mode() == PriorityRule.Mode.RATIO);
        return callPolicy.pickNext(sql, counter.services(), counter::priorityRule, counter.walkInsSincePriority(), clock.today())
            .compose(next -> next.isEmpty()
                ? Future.succeededFuture(state(counter, null))
                : called(sql, next.get().call(counterNo, clock.now()), counted, counter, actor).map(called -> state(counter, called)));
      });
    });
  }

  /**
   * Records a call (with what goes with it, pipelined: no extra round trip): a counter with a RATIO
   * service counts it, a ticket of a service assigned to the counter for now (潮汐) names the assignment,
   * and while any SMS contact is open the reminders the call makes due are queued.
   */
  private Future<Ticket> called(SqlConnection sql, Ticket ticket, boolean counted, CounterRow counter, String actor) {
    List<Future<?>> all = new ArrayList<>();
    Future<Ticket> changed = change(sql, ticket, EventType.TICKET_CALLED, actor);
    all.add(changed);
    // An appointment is outside the RATIO count: it neither uses up a priority turn nor counts as a walk-in.
    if (counted && !Ticket.APPOINTMENT.equals(ticket.priority())) {
      all.add(priorityRules.countCall(sql, ticket.counterNo(), ticket.priority() != null));
    }
    all.addAll(alongWithTheCall(sql, ticket, counter));
    return Future.all(all).map(done -> changed.result());
  }

  /** What goes with any call at this counter: the 潮汐 attribution and the SMS reminders it makes due. */
  private List<Future<?>> alongWithTheCall(SqlConnection sql, Ticket called, CounterRow counter) {
    List<Future<?>> along = new ArrayList<>();
    Long assignment = counter.assignments().get(called.serviceCode());
    if (assignment != null) {
      along.add(tickets.attributeToAssignment(sql, called.id(), assignment));
    }
    if (counter.smsContacts()) {
      along.add(sms.queueDue(sql, called.id(), clock.now()));
    }
    return along;
  }

  /** A counter may call when it is open and holds no ticket. */
  private static void requireFree(LockedCounter locked) {
    int counterNo = locked.counter().no();
    if (locked.counter().paused()) {
      throw DomainException.conflict("COUNTER_PAUSED", "counter " + counterNo + " is paused; resume it first");
    }
    locked.held().ifPresent(t -> {
      throw DomainException.conflict("COUNTER_BUSY",
          "counter " + counterNo + " still holds ticket " + t.number() + " (" + t.status() + "); finish it or mark it no-show first");
    });
  }

  /** A counter and the ticket it holds, both locked for the transaction. */
  private record LockedCounter(CounterRow counter, Optional<Ticket> held) {
    Ticket requireHeld() {
      return held.orElseThrow(() -> DomainException.conflict("NO_CURRENT_TICKET",
          "counter " + counter.no() + " holds no ticket; call the next one first"));
    }
  }

  /** Locks the counter, then its ticket: two statements sent together (pipelined, run in this order). */
  private Future<LockedCounter> lockCounter(SqlConnection sql, int counterNo) {
    return lockCounter(sql, counterNo, false);
  }

  /**
   * {@code toCall}: the counter is about to call, so what it calls now (its services and 潮汐 assignments)
   * and whether SMS reminders are open are read with the lock; an operation on the ticket it holds
   * (start, finish, recall …) locks the row alone, a lighter query on every such step.
   */
  private Future<LockedCounter> lockCounter(SqlConnection sql, int counterNo, boolean toCall) {
    Future<CounterRow> counter = toCall ? counters.lock(sql, counterNo, clock.now()) : counters.lockRow(sql, counterNo);
    Future<Optional<Ticket>> held = tickets.lockAtCounter(sql, counterNo);
    return Future.all(counter, held).map(both -> new LockedCounter(counter.result(), held.result()));
  }

  /** Calls the counter's ticket again; past the hall's recall limit it becomes a no-show instead. */
  public Future<Ticket> recall(int counterNo, String actor) {
    return pool.withTransaction(sql -> {
      Future<LockedCounter> locked = lockCounter(sql, counterNo);
      Future<QueueRules> rules = hallRules.current(sql);
      return Future.all(locked, rules).compose(both -> {
        Ticket held = locked.result().requireHeld();
        Ticket recalled = held.recall();
        return held.recallsUsedUp(rules.result().recallLimit())
            ? change(sql, held.markNoShow(clock.now()), EventType.TICKET_NO_SHOW, actor, new JsonObject().put("reason", "RECALL_LIMIT"))
            : change(sql, recalled, EventType.TICKET_RECALLED, actor);
      });
    });
  }

  /** 挂起: the counter's ticket steps away (to fetch a document) keeping its place; the counter is free. */
  public Future<Ticket> park(int counterNo, String reason, String actor) {
    return pool.withTransaction(sql -> lockCounter(sql, counterNo)
        .map(LockedCounter::requireHeld)
        .compose(held -> change(sql, held.park(clock.now()), EventType.TICKET_PARKED, actor, new JsonObject().put("reason", reason))));
  }

  /**
   * Calls one ticket out of order at this counter, for a reason kept in the event log: a waiting ticket
   * of a service the counter serves, or a parked one called back within the hall's park limit.
   */
  public Future<CounterState> callTicket(int counterNo, String number, String reason, String actor) {
    return pool.withTransaction(sql -> {
      Future<LockedCounter> lockedCounter = lockCounter(sql, counterNo, true);
      Future<Optional<Ticket>> found = tickets.lockCallableByNumber(sql, clock.today(), number);
      Future<QueueRules> rules = hallRules.current(sql);
      return Future.all(lockedCounter, found, rules).compose(all -> {
        CounterRow counter = lockedCounter.result().counter();
        requireFree(lockedCounter.result());
        Ticket ticket = found.result().orElseThrow(() -> DomainException.notFound("TICKET_NOT_FOUND",
            "number: no ticket " + number + " waiting or parked today"));
        if (!counter.services().contains(ticket.serviceCode())) {
          throw DomainException.conflict("NOT_THIS_COUNTERS_SERVICE",
              "counter " + counterNo + " does not serve " + ticket.serviceCode() + " (ticket " + number + ")");
        }
        boolean parked = ticket.status() == TicketStatus.PARKED;
        Ticket called = parked
            ? ticket.callBack(counterNo, clock.now(), Duration.ofMinutes(rules.result().parkMinutes()))
            : ticket.call(counterNo, clock.now());
        JsonObject why = new JsonObject().put("outOfOrder", true).put("calledBack", parked).put("reason", reason);
        List<Future<?>> writes = new ArrayList<>();
        Future<Ticket> changed = change(sql, called, EventType.TICKET_CALLED, actor, why);
        writes.add(changed);
        writes.addAll(alongWithTheCall(sql, called, counter));
        return Future.all(writes).map(done -> state(counter, changed.result()));
      });
    });
  }

  /** Today's parked tickets this counter may call back. */
  public Future<List<Ticket>> parkedAt(int counterNo) {
    return counter(counterNo).compose(c -> pool.withConnection(sql -> tickets.parked(sql, clock.today(), c.services())));
  }

  public Future<Ticket> markNoShow(int counterNo, String actor) {
    return atCounter(counterNo, actor, EventType.TICKET_NO_SHOW, t -> t.markNoShow(clock.now()));
  }

  public Future<Ticket> startService(int counterNo, String actor) {
    return atCounter(counterNo, actor, EventType.SERVICE_STARTED, t -> t.start(clock.now()));
  }

  /** Finishes service with an outcome from config (办结, 退回补正 …); null: the default outcome. */
  public Future<Ticket> finish(int counterNo, String actor, String outcomeCode) {
    String outcome = config.outcome(outcomeCode)
        .orElseThrow(() -> DomainException.invalid("outcome", "must be one of the hall's outcomes "
            + config.outcomes().stream().map(HallqConfig.Outcome::code).toList()))
        .code();
    return pool.withTransaction(sql -> lockCounter(sql, counterNo)
        .map(LockedCounter::requireHeld)
        .compose(held -> change(sql, held.finish(clock.now()), EventType.SERVICE_FINISHED, actor,
            new JsonObject().put("outcome", outcome), outcome)));
  }

  public Future<Transfer> transfer(int counterNo, String toServiceCode, String actor) {
    if (config.serviceType(toServiceCode).isEmpty()) {
      throw DomainException.invalid("serviceCode", "unknown service type '" + toServiceCode + "'");
    }
    return pool.withTransaction(sql -> lockCounter(sql, counterNo)
        .map(LockedCounter::requireHeld)
        .compose(held -> {
          if (held.serviceCode().equals(toServiceCode)) {
            throw DomainException.invalid("serviceCode", "ticket " + held.number() + " is already for " + toServiceCode);
          }
          Ticket out = held.transferOut(clock.now());
          Ticket in = held.transferredTo(toServiceCode, clock.now());
          return change(sql, out, EventType.TICKET_TRANSFERRED, actor, new JsonObject().put("toServiceCode", toServiceCode))
              .compose(from -> tickets.citizenKey(sql, from.id())
                  .compose(key -> tickets.insert(sql, in, null, key.orElse(null)))
                  .compose(to -> appendEvent(sql, EventType.TICKET_ISSUED, to, actor,
                      new JsonObject().put("transferredFrom", from.id().toString())).map(id -> new Transfer(from, to))));
        }));
  }

  /** Cancels a waiting or called ticket for staff: the citizen left. */
  public Future<Ticket> cancel(UUID ticketId, String actor) {
    return onTicket(ticketId, actor, EventType.TICKET_CANCELLED, t -> t.cancel(clock.now()));
  }

  /** The citizen cancels their own ticket, proven by the key of its QR link. */
  public Future<Ticket> cancelByCitizen(UUID ticketId, String citizenKey) {
    return pool.withTransaction(sql -> tickets.lock(sql, ticketId)
        .map(found -> found.orElseThrow(() -> ticketNotFound(ticketId)))
        .compose(ticket -> tickets.citizenKey(sql, ticketId).compose(stored -> {
          CitizenKey.require(stored, citizenKey, ticket.number());
          return change(sql, ticket.cancel(clock.now()), EventType.TICKET_CANCELLED, "citizen");
        })));
  }

  /**
   * Puts a no-show ticket back in the queue (过号重排), as often as the hall's {@code noShowRequeueLimit}
   * allows: after {@code requeueAfterPlaces} waiting tickets of its queue, or at the back.
   */
  public Future<Ticket> requeue(UUID ticketId, String actor) {
    return pool.withTransaction(sql -> {
      Future<Optional<Ticket>> found = tickets.lock(sql, ticketId);
      Future<QueueRules> rules = hallRules.current(sql);
      return Future.all(found, rules).compose(both -> {
        Ticket ticket = found.result().orElseThrow(() -> ticketNotFound(ticketId));
        if (!ticket.serviceDay().equals(clock.today())) {
          throw DomainException.conflict("TICKET_EXPIRED", "ticket " + ticket.number() + " was for " + ticket.serviceDay() + ", not today");
        }
        Instant now = clock.now();
        Integer places = rules.result().requeueAfterPlaces();
        int limit = rules.result().noShowRequeueLimit();
        ticket.requeue(now, limit); // refused here, before the queue is read, when it may not go back
        return (places == null ? Future.succeededFuture(now) : tickets.rankAfter(sql, ticket, places, now))
            .compose(rank -> change(sql, ticket.requeue(now, limit, rank), EventType.TICKET_REQUEUED, actor));
      });
    });
  }

  public Future<CounterState> pause(int counterNo, String actor) {
    return setPaused(counterNo, true, EventType.COUNTER_PAUSED, actor);
  }

  public Future<CounterState> resume(int counterNo, String actor) {
    return setPaused(counterNo, false, EventType.COUNTER_RESUMED, actor);
  }

  /** Succeeds when the database answers. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<CounterState> counter(int counterNo) {
    return counters().map(all -> all.stream()
        .filter(c -> c.no() == counterNo)
        .findFirst()
        .orElseThrow(() -> DomainException.notFound("COUNTER_NOT_FOUND", "counterNo: no counter " + counterNo + " in this hall")));
  }

  public Future<List<CounterState>> counters() {
    return pool.withConnection(this::counters);
  }

  /** The next tickets this counter would call, in call order. */
  public Future<List<Ticket>> waitingAt(int counterNo, int limit) {
    return counter(counterNo).compose(c -> pool.withConnection(sql -> callPolicy.waiting(sql, counterNo, clock.today(), limit)));
  }

  /** Today at this counter: finished tickets, average wait and service seconds. */
  public Future<JsonObject> counterDay(int counterNo) {
    return counter(counterNo).compose(c -> pool.withConnection(sql -> tickets.counterDay(sql, counterNo, clock.today())));
  }

  /** Waiting per service type today with the longest wait, and the counters. */
  public Future<JsonObject> overview() {
    return pool.withConnection(this::overview);
  }

  /** A state picture for push: the overview and the id of the last event it contains, from one consistent read. */
  public record Snapshot(long lastEventId, JsonObject overview) {}

  /**
   * Read with every visible event positioned and no positioner running (see
   * {@link PgEventLog#consistentRead}): the largest position is exactly the last event the overview
   * reflects, so a client resuming after it neither misses nor counts twice.
   */
  public Future<Snapshot> snapshot() {
    return events.consistentRead(pool, sql -> events.latestPosition(sql)
        .compose(lastEventId -> overview(sql).map(overview -> new Snapshot(lastEventId, overview))));
  }

  private Future<List<CounterState>> counters(SqlConnection sql) {
    return counters.findAll(sql, clock.now())
        .compose(rows -> tickets.findAtCounters(sql).map(held -> rows.stream()
            .map(row -> state(row, held.stream().filter(t -> t.counterNo() == row.no()).findFirst().orElse(null)))
            .toList()));
  }

  private Future<JsonObject> overview(SqlConnection sql) {
    return hall.overview(sql, clock.today(), clock.now())
        .compose(services -> counters(sql).map(counterStates -> {
          long waiting = services.stream().mapToLong(s -> s.getLong("waiting")).sum();
          long longest = services.stream().mapToLong(s -> s.getLong("longestWaitSeconds")).max().orElse(0);
          return new JsonObject()
              .put("serviceDay", clock.today().toString())
              .put("waiting", waiting)
              .put("longestWaitSeconds", longest)
              .put("services", new JsonArray(services))
              .put("counters", new JsonArray(counterStates.stream().map(CounterState::toJson).toList()));
        }));
  }

  private Future<Optional<Ticket>> existing(SqlConnection sql, String idempotencyKey) {
    return idempotencyKey == null ? Future.succeededFuture(Optional.empty()) : tickets.findByIdempotencyKey(sql, idempotencyKey);
  }

  /**
   * A group in one transaction: a kiosk's retry (its key made a ticket already) gets that ticket,
   * the others new ones; a request the hall refuses (closed, quota reached, the key used for another
   * request) is answered with its refusal without failing the others. Two requests of the group
   * with one new key fail it by the unique index; written alone, the second gets the first's ticket.
   */
  private Future<List<Future<Issued>>> issueGroup(SqlConnection sql, List<IssueRequest> requests) {
    List<String> keys = requests.stream().map(IssueRequest::idempotencyKey).filter(Objects::nonNull).toList();
    Future<Map<String, Ticket>> found = keys.isEmpty() ? Future.succeededFuture(Map.of()) : tickets.findByIdempotencyKeys(sql, keys);
    return found.compose(earlier -> {
      List<IssueRequest> fresh = requests.stream().filter(r -> earlierTicket(earlier, r) == null).toList();
      return insertNew(sql, fresh).compose(created -> {
        Iterator<Future<Issued>> made = created.iterator();
        Future<List<Future<Issued>>> replies = Future.succeededFuture(new ArrayList<>());
        for (IssueRequest request : requests) {
          Ticket retried = earlierTicket(earlier, request);
          Future<Future<Issued>> reply = retried == null ? Future.succeededFuture(made.next()) : refusable(() -> replay(sql, retried, request));
          replies = replies.compose(list -> reply.map(one -> {
            list.add(one);
            return list;
          }));
        }
        return replies;
      });
    });
  }

  private static Ticket earlierTicket(Map<String, Ticket> earlier, IssueRequest request) {
    return request.idempotencyKey() == null ? null : earlier.get(request.idempotencyKey());
  }

  /** A refusal answers its one request; any other failure fails the group. */
  private static <T> Future<Future<T>> refusable(Supplier<Future<T>> attempt) {
    return Future.succeededFuture().compose(v -> attempt.get()).transform(result -> {
      if (result.failed() && !(result.cause() instanceof DomainException)) {
        return Future.failedFuture(result.cause());
      }
      return Future.succeededFuture(result.succeeded() ? Future.succeededFuture(result.result()) : Future.failedFuture(result.cause()));
    });
  }

  /**
   * New tickets, written together; each request the hall refuses now (closed, its service's last
   * issue time passed, its daily quota reached) is answered with its refusal and takes no number.
   */
  private Future<List<Future<Issued>>> insertNew(SqlConnection sql, List<IssueRequest> requests) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    LocalDate day = clock.today();
    LocalDateTime localNow = LocalDateTime.ofInstant(clock.now(), config.hall().timeZone());
    // Statements that do not wait for each other's answers are sent together (the client pipelines
    // them; the server runs them in order): fewer round trips, above all while the numbers are locked.
    Future<OpeningHours> hours = standards.openingHours(sql);
    Future<Map<String, PgStandardsRepository.Current>> current = standards.standards(sql);
    Future<Map<String, Integer>> taken = tickets.lastNumbers(sql, day);
    return Future.all(hours, current, taken).compose(read -> {
      Map<String, Integer> last = new HashMap<>(taken.result());
      List<DomainException> refusals = new ArrayList<>();
      List<IssueRequest> accepted = new ArrayList<>();
      List<ServiceStandard> standards = new ArrayList<>();
      for (IssueRequest request : requests) {
        ServiceTypeConfig service = request.service();
        try {
          ServiceStandard standard = standardOf(current.result(), service);
          IssueRules.requireOpen(hours.result(), standard, service.name(), localNow);
          int seq = last.getOrDefault(service.code(), 0) + 1;
          IssueRules.requireWithinQuota(standard, service.name(), seq);
          last.put(service.code(), seq);
          accepted.add(request);
          standards.add(standard);
          refusals.add(null);
        } catch (DomainException refused) {
          refusals.add(refused);
        }
      }
      Future<List<Issued>> written = accepted.isEmpty() ? Future.succeededFuture(List.of()) : write(sql, accepted, standards);
      return written.map(issued -> {
        Iterator<Issued> next = issued.iterator();
        return refusals.stream()
            .map(refused -> refused == null ? Future.succeededFuture(next.next()) : Future.<Issued>failedFuture(refused))
            .toList();
      });
    });
  }

  private Future<List<Issued>> write(SqlConnection sql, List<IssueRequest> requests, List<ServiceStandard> standards) {
    return numbered(sql, requests, standards).compose(numbered -> {
      List<Ticket> issued = numbered.stream().map(NewTicket::ticket).toList();
      Future<List<Ticket>> inserted = tickets.insertAll(sql, numbered);
      Future<List<Long>> logged = events.appendAll(sql, issuedEvents(requests, issued));
      Future<List<Ahead>> ahead = tickets.aheadAndOpenCounters(sql, issued);
      return Future.all(inserted, logged, ahead).map(done -> {
        List<Issued> replies = new ArrayList<>();
        for (int i = 0; i < issued.size(); i++) {
          Position position = estimate(inserted.result().get(i), ahead.result().get(i), standards.get(i));
          replies.add(new Issued(inserted.result().get(i), true, numbered.get(i).citizenKey(), position));
        }
        return replies;
      });
    }).compose(issued -> printJobs(sql, requests, issued).map(issued));
  }

  /**
   * The next numbers of each service's sequence, in the order the requests came. A group that
   * another took numbers from meanwhile can find itself past a quota: it fails, and is written again
   * request by request.
   */
  private Future<List<NewTicket>> numbered(SqlConnection sql, List<IssueRequest> requests, List<ServiceStandard> standards) {
    LocalDate day = clock.today();
    SortedMap<String, Integer> counts = new TreeMap<>();
    requests.forEach(r -> counts.merge(r.service().code(), 1, Integer::sum));
    return tickets.takeNumbers(sql, day, counts).map(last -> {
      // Queued from now, after the numbers: a later number never queues ahead of an earlier one.
      Instant now = clock.now();
      Map<String, Integer> next = new HashMap<>();
      last.forEach((code, lastSeq) -> next.put(code, lastSeq - counts.get(code) + 1));
      List<NewTicket> numbered = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        IssueRequest request = requests.get(i);
        ServiceTypeConfig service = request.service();
        int seq = next.merge(service.code(), 1, Integer::sum) - 1;
        IssueRules.requireWithinQuota(standards.get(i), service.name(), seq);
        Ticket ticket = Ticket.issue(service.code(), service.prefix(), day, seq, request.priority(), now);
        numbered.add(new NewTicket(ticket, request.idempotencyKey(), CitizenKey.create()));
      }
      return numbered;
    });
  }

  private static ServiceStandard standardOf(Map<String, PgStandardsRepository.Current> standards, ServiceTypeConfig service) {
    PgStandardsRepository.Current current = standards.get(service.code());
    if (current == null) {
      throw DomainException.invalid("serviceCode", "service type '" + service.code() + "' is not offered in this hall");
    }
    return current.standard();
  }

  private Future<Void> printJobs(SqlConnection sql, List<IssueRequest> requests, List<Issued> issued) {
    List<TicketPrint> prints = new ArrayList<>();
    for (int i = 0; i < issued.size(); i++) {
      Issued one = issued.get(i);
      prints.add(new TicketPrint(one.ticket(), requests.get(i).actor(), one.citizenKey(), one.position().ahead()));
    }
    return deviceJobs.printTickets(sql, prints);
  }

  private List<NewEvent> issuedEvents(List<IssueRequest> requests, List<Ticket> issued) {
    List<NewEvent> issuedEvents = new ArrayList<>();
    for (int i = 0; i < issued.size(); i++) {
      issuedEvents.add(event(EventType.TICKET_ISSUED, issued.get(i), requests.get(i).actor(), new JsonObject()));
    }
    return issuedEvents;
  }

  /** The earlier answer to a retried request; the same key with another request is a client bug, not a retry. */
  private Future<Issued> replay(SqlConnection sql, Ticket ticket, IssueRequest request) {
    if (!ticket.serviceCode().equals(request.service().code()) || !Objects.equals(ticket.priority(), request.priority())) {
      throw DomainException.conflict("IDEMPOTENCY_KEY_REUSED",
          "this Idempotency-Key was used for ticket " + ticket.number() + " with another service or priority");
    }
    return tickets.citizenKey(sql, ticket.id())
        .compose(key -> position(sql, ticket).map(position -> new Issued(ticket, false, key.orElse(null), position)));
  }

  /** The secret of a ticket's QR link. */
  public Future<String> citizenKey(UUID ticketId) {
    return pool.withConnection(sql -> tickets.citizenKey(sql, ticketId))
        .map(key -> key.orElseThrow(() -> ticketNotFound(ticketId)));
  }

  private Future<Ticket> atCounter(int counterNo, String actor, EventType type, UnaryOperator<Ticket> transition) {
    return pool.withTransaction(sql -> lockCounter(sql, counterNo)
        .map(LockedCounter::requireHeld)
        .compose(held -> change(sql, transition.apply(held), type, actor)));
  }

  private Future<Ticket> onTicket(UUID ticketId, String actor, EventType type, UnaryOperator<Ticket> transition) {
    return pool.withTransaction(sql -> tickets.lock(sql, ticketId)
        .map(found -> found.orElseThrow(() -> ticketNotFound(ticketId)))
        .compose(ticket -> change(sql, transition.apply(ticket), type, actor)));
  }

  private Future<CounterState> setPaused(int counterNo, boolean paused, EventType type, String actor) {
    return pool.withTransaction(sql -> counters.lock(sql, counterNo, clock.now())
        .compose(counter -> counters.setPaused(sql, counterNo, paused, clock.now())
            .compose(v -> tickets.lockAtCounter(sql, counterNo))
            .compose(held -> events.append(sql, type, null, counterNo, actor, clock.now(), new JsonObject())
                .compose(id -> deviceJobs.counterPaused(sql, counterNo, paused, held.orElse(null)))
                .map(v -> new CounterState(counter.no(), counter.name(), paused, counter.services(),
                    List.copyOf(counter.assignments().keySet()), held.orElse(null))))));
  }

  /**
   * 请评价: the counter's evaluation pad asks again for a rating of the ticket it finished last, if
   * that was recent and is unrated.
   */
  public Future<Ticket> requestRating(int counterNo, String actor) {
    if (!config.bridged(counterNo)) {
      throw DomainException.conflict("NO_EVALUATION_PAD", "counter " + counterNo + " has no evaluation pad on a bridge");
    }
    return pool.withTransaction(sql -> counters.lock(sql, counterNo, clock.now())
        .compose(counter -> tickets.lastUnratedFinished(sql, counterNo))
        .compose(found -> {
          Ticket finished = found
              .filter(t -> !t.endedAt().plus(DeviceJobPlanner.RATING_WINDOW).isBefore(clock.now()))
              .orElseThrow(() -> DomainException.conflict("NOTHING_TO_RATE",
                  "counter " + counterNo + " finished no unrated ticket in the last " + DeviceJobPlanner.RATING_WINDOW.toMinutes() + " minutes"));
          return deviceJobs.ratingRequest(sql, finished)
              .compose(v -> appendEvent(sql, EventType.RATING_REQUESTED, finished, actor, new JsonObject()))
              .map(id -> finished);
        }));
  }

  private Future<Ticket> change(SqlConnection sql, Ticket changed, EventType type, String actor) {
    return change(sql, changed, type, actor, new JsonObject());
  }

  /** Saves the change with its device jobs and event, sent together (pipelined, run in this order). */
  private Future<Ticket> change(SqlConnection sql, Ticket changed, EventType type, String actor, JsonObject payload) {
    return change(sql, changed, type, actor, payload, null);
  }

  /** The same, recording the outcome of a finished service on the ticket too (one UPDATE). */
  private Future<Ticket> change(SqlConnection sql, Ticket changed, EventType type, String actor, JsonObject payload, String outcome) {
    // The clerk who calls a ticket serves it.
    Future<Ticket> saved = tickets.update(sql, changed, type == EventType.TICKET_CALLED ? actor : null, outcome);
    Future<Void> jobs = deviceJobs.ticketChanged(sql, type, changed, changed.counterNo());
    Future<Long> logged = appendEvent(sql, type, changed, actor, payload);
    return Future.all(saved, jobs, logged).map(written -> saved.result());
  }

  private Future<Long> appendEvent(SqlConnection sql, EventType type, Ticket t, String actor, JsonObject payload) {
    return events.appendAll(sql, List.of(event(type, t, actor, payload))).map(ids -> ids.get(0));
  }

  private NewEvent event(EventType type, Ticket t, String actor, JsonObject payload) {
    JsonObject body = payload.copy().mergeIn(t.eventFields());
    return new NewEvent(type, t.id(), t.counterNo(), actor, clock.now(), body);
  }

  private Position estimate(Ticket ticket, Ahead ahead, ServiceStandard standard) {
    HandlingProfile handling = handlingTimes.of(ticket.serviceCode(), standard.standardServiceMinutes());
    WaitBand band = WaitEstimator.estimate(ahead.tickets(), ahead.capacity(), handling).orElse(null);
    return new Position(ticket, ahead.tickets(), band, null);
  }

  private static CounterState state(CounterRow counter, Ticket ticket) {
    return new CounterState(counter.no(), counter.name(), counter.paused(), counter.services(),
        List.copyOf(counter.assignments().keySet()), ticket);
  }

  private static DomainException ticketNotFound(UUID id) {
    return DomainException.notFound("TICKET_NOT_FOUND", "no ticket " + id);
  }

  private static boolean isUniqueViolation(Throwable failure, String index) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()) && index.equals(pg.getConstraint());
  }
}
