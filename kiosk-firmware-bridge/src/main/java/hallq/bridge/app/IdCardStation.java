package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.device.IdCardReader;
import hallq.bridge.device.PortState;
import hallq.bridge.idcard.CardHolder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kiosk's ID card reader (二代证): asked every {@code idCardPoll} whether a card lies on it; a card
 * is read (select, read text) once per placement and sent to the server, which checks the citizen in
 * for an appointment. Until the reader says the card is gone, the same card is not read again. A read
 * that failed (a bad frame, the card pulled away mid-read) is tried again at the next poll.
 *
 * <p>The ID number and the name never reach the log in full: only {@link CardHolder#toString()}'s
 * masked form ({@code 3301**********1234}, {@code 张*}) and the server's error code, never its message.
 * The reader's state goes to the server as the other devices' does, with the count of bad frames it
 * dropped in the detail.
 */
final class IdCardStation {
  private static final Logger LOG = LoggerFactory.getLogger(IdCardStation.class);

  private final Vertx vertx;
  private final DeviceConfig device;
  private final PortRunner runner;
  private final BridgeConfig.Timing timing;
  private final ServerApi server;
  private final IdCardReader reader;
  private boolean polling;
  private boolean cardRead;
  private boolean online;
  private String portDetail = "not opened yet";
  private long droppedFrames;

  /** What one poll saw. */
  private record Poll(boolean cardPresent, Optional<CardHolder> holder, long droppedFrames) {}

  IdCardStation(Vertx vertx, DeviceConfig device, PortRunner runner, BridgeConfig.Timing timing, ServerApi server) {
    this.vertx = vertx;
    this.device = device;
    this.runner = runner;
    this.timing = timing;
    this.server = server;
    this.reader = new IdCardReader(runner.port());
  }

  String deviceId() {
    return device.id();
  }

  void start() {
    vertx.setPeriodic(timing.idCardPoll().toMillis(), id -> poll());
  }

  /** The port went online or offline: told to the server with the dropped-frame count. */
  void portState(PortState state) {
    online = state.online();
    portDetail = state.detail();
    report();
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    boolean alreadyRead = cardRead;
    runner.run(() -> {
      try {
        boolean present = reader.cardPresent(timing.reply());
        Optional<CardHolder> holder = present && !alreadyRead ? reader.read(timing.reply()) : Optional.empty();
        return new Poll(present, holder, reader.droppedFrames());
      } catch (RuntimeException e) {
        throw new PollFailed(e, reader.droppedFrames());
      }
    }).compose(this::handle)
        .onComplete(done -> {
          polling = false;
          if (done.failed()) {
            PollFailed failed = done.cause() instanceof PollFailed f ? f : null;
            LOG.debug("ID card reader {} poll failed: {}", device.id(), failed == null ? done.cause() : failed.getCause());
            if (failed != null) {
              dropped(failed.droppedFrames);
            }
          }
        });
  }

  private Future<Void> handle(Poll poll) {
    dropped(poll.droppedFrames());
    if (!poll.cardPresent()) {
      cardRead = false;
      return Future.succeededFuture();
    }
    if (poll.holder().isEmpty()) {
      return Future.succeededFuture();
    }
    cardRead = true;
    CardHolder holder = poll.holder().get();
    return server.idCard(device.id(), device.kioskId(), holder)
        .onSuccess(reply -> {
          if (reply.ok()) {
            LOG.info("ID card {} at {}: checked in", holder, device.kioskId());
          } else {
            LOG.warn("ID card {} at {}: the server refused the check-in ({}, HTTP {})", holder, device.kioskId(), reply.errorCode(), reply.status());
          }
        })
        .onFailure(e -> LOG.warn("ID card {} at {}: the server could not be reached ({}); lay the card on again", holder,
            device.kioskId(), e.getClass().getSimpleName()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void dropped(long total) {
    if (total != droppedFrames) {
      LOG.warn("ID card reader {} dropped {} bad frames so far", device.id(), total);
      droppedFrames = total;
      report();
    }
  }

  private void report() {
    String detail = portDetail + "; " + droppedFrames + " bad frames dropped";
    server.device(device.id(), BridgeVerticle.deviceReport(device, online, detail));
  }

  /** A poll that failed, carrying the count of dropped frames it saw. */
  private static final class PollFailed extends RuntimeException {
    private final long droppedFrames;

    PollFailed(RuntimeException cause, long droppedFrames) {
      super(cause.getMessage(), cause, false, false);
      this.droppedFrames = droppedFrames;
    }
  }
}
