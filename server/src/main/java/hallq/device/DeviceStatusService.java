package hallq.device;

import hallq.db.PgDeviceRepository;
import hallq.db.PgEventLog;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import io.vertx.core.Future;
import hallq.db.PgDeviceRepository.BridgeDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
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

  /**
   * What a bridge says about one of its serial devices; a change of online/offline is also an event,
   * so dashboards hear of an unplugged printer at once.
   */
  public Future<BridgeDevice> reportBridgeDevice(String bridgeId, String deviceId, String kind, String kioskId,
      Integer counterNo, boolean online, String detail) {
    BridgeDevice device = new BridgeDevice(bridgeId, deviceId, kind, kioskId, counterNo, online, detail, clock.now());
    JsonObject event = device.toJson();
    return pool.withTransaction(sql -> devices.bridgeDeviceOnline(sql, device.bridgeId(), device.deviceId())
        .compose(before -> devices.saveBridgeDevice(sql, device)
            .compose(v -> before.isPresent() && before.get() == device.online()
                ? Future.succeededFuture()
                : events.append(sql, EventType.DEVICE_STATUS, null, device.counterNo(), device.bridgeId(), device.updatedAt(), event).mapEmpty())))
        .map(v -> device);
  }

  /** Every kiosk's printer and every device a bridge reported. */
  public Future<JsonObject> overview(List<String> kiosks) {
    List<Future<JsonObject>> printers = kiosks.stream().map(this::printer).toList();
    return Future.all(printers)
        .compose(all -> pool.withConnection(devices::bridgeDevices))
        .map(bridged -> new JsonObject()
            .put("printers", new JsonArray(printers.stream().map(Future::result).toList()))
            .put("bridgeDevices", new JsonArray(bridged.stream().map(BridgeDevice::toJson).toList())));
  }
}
