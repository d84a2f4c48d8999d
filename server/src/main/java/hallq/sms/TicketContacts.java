package hallq.sms;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgSmsRepository;
import hallq.db.PgSmsRepository.NearCall;
import hallq.db.PgTicketRepository;
import hallq.privacy.PersonalData;
import hallq.queue.CitizenKey;
import hallq.queue.HallClock;
import hallq.queue.Ticket;
import hallq.queue.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * The mobile number a ticket's SMS reminders go to (短信提醒): left by the citizen on the kiosk or the
 * ticket page, or attached by other code (an appointment's check-in). Stored encrypted; shown masked.
 */
public final class TicketContacts {
  private final Pool pool;
  private final HallqConfig.Privacy privacy;
  private final HallClock clock;
  private final PgTicketRepository tickets;
  private final PgSmsRepository sms;

  public TicketContacts(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.privacy = config.privacy();
    this.clock = clock;
    this.tickets = new PgTicketRepository(config.hall().id());
    this.sms = new PgSmsRepository(config.hall().id());
  }

  /** The citizen leaves a number for their waiting (or parked) ticket, proven by the key of its QR link. */
  public Future<JsonObject> setByCitizen(UUID ticketId, String citizenKey, String mobile) {
    String phone = PersonalData.mobile("mobile", mobile);
    PersonalData personal = privacy.require();
    return pool.withTransaction(sql -> tickets.lock(sql, ticketId)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("TICKET_NOT_FOUND", "no ticket " + ticketId)))
        .compose(ticket -> tickets.citizenKey(sql, ticketId).compose(stored -> {
          CitizenKey.require(stored, citizenKey, ticket.number());
          return attach(sql, personal, ticket, phone, "citizen");
        })))
        .map(v -> new JsonObject().put("contact", new JsonObject().put("mobile", PersonalData.maskPhone(phone))));
  }

  /**
   * Attaches a checked mobile number ({@link PersonalData#mobile}) to a waiting or parked ticket in the
   * caller's transaction, the ticket locked by the caller; a near-call message is queued at once if the
   * ticket is already near. For other code (an appointment's check-in).
   *
   * @throws DomainException 409 TICKET_NOT_WAITING for a ticket past waiting, 503 PRIVACY_KEY_MISSING without a key
   */
  public Future<Void> attach(SqlClient sql, Ticket ticket, String phone, String by) {
    return attach(sql, privacy.require(), ticket, phone, by);
  }

  private Future<Void> attach(SqlClient sql, PersonalData personal, Ticket ticket, String phone, String by) {
    if (ticket.status() != TicketStatus.WAITING && ticket.status() != TicketStatus.PARKED) {
      throw DomainException.conflict("TICKET_NOT_WAITING", "ticket " + ticket.number() + " is " + ticket.status() + "; reminders are for waiting tickets");
    }
    return sms.addContact(sql, ticket.id(), personal.encrypt(phone), personal.lookupHash(phone), PersonalData.maskPhone(phone), clock.now(), by)
        .compose(v -> sms.queueDue(sql, ticket.id(), clock.now()));
  }

  /** The ticket page's near-call settings: the threshold, and the masked number SMS go to (null: none). */
  public Future<JsonObject> nearCall(UUID ticketId) {
    return pool.withConnection(sql -> sms.nearCall(sql, ticketId)).map(TicketContacts::toJson);
  }

  private static JsonObject toJson(NearCall nearCall) {
    return new JsonObject().put("aheadThreshold", nearCall.aheadThreshold()).put("smsTo", nearCall.smsTo().orElse(null));
  }
}
