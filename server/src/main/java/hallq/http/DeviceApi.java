package hallq.http;

import hallq.DomainException;
import hallq.auth.Principal;
import hallq.config.HallqConfig;
import hallq.config.HallqConfig.DeviceType;
import hallq.device.DeviceStatusService;
import hallq.device.PrinterState;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Device status: kiosk printers (reported by the kiosk itself or by a bridge) and the bridges' serial devices. */
final class DeviceApi {
  private final HallqConfig config;
  private final DeviceStatusService devices;

  DeviceApi(HallqConfig config, DeviceStatusService devices) {
    this.config = config;
    this.devices = devices;
  }

  void reportPrinterStatus(RoutingContext ctx) {
    Principal caller = Access.caller(ctx);
    String deviceId = kiosk(ctx);
    boolean itself = caller.is(DeviceType.KIOSK) && caller.name().equals(deviceId);
    if (!itself && !caller.is(DeviceType.BRIDGE)) {
      throw DomainException.forbidden("FORBIDDEN", "only kiosk " + deviceId + " itself or a bridge reports its printer");
    }
    PrinterState state = PrinterState.valueOf(ctx.body().asJsonObject().getString("status"));
    Replies.json(ctx, devices.reportPrinter(deviceId, state, caller.name()));
  }

  void getPrinterStatus(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, devices.printer(kiosk(ctx)));
  }

  /** Every kiosk's printer and every serial device the bridges reported (staff or device). */
  void listDevices(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    List<String> kiosks = config.devices().stream().filter(d -> d.type() == DeviceType.KIOSK).map(d -> d.id()).toList();
    Replies.json(ctx, devices.overview(kiosks));
  }

  private String kiosk(RoutingContext ctx) {
    String deviceId = ctx.pathParam("deviceId");
    boolean known = config.devices().stream().anyMatch(d -> d.id().equals(deviceId) && d.type() == DeviceType.KIOSK);
    if (!known) {
      throw DomainException.notFound("DEVICE_NOT_FOUND", "deviceId: no kiosk '" + deviceId + "' in this hall");
    }
    return deviceId;
  }
}
