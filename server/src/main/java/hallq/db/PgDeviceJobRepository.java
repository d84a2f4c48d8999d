package hallq.db;

import hallq.device.DeviceJob;
import hallq.device.JobKind;
import hallq.device.JobOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The device-job outbox. Jobs are inserted in the transaction of the event that causes them, so a
 * job exists exactly when its event does. Their ids need not follow commit order; readers take
 * every pending job, not "those after id n".
 */
public final class PgDeviceJobRepository {

  private static final String COLUMNS = "id, kind, kiosk_id, counter_no, ticket_id, payload, created_at, outcome";

  private static final String INSERT = """
      INSERT INTO device_job (hall_id, kind, kiosk_id, counter_no, ticket_id, payload, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  private static final String SUPERSEDE = """
      UPDATE device_job SET done_at = $4, outcome = 'SUPERSEDED', done_by = 'server'
      WHERE hall_id = $1 AND kind = $2 AND counter_no = $3 AND done_at IS NULL""";

  private static final String PENDING = "SELECT " + COLUMNS + " FROM device_job"
      + " WHERE hall_id = $1 AND done_at IS NULL AND id > $2 AND (kiosk_id = ANY($3) OR counter_no = ANY($4))"
      + " ORDER BY id LIMIT $5";

  private static final String LOCK = "SELECT " + COLUMNS + " FROM device_job WHERE hall_id = $1 AND id = $2 FOR UPDATE";

  private static final String COMPLETE = """
      UPDATE device_job SET done_at = $3, outcome = $4, done_by = $5 WHERE hall_id = $1 AND id = $2 AND done_at IS NULL""";

  private final String hallId;

  public PgDeviceJobRepository(String hallId) {
    this.hallId = hallId;
  }

  /** A job for a kiosk's or a counter's devices (one of the two is null). */
  public record NewJob(JobKind kind, String kioskId, Integer counterNo, UUID ticketId, JsonObject payload, Instant at) {}

  /** Inserts the jobs in one round trip. */
  public Future<Void> insertAll(SqlClient sql, List<NewJob> jobs) {
    List<Tuple> batch = jobs.stream()
        .map(job -> Tuple.tuple()
            .addString(hallId)
            .addString(job.kind().name())
            .addString(job.kioskId())
            .addInteger(job.counterNo())
            .addUUID(job.ticketId())
            .addValue(job.payload())
            .addOffsetDateTime(PgTicketRepository.time(job.at())))
        .toList();
    return sql.preparedQuery(INSERT).executeBatch(batch).mapEmpty();
  }

  /** Ends this counter's pending jobs of this kind: a newer one replaces them. */
  public Future<Void> supersede(SqlClient sql, JobKind kind, int counterNo, Instant at) {
    return sql.preparedQuery(SUPERSEDE)
        .execute(Tuple.of(hallId, kind.name(), counterNo, PgTicketRepository.time(at)))
        .mapEmpty();
  }

  /** Pending jobs of these kiosks and counters after {@code afterId}, oldest first. */
  public Future<List<DeviceJob>> pending(SqlClient sql, List<String> kiosks, List<Integer> counters, long afterId, int limit) {
    Tuple params = Tuple.of(hallId, afterId, kiosks.toArray(String[]::new), counters.toArray(Integer[]::new), limit);
    return sql.preparedQuery(PENDING).execute(params).map(rows -> {
      List<DeviceJob> jobs = new ArrayList<>();
      rows.forEach(row -> jobs.add(job(row)));
      return jobs;
    });
  }

  public Future<Optional<DeviceJob>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(hallId, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
  }

  public Future<Void> complete(SqlClient sql, long id, JobOutcome outcome, String by, Instant at) {
    return sql.preparedQuery(COMPLETE)
        .execute(Tuple.of(hallId, id, PgTicketRepository.time(at), outcome.name(), by))
        .mapEmpty();
  }

  private static DeviceJob job(Row row) {
    String outcome = row.getString("outcome");
    return new DeviceJob(row.getLong("id"), JobKind.valueOf(row.getString("kind")), row.getString("kiosk_id"),
        row.getInteger("counter_no"), row.getUUID("ticket_id"), (JsonObject) row.getValue("payload"),
        row.getOffsetDateTime("created_at").toInstant(), outcome == null ? null : JobOutcome.valueOf(outcome));
  }
}
