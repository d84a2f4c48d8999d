package hallq.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Today's waits, as the live compliance view reads them. */
public final class PgComplianceRepository {

  /** A ticket's wait so far ({@code calledAt} null) or until it was called. */
  public record Wait(UUID ticketId, String number, String serviceCode, Instant queuedAt, Instant calledAt) {}

  private static final String TODAY = """
      SELECT id, number, service_code, queued_at, called_at FROM ticket
      WHERE hall_id = $1 AND service_day = $2 AND (status = 'WAITING' OR called_at IS NOT NULL)""";

  private final String hallId;

  public PgComplianceRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Every ticket of the day that waits now or was called. */
  public Future<List<Wait>> today(SqlClient sql, LocalDate day) {
    return sql.preparedQuery(TODAY).execute(Tuple.of(hallId, day)).map(rows -> {
      List<Wait> waits = new ArrayList<>();
      for (Row row : rows) {
        var called = row.getOffsetDateTime("called_at");
        waits.add(new Wait(row.getUUID("id"), row.getString("number"), row.getString("service_code"),
            row.getOffsetDateTime("queued_at").toInstant(), called == null ? null : called.toInstant()));
      }
      return waits;
    });
  }
}
