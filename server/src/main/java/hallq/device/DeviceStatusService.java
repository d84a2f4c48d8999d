package hallq.device;

import hallq.db.PgDeviceRepository;
import hallq.db.PgEventLog;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * Printer status of the kiosks: saved with its event in one transaction, so the kiosk screen learns
 * over the live stream when its printer runs out of paper.
 */
public final class DeviceStatusService {
  private final Pool pool;
  private final HallClock clock;
  private final PgDeviceRepository devices;
  private final PgEventLog events;

  public DeviceStatusService(Pool pool, String hallId, HallClock clock) {
    this.pool = pool;
    this.clock = clock;
    this.devices = new PgDeviceRepository(hallId);
    this.events = new PgEventLog(hallId);
  }

  public Future<JsonObject> reportPrinter(String deviceId, PrinterState state, String actor) {
    var now = clock.now();
    JsonObject status = new JsonObject()
        .put("deviceId", deviceId)
        .put("printer", state.name())
        .put("canPrint", state.canPrint())
        .put("updatedAt", now.toString());
    return pool.withTransaction(sql -> devices.savePrinter(sql, deviceId, state, now)
        .compose(v -> events.append(sql, EventType.PRINTER_STATUS, null, null, actor, now, status))
        .map(id -> status));
  }

  /** The last report, or UNKNOWN with {@code canPrint} null when the printer never reported. */
  public Future<JsonObject> printer(String deviceId) {
    return pool.withConnection(sql -> devices.findPrinter(sql, deviceId))
        .map(found -> found
            .map(status -> status.put("canPrint", PrinterState.valueOf(status.getString("printer")).canPrint()))
            .orElseGet(() -> new JsonObject().put("deviceId", deviceId).put("printer", "UNKNOWN").putNull("canPrint")));
  }
}
