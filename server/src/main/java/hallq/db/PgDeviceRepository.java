package hallq.db;

import hallq.device.PrinterState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Device status as last reported. */
public final class PgDeviceRepository {

  private static final String UPSERT = """
      INSERT INTO device_status (hall_id, device_id, printer, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, device_id) DO UPDATE SET printer = excluded.printer, updated_at = excluded.updated_at""";

  private static final String FIND = "SELECT printer, updated_at FROM device_status WHERE hall_id = $1 AND device_id = $2";

  private static final String UPSERT_BRIDGE_DEVICE = """
      INSERT INTO bridge_device (hall_id, bridge_id, device_id, kind, kiosk_id, counter_no, online, detail, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (hall_id, bridge_id, device_id) DO UPDATE SET kind = excluded.kind, kiosk_id = excluded.kiosk_id,
        counter_no = excluded.counter_no, online = excluded.online, detail = excluded.detail, updated_at = excluded.updated_at""";

  private static final String BRIDGE_DEVICES = """
      SELECT bridge_id, device_id, kind, kiosk_id, counter_no, online, detail, updated_at FROM bridge_device
      WHERE hall_id = $1 ORDER BY bridge_id, device_id""";

  private static final String BRIDGE_DEVICE_ONLINE = """
      SELECT online FROM bridge_device WHERE hall_id = $1 AND bridge_id = $2 AND device_id = $3 FOR UPDATE""";

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

  /** What a bridge says about one of its serial devices. */
  public record BridgeDevice(String bridgeId, String deviceId, String kind, String kioskId, Integer counterNo,
      boolean online, String detail, Instant updatedAt) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("bridgeId", bridgeId)
          .put("deviceId", deviceId)
          .put("kind", kind)
          .put("kioskId", kioskId)
          .put("counterNo", counterNo)
          .put("online", online)
          .put("detail", detail)
          .put("updatedAt", updatedAt.toString());
    }
  }

  public Future<Void> saveBridgeDevice(SqlClient sql, BridgeDevice device) {
    Tuple params = Tuple.tuple()
        .addString(hallId)
        .addString(device.bridgeId())
        .addString(device.deviceId())
        .addString(device.kind())
        .addString(device.kioskId())
        .addInteger(device.counterNo())
        .addBoolean(device.online())
        .addString(device.detail())
        .addOffsetDateTime(PgTicketRepository.time(device.updatedAt()));
    return sql.preparedQuery(UPSERT_BRIDGE_DEVICE).execute(params).mapEmpty();
  }

  /** Whether the device was online at its last report; empty if it never reported. */
  public Future<Optional<Boolean>> bridgeDeviceOnline(SqlClient sql, String bridgeId, String deviceId) {
    return sql.preparedQuery(BRIDGE_DEVICE_ONLINE)
        .execute(Tuple.of(hallId, bridgeId, deviceId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBoolean("online")));
  }

  public Future<List<BridgeDevice>> bridgeDevices(SqlClient sql) {
    return sql.preparedQuery(BRIDGE_DEVICES).execute(Tuple.of(hallId)).map(rows -> {
      List<BridgeDevice> devices = new ArrayList<>();
      for (Row row : rows) {
        devices.add(new BridgeDevice(row.getString("bridge_id"), row.getString("device_id"), row.getString("kind"),
            row.getString("kiosk_id"), row.getInteger("counter_no"), row.getBoolean("online"), row.getString("detail"),
            row.getOffsetDateTime("updated_at").toInstant()));
      }
      return devices;
    });
  }
}
