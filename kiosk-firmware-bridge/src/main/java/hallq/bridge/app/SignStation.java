package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.led.LedContent;
import hallq.bridge.led.LedProtocol;
import hallq.bridge.led.LedReplyReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** A counter's LED sign, in the protocol its config names; it shows the newest job only. */
final class SignStation extends JobStation {
  private final LedProtocol protocol;

  SignStation(Vertx vertx, DeviceConfig device, PortRunner runner, BridgeConfig.Timing timing, JobBook book) {
    super(vertx, device, runner, timing, book);
    this.protocol = LedProtocol.forName(device.codec(), device.address());
  }

  @Override
  boolean takes(Job job) {
    return Job.SHOW_ON_SIGN.equals(job.kind()) && device.counterNo().equals(job.counterNo());
  }

  @Override
  protected boolean newestOnly() {
    return true;
  }

  @Override
  protected Future<Report> perform(Job job) {
    LedContent content = content(job.payload());
    return runner.run(() -> {
      LedReplyReader reader = protocol.newReplyReader();
      return runner.port().exchange(protocol.request(content), reader::feed, timing.reply());
    }).compose(ack -> ack.ok() ? Future.succeededFuture(Report.DONE) : Future.failedFuture("the sign refused: " + ack.detail()));
  }

  static LedContent content(JsonObject payload) {
    int counterNo = payload.getInteger("counterNo");
    return switch (payload.getString("shows")) {
      case "CALL" -> new LedContent.Call(payload.getString("number"), counterNo);
      case "PAUSED" -> new LedContent.Paused(counterNo);
      default -> new LedContent.Idle(counterNo);
    };
  }
}
