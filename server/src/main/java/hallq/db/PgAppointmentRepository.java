package hallq.db;

import hallq.appointment.Appointment;
import hallq.privacy.PersonalData;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Appointments ({@code appointment}). Personal data goes in encrypted and comes out masked: rows are
 * read into {@link Appointment}s with the hall's {@link PersonalData}, and no query returns a clear value.
 */
public final class PgAppointmentRepository {
  /** A booked (or checked-in) appointment takes its place in the slot; a cancelled one gives it back. */
  private static final String TAKES_PLACE = "status <> 'CANCELLED'";

  private static final String COLUMNS = "id, code, service_code, day, slot_start, slot_end, window_opens, window_closes, name_enc, "
      + "id_number_enc, phone_enc, matter, status, booked_at, cancelled_at, checked_in_at, ticket_id";

  private static final String INSERT = """
      INSERT INTO appointment (id, hall_id, code, owner_key, service_code, day, slot_start, slot_end, window_opens, window_closes,
        name_enc, id_number_enc, id_number_hash, phone_enc, matter, status, booked_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'BOOKED', $16)""";

  /** Serialises the bookings of one person (or one slot) across the whole server: held until the transaction ends. */
  private static final String LOCK_KEY = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

  private static final String FIND_BY_CODE = "SELECT " + COLUMNS + " FROM appointment WHERE hall_id = $1 AND code = $2";

  private static final String LOCK_BY_CODE = FIND_BY_CODE + " FOR UPDATE";

  private static final String OWNER_KEY = "SELECT owner_key FROM appointment WHERE hall_id = $1 AND code = $2";

  /** A person's appointments of a day, the ones still to check in first, by slot. */
  private static final String LOCK_OF_PERSON_ON_DAY = "SELECT " + COLUMNS + " FROM appointment "
      + "WHERE hall_id = $1 AND id_number_hash = $2 AND day = $3 ORDER BY (status = 'BOOKED') DESC, slot_start FOR UPDATE";

  private static final String TAKEN_BY_PERSON_ON_DAY = "SELECT count(*) FROM appointment "
      + "WHERE hall_id = $1 AND id_number_hash = $2 AND day = $3 AND " + TAKES_PLACE;

  private static final String NO_SHOWS_OF_PERSON = "SELECT window_closes FROM appointment WHERE hall_id = $1 AND id_number_hash = $2 "
      + "AND window_closes >= $3 AND window_closes < $4 AND status IN ('BOOKED', 'LATE')";

  private static final String TAKEN_IN_SLOT = "SELECT count(*) FROM appointment "
      + "WHERE hall_id = $1 AND service_code = $2 AND day = $3 AND slot_start = $4 AND " + TAKES_PLACE;

  private static final String TAKEN_BY_SLOT = "SELECT service_code, day, slot_start, count(*) AS taken FROM appointment "
      + "WHERE hall_id = $1 AND day BETWEEN $2 AND $3 AND " + TAKES_PLACE + " GROUP BY service_code, day, slot_start";

  private static final String OF_DAY = "SELECT " + COLUMNS + " FROM appointment WHERE hall_id = $1 AND day = $2 "
      + "AND ($3::text IS NULL OR service_code = $3) ORDER BY service_code, slot_start, booked_at, code";

  private static final String CANCEL = "UPDATE appointment SET status = 'CANCELLED', cancelled_at = $3 WHERE hall_id = $1 AND id = $2";

  private static final String CHECK_IN = "UPDATE appointment SET status = $3, checked_in_at = $4, ticket_id = $5 WHERE hall_id = $1 AND id = $2";

  /** What a booking writes: the clear values are encrypted here, never stored as they are. */
  public record NewAppointment(UUID id, String code, String ownerKey, String serviceCode, LocalDate day, LocalTime slotStart,
      LocalTime slotEnd, Instant windowOpens, Instant windowCloses, String name, String idNumber, String phone, String matter,
      Instant bookedAt) {}

  private static final String PHONE = "SELECT phone_enc FROM appointment WHERE hall_id = $1 AND id = $2";

  private final String hallId;
  private final PersonalData personal;

  /** {@code personal} may be null for a repository that only counts places ({@link #takenBySlot}). */
  public PgAppointmentRepository(String hallId, PersonalData personal) {
    this.hallId = hallId;
    this.personal = personal;
  }

  /** The key a person's bookings are serialised by: the keyed hash, never the number. */
  public Future<Void> lockPerson(SqlClient sql, byte[] idNumberHash) {
    return lockKey(sql, "appointment-person " + hallId + " " + HexFormat.of().formatHex(idNumberHash));
  }

  public Future<Void> lockSlot(SqlClient sql, String serviceCode, LocalDate day, LocalTime start) {
    return lockKey(sql, "appointment-slot " + hallId + " " + serviceCode + " " + day + " " + start);
  }

  private static Future<Void> lockKey(SqlClient sql, String key) {
    return sql.preparedQuery(LOCK_KEY).execute(Tuple.of(key)).mapEmpty();
  }

  public Future<Void> insert(SqlClient sql, NewAppointment a) {
    return sql.preparedQuery(INSERT).execute(Tuple.from(List.of(a.id(), hallId, a.code(), a.ownerKey(), a.serviceCode(), a.day(),
            a.slotStart(), a.slotEnd(), PgTicketRepository.time(a.windowOpens()), PgTicketRepository.time(a.windowCloses()),
            Buffer.buffer(personal.encrypt(a.name())), Buffer.buffer(personal.encrypt(a.idNumber())),
            Buffer.buffer(personal.lookupHash(a.idNumber())), Buffer.buffer(personal.encrypt(a.phone())),
            a.matter() == null ? "" : a.matter(), PgTicketRepository.time(a.bookedAt()))))
        .mapEmpty();
  }

