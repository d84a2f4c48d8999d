package hallq.db;

import hallq.device.PrinterState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/** Device status as last reported. */
public final class PgDeviceRepository {

  private static final String UPSERT = """
      INSERT INTO device_status (hall_id, device_id, printer, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, device_id) DO UPDATE SET printer = excluded.printer, updated_at = excluded.updated_at""";

  private static final String FIND = "SELECT printer, updated_at FROM device_status WHERE hall_id = $1 AND device_id = $2";

  private final String hallId;

  public PgDeviceRepository(String hallId) {
    this.hallId = hallId;
  }

  public Future<Void> savePrinter(SqlClient sql, String deviceId, PrinterState state, Instant at) {
    return sql.preparedQuery(UPSERT)
        .execute(Tuple.of(hallId, deviceId, state.name(), PgTicketRepository.time(at)))
        .mapEmpty();
  }

  /** {"deviceId", "printer", "updatedAt"}; empty if the device never reported. */
  public Future<Optional<JsonObject>> findPrinter(SqlClient sql, String deviceId) {
    return sql.preparedQuery(FIND)
        .execute(Tuple.of(hallId, deviceId))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Row row = it.next();
          return Optional.of(new JsonObject()
              .put("deviceId", deviceId)
              .put("printer", row.getString("printer"))
              .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString()));
        });
  }
}
