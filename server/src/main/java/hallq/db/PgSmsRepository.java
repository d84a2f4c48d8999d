package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Citizens' numbers for SMS reminders ({@code ticket_contact}) and the SMS outbox ({@code sms_outbox},
 * a {@link PgOutbox}). Numbers are stored encrypted, with their keyed hash and their mask; what the
 * outbox lists for managers is the mask.
 */
public final class PgSmsRepository {

  /** What a reminder says: NEAR (that many ahead) or CALLED (to that counter). */
  public enum Kind { NEAR, CALLED }

  /** A queued message: its ticket's number and either how many were ahead or the counter, and where it goes. */
  public record Message(long id, Kind kind, String ticketNumber, int ahead, Integer counterNo, byte[] phoneEncrypted, String phoneMasked) {}

  /** The ticket page's view: the hall's near-call threshold, and the masked number SMS go to (or none). */
  public record NearCall(int aheadThreshold, Optional<String> smsTo) {}

  private static final String ADD_CONTACT = """
      INSERT INTO ticket_contact (ticket_id, hall_id, phone_encrypted, phone_hash, phone_masked, added_at, added_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (ticket_id) DO UPDATE SET phone_encrypted = EXCLUDED.phone_encrypted, phone_hash = EXCLUDED.phone_hash,
        phone_masked = EXCLUDED.phone_masked, added_at = EXCLUDED.added_at, added_by = EXCLUDED.added_by""";

  // After a change to ticket $2 (called, or given a contact), in one statement: the called message of $2 if it
  // was called, and the near-call message of every waiting ticket of its queue with a contact that now has the
  // hall's threshold or fewer ahead ("ahead" as the ticket page counts it). Each at most once per ticket.
  private static final String QUEUE_DUE = """
      WITH changed AS (
        SELECT id, hall_id, service_day, service_code, number, status, counter_no FROM ticket WHERE hall_id = $1 AND id = $2),
      near AS (
        SELECT k.ticket_id, t.number, k.phone_encrypted, k.phone_masked,
          (SELECT count(*) FROM ticket w
            WHERE w.hall_id = t.hall_id AND w.service_day = t.service_day AND w.service_code = t.service_code AND w.status = 'WAITING'
              AND ((w.priority IS NULL), w.rank_at, w.seq, w.id) < ((t.priority IS NULL), t.rank_at, t.seq, t.id)) AS ahead
          FROM changed c
          JOIN ticket_contact k ON k.hall_id = c.hall_id AND k.open
          JOIN ticket t ON t.id = k.ticket_id AND t.service_day = c.service_day AND t.service_code = c.service_code AND t.status = 'WAITING'
         WHERE NOT EXISTS (SELECT 1 FROM sms_outbox o WHERE o.ticket_id = k.ticket_id AND o.kind = 'NEAR')),
      called AS (
        UPDATE ticket_contact k SET open = false FROM changed c
         WHERE k.ticket_id = c.id AND c.status = 'CALLED' AND k.open
        RETURNING k.ticket_id, c.number, c.counter_no, k.phone_encrypted, k.phone_masked),
      -- Contacts of tickets that ended without a call (cancelled, closed unserved) close too, so that calls
      -- stop looking for reminders once no contact can get one.
      ended AS (
        UPDATE ticket_contact k SET open = false FROM ticket t
         WHERE k.hall_id = $1 AND k.open AND t.id = k.ticket_id AND t.status NOT IN ('WAITING', 'PARKED', 'CALLED'))
      INSERT INTO sms_outbox (hall_id, ticket_id, kind, ticket_number, ahead, counter_no, phone_encrypted, phone_masked, created_at)
      SELECT $1, n.ticket_id, 'NEAR', n.number, n.ahead::int, NULL::int, n.phone_encrypted, n.phone_masked, $3::timestamptz FROM near n
       WHERE n.ahead <= (SELECT (r.rules->>'aheadThreshold')::int FROM near_call_rules r WHERE r.hall_id = $1)
      UNION ALL
      SELECT $1, k.ticket_id, 'CALLED', k.number, 0, k.counter_no, k.phone_encrypted, k.phone_masked, $3::timestamptz FROM called k
      ON CONFLICT (ticket_id, kind) DO NOTHING""";

  private static final String NEAR_CALL = """
      SELECT (SELECT (rules->>'aheadThreshold')::int FROM near_call_rules WHERE hall_id = $1) AS threshold,
             (SELECT phone_masked FROM ticket_contact WHERE hall_id = $1 AND ticket_id = $2) AS sms_to""";

  private static final String FAILURES = """
      SELECT id, kind, ticket_number, phone_masked, created_at, attempts, last_attempt_at, last_error, next_attempt_at
        FROM sms_outbox WHERE hall_id = $1 AND acknowledged_at IS NULL AND attempts > 0
       ORDER BY created_at, id LIMIT $2""";

  private final String hallId;
  private final PgOutbox<Message> outbox;

  public PgSmsRepository(String hallId) {
    this.hallId = hallId;
    this.outbox = new PgOutbox<>(hallId, "sms_outbox", "f.kind, f.ticket_number, f.ahead, f.counter_no, f.phone_encrypted, f.phone_masked",
        row -> new Message(row.getLong("id"), Kind.valueOf(row.getString("kind")), row.getString("ticket_number"), row.getInteger("ahead"),
            row.getInteger("counter_no"), row.getBuffer("phone_encrypted").getBytes(), row.getString("phone_masked")));
  }

  public PgOutbox<Message> outbox() {
    return outbox;
  }

  /** Keeps a ticket's number (already encrypted, hashed and masked), replacing any it had, in the caller's transaction. */
  public Future<Void> addContact(SqlClient sql, UUID ticketId, byte[] encrypted, byte[] hash, String masked, Instant at, String by) {
    return sql.preparedQuery(ADD_CONTACT)
        .execute(Tuple.of(ticketId, hallId, Buffer.buffer(encrypted), Buffer.buffer(hash), masked, PgTicketRepository.time(at), by))
        .mapEmpty();
  }

  /** Queues the messages a change of this ticket makes due (see {@code QUEUE_DUE}), in the caller's transaction. */
  public Future<Void> queueDue(SqlClient sql, UUID changedTicket, Instant at) {
    return sql.preparedQuery(QUEUE_DUE).execute(Tuple.of(hallId, changedTicket, PgTicketRepository.time(at))).mapEmpty();
  }

  public Future<NearCall> nearCall(SqlClient sql, UUID ticketId) {
    return sql.preparedQuery(NEAR_CALL).execute(Tuple.of(hallId, ticketId)).map(rows -> {
      Row row = rows.iterator().next();
      return new NearCall(row.getInteger("threshold"), Optional.ofNullable(row.getString("sms_to")));
    });
  }

  /** How many messages wait, fail or were taken, and the oldest waiting ones that failed (numbers masked). */
  public Future<JsonObject> backlog(SqlClient sql, int failuresShown) {
    return outbox.backlog(sql, FAILURES, failuresShown, row -> new JsonObject()
        .put("id", row.getLong("id"))
        .put("kind", row.getString("kind"))
        .put("number", row.getString("ticket_number"))
        .put("mobile", row.getString("phone_masked")));
  }
}