  public Future<Optional<Appointment>> find(SqlClient sql, String code) {
    return sql.preparedQuery(FIND_BY_CODE).execute(Tuple.of(hallId, code)).map(this::first);
  }

  /** The booking's mobile number, opened for the one use that needs it: the SMS reminders of its ticket. */
  public Future<String> phone(SqlClient sql, UUID id) {
    return sql.preparedQuery(PHONE).execute(Tuple.of(hallId, id)).map(rows -> open(rows.iterator().next(), "phone_enc"));
  }

  public Future<Optional<Appointment>> lock(SqlClient sql, String code) {
    return sql.preparedQuery(LOCK_BY_CODE).execute(Tuple.of(hallId, code)).map(this::first);
  }

  public Future<Optional<String>> ownerKey(SqlClient sql, String code) {
    return sql.preparedQuery(OWNER_KEY).execute(Tuple.of(hallId, code))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<List<Appointment>> lockOfPersonOnDay(SqlClient sql, byte[] idNumberHash, LocalDate day) {
    return sql.preparedQuery(LOCK_OF_PERSON_ON_DAY).execute(Tuple.of(hallId, Buffer.buffer(idNumberHash), day)).map(this::all);
  }

  public Future<Long> takenByPersonOnDay(SqlClient sql, byte[] idNumberHash, LocalDate day) {
    return sql.preparedQuery(TAKEN_BY_PERSON_ON_DAY).execute(Tuple.of(hallId, Buffer.buffer(idNumberHash), day))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** When the person's no-shows since {@code from} happened (their windows closed unused, or they came late). */
  public Future<List<Instant>> noShowsOfPerson(SqlClient sql, byte[] idNumberHash, Instant from, Instant now) {
    return sql.preparedQuery(NO_SHOWS_OF_PERSON)
        .execute(Tuple.of(hallId, Buffer.buffer(idNumberHash), PgTicketRepository.time(from), PgTicketRepository.time(now)))
        .map(rows -> {
          List<Instant> times = new ArrayList<>();
          rows.forEach(row -> times.add(row.getOffsetDateTime(0).toInstant()));
          return times;
        });
  }

  public Future<Long> takenInSlot(SqlClient sql, String serviceCode, LocalDate day, LocalTime start) {
    return sql.preparedQuery(TAKEN_IN_SLOT).execute(Tuple.of(hallId, serviceCode, day, start)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** Places taken, by "service day slot" (e.g. "SOCIAL_INSURANCE 2026-11-30 09:00"), for the days from {@code first} to {@code last}. */
  public Future<Map<String, Long>> takenBySlot(SqlClient sql, LocalDate first, LocalDate last) {
    return sql.preparedQuery(TAKEN_BY_SLOT).execute(Tuple.of(hallId, first, last)).map(rows -> {
      Map<String, Long> taken = new HashMap<>();
      rows.forEach(row -> taken.put(slotKey(row.getString("service_code"), row.getLocalDate("day"), row.getLocalTime("slot_start")),
          row.getLong("taken")));
      return taken;
    });
  }

  public static String slotKey(String serviceCode, LocalDate day, LocalTime start) {
    return serviceCode + " " + day + " " + start;
  }

  /** A day's appointments (of one service, or all when null), masked, by service and slot. */
  public Future<List<Appointment>> ofDay(SqlClient sql, LocalDate day, String serviceCode) {
    return sql.preparedQuery(OF_DAY).execute(Tuple.of(hallId, day, serviceCode)).map(this::all);
  }

  public Future<Void> cancel(SqlClient sql, UUID id, Instant at) {
    return sql.preparedQuery(CANCEL).execute(Tuple.of(hallId, id, PgTicketRepository.time(at))).mapEmpty();
  }

  public Future<Void> checkIn(SqlClient sql, UUID id, Appointment.Status status, Instant at, UUID ticketId) {
    return sql.preparedQuery(CHECK_IN).execute(Tuple.of(hallId, id, status.name(), PgTicketRepository.time(at), ticketId)).mapEmpty();
  }

  private Optional<Appointment> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next()));
  }

  private List<Appointment> all(RowSet<Row> rows) {
    List<Appointment> all = new ArrayList<>();
    rows.forEach(row -> all.add(read(row)));
    return all;
  }

  private Appointment read(Row row) {
    String matter = row.getString("matter");
    return new Appointment(row.getUUID("id"), row.getString("code"), row.getString("service_code"), row.getLocalDate("day"),
        row.getLocalTime("slot_start"), row.getLocalTime("slot_end"), instant(row, "window_opens"), instant(row, "window_closes"),
        Appointment.maskName(open(row, "name_enc")), PersonalData.maskIdNumber(open(row, "id_number_enc")),
        PersonalData.maskPhone(open(row, "phone_enc")), matter.isEmpty() ? null : matter,
        Appointment.Status.valueOf(row.getString("status")), instant(row, "booked_at"), instant(row, "cancelled_at"),
        instant(row, "checked_in_at"), row.getUUID("ticket_id"));
  }

  private String open(Row row, String column) {
    return personal.decrypt(row.getBuffer(column).getBytes());
  }

  private static Instant instant(Row row, String column) {
    var time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant();
  }
}
