package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.app.BridgeConfig.PortConfig;
import hallq.bridge.device.PortState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge: holds the job stream from the server, hands each job to the device that does it, and
 * reports device state. Everything here runs on this verticle's event loop; serial I/O runs on each
 * port's own worker ({@link PortRunner}).
 */
public final class BridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeVerticle.class);

  private final BridgeConfig config;
  private final List<PortRunner> runners = new ArrayList<>();
  private final List<JobStation> stations = new ArrayList<>();
  private final List<KeypadStation> keypads = new ArrayList<>();
  private final Map<String, IdCardStation> idCards = new HashMap<>();
  private HttpClient client;
  private HttpClient streamClient;
  private JobStream stream;
  private ServerApi server;
  private volatile JobBook book;

  public BridgeVerticle(BridgeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    HttpClientOptions options = new HttpClientOptions().setConnectTimeout((int) config.timing().request().toMillis());
    client = vertx.createHttpClient(options);
    streamClient = vertx.createHttpClient(options);
    server = new ServerApi(vertx, client, config);
    book = new JobBook(server);
    for (PortConfig port : config.ports()) {
      PortRunner runner = new PortRunner(vertx, port, state -> reportState(port, state));
      runners.add(runner);
      for (DeviceConfig device : port.devices()) {
        switch (device.kind()) {
          case PRINTER -> stations.add(new PrinterStation(vertx, device, runner, config.timing(), book, server));
          case SIGN -> stations.add(new SignStation(vertx, device, runner, config.timing(), book));
          case PAD -> stations.add(new PadStation(vertx, device, runner, config.timing(), book));
          case KEYPAD -> keypads.add(new KeypadStation(vertx, device, runner, config.timing(), server));
          case IDREADER -> idCards.put(device.id(), new IdCardStation(vertx, device, runner, config.timing(), server));
        }
      }
    }
    stations.forEach(JobStation::start);
    keypads.forEach(KeypadStation::start);
    idCards.values().forEach(IdCardStation::start);
    stream = new JobStream(vertx, streamClient, config, this::onJob, connected -> {});
    stream.start();
    LOG.info("Bridge started: {} devices on {} ports, server {}", stations.size() + keypads.size() + idCards.size(), runners.size(), config.server().url());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stream.stop();
    server.stop();
    // The ports close before the verticle's context goes: their last state change hops back onto it.
    return Future.all(runners.stream().map(PortRunner::close).toList())
        .transform(closed -> client.shutdown(1, TimeUnit.SECONDS))
        .eventually(() -> streamClient.shutdown(1, TimeUnit.SECONDS));
  }

  /** Jobs the server sent again that this bridge had in hand or had done already (read from any thread). */
  public long repeatedJobs() {
    return book == null ? 0 : book.repeats();
  }

  private void onJob(Job job) {
    if (!book.take(job)) {
      return;
    }
    stations.stream()
        .filter(station -> station.takes(job))
        .findFirst()
        .ifPresentOrElse(station -> station.accept(job),
            () -> LOG.warn("No device of this bridge does {}; it stays pending on the server", job));
  }

  private void reportState(PortConfig port, PortState state) {
    if (state.online()) {
      LOG.info("{} is online", port.path());
    } else {
      LOG.warn("{} is offline: {}", port.path(), state.detail());
    }
    for (DeviceConfig device : port.devices()) {
      IdCardStation idCard = idCards.get(device.id());
      if (idCard != null) {
        idCard.portState(state);
      } else {
        server.device(device.id(), deviceReport(device, state.online(), state.detail()));
      }
    }
  }

  /** The body of {@code PUT /api/v1/bridge/devices/{id}}. */
  static JsonObject deviceReport(DeviceConfig device, boolean online, String detail) {
    JsonObject report = new JsonObject()
        .put("kind", device.kind().name())
        .put("online", online)
        .put("detail", trim(detail == null ? "" : detail));
    if (device.kioskId() != null) {
      report.put("kioskId", device.kioskId());
    } else {
      report.put("counterNo", device.counterNo());
    }
    return report;
  }

  private static String trim(String detail) {
    return detail.length() > 200 ? detail.substring(0, 200) : detail;
  }
}
