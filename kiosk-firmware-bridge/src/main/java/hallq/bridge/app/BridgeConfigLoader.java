package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.app.BridgeConfig.Kind;
import hallq.bridge.app.BridgeConfig.PortConfig;
import hallq.bridge.app.BridgeConfig.Server;
import hallq.bridge.app.BridgeConfig.Timing;
import hallq.bridge.led.LedProtocol;
import hallq.bridge.printer.QrMode;
import hallq.bridge.serial.Parity;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bridge's JSON config ({@code config/bridge.json}). {@code HALLQ_BRIDGE_SERVER_URL} and
 * {@code HALLQ_BRIDGE_SERVER_TOKEN} override the server's address and token, so a deployment keeps
 * its secret out of the file. Every problem names its key.
 */
public final class BridgeConfigLoader {
  private static final Set<Kind> BUS_DEVICES = Set.of(Kind.PAD, Kind.KEYPAD, Kind.SIGN);
  /** Devices of a kiosk, each on a port of its own, with no bus address. */
  private static final Set<Kind> KIOSK_DEVICES = Set.of(Kind.PRINTER, Kind.IDREADER);

  private BridgeConfigLoader() {}

  /** The config is wrong: {@code key} says where. */
  public static final class BridgeConfigException extends RuntimeException {
    public BridgeConfigException(String key, String problem) {
      super(key + ": " + problem);
    }
  }

  public static BridgeConfig load(Path file, Map<String, String> env) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new BridgeConfigException(file.toString(), "cannot read: " + e.getMessage());
    } catch (DecodeException e) {
      throw new BridgeConfigException(file.toString(), "not valid JSON: " + e.getMessage());
    }
    JsonObject server = json.getJsonObject("server", new JsonObject());
    if (env.containsKey("HALLQ_BRIDGE_SERVER_URL")) {
      server.put("url", env.get("HALLQ_BRIDGE_SERVER_URL"));
    }
    if (env.containsKey("HALLQ_BRIDGE_SERVER_TOKEN")) {
      server.put("token", env.get("HALLQ_BRIDGE_SERVER_TOKEN"));
    }
    json.put("server", server);
    return fromJson(json);
  }

  public static BridgeConfig fromJson(JsonObject json) {
    JsonObject server = object(json, "server");
    JsonObject timing = json.getJsonObject("timing", new JsonObject());
    BridgeConfig config = new BridgeConfig(
        new Server(url(server), text(server, "server.token")),
        new Timing(
            millis(timing, "reconnectMinMillis", 500),
            millis(timing, "reconnectMaxMillis", 15_000),
            millis(timing, "deviceRetryMaxMillis", 5_000),
            millis(timing, "busPollMillis", 150),
            millis(timing, "printerStatusMillis", 10_000),
            millis(timing, "replyMillis", 500),
            Duration.ofSeconds(number(timing, "timing.ratingWindowSeconds", 10, 1, 600)),
            millis(timing, "requestMillis", 10_000),
            millis(timing, "streamIdleMillis", 45_000),
            millis(timing, "idCardPollMillis", 400)),
        ports(json));
    validate(config);
    return config;
  }

  private static List<PortConfig> ports(JsonObject json) {
    JsonArray array = json.getJsonArray("ports");
    if (array == null || array.isEmpty()) {
      throw new BridgeConfigException("ports", "must list at least one serial port");
    }
    List<PortConfig> ports = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String key = "ports[" + i + "]";
      JsonObject port = array.getJsonObject(i);
      JsonArray devices = port.getJsonArray("devices");
      if (devices == null || devices.isEmpty()) {
        throw new BridgeConfigException(key + ".devices", "must list at least one device");
      }
      List<DeviceConfig> onPort = new ArrayList<>();
      for (int d = 0; d < devices.size(); d++) {
        onPort.add(device(devices.getJsonObject(d), key + ".devices[" + d + "]"));
      }
      ports.add(new PortConfig(text(port, key + ".path"), number(port, key + ".baudRate", 9600, 1200, 921_600),
          choice(port, key + ".parity", Parity.class, "NONE"), onPort));
    }
    return ports;
  }

  private static DeviceConfig device(JsonObject device, String key) {
    Kind kind = choice(device, key + ".kind", Kind.class, null);
    boolean atKiosk = KIOSK_DEVICES.contains(kind);
    String kioskId = atKiosk ? text(device, key + ".kioskId") : null;
    Integer counterNo = atKiosk ? null : number(device, key + ".counterNo", null, 1, 9999);
    String codec = kind == Kind.SIGN ? text(device, key + ".codec").toUpperCase(Locale.ROOT) : null;
    int address = atKiosk ? 0 : number(device, key + ".address", 1, 0, 65_535);
    if (kind == Kind.SIGN) {
      try {
        LedProtocol.forName(codec, address);
      } catch (IllegalArgumentException e) {
        throw new BridgeConfigException(key, e.getMessage());
      }
    } else if (!atKiosk && (address < 1 || address > 247)) {
      throw new BridgeConfigException(key + ".address", "must be a Modbus unit id 1..247, was " + address);
    }
    QrMode qrMode = kind == Kind.PRINTER ? choice(device, key + ".qrMode", QrMode.class, "NATIVE") : null;
    return new DeviceConfig(text(device, key + ".id"), kind, kioskId, counterNo, address, codec, qrMode);
  }

  /** Ids are unique; a printer, an ID card reader or a BX-5K sign has its port to itself; addresses on a bus differ. */
  private static void validate(BridgeConfig config) {
    Set<String> ids = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < config.ports().size(); i++) {
      PortConfig port = config.ports().get(i);
      if (!paths.add(port.path())) {
        throw new BridgeConfigException("ports[" + i + "].path", "port " + port.path() + " is listed twice");
      }
      Set<Integer> addresses = new HashSet<>();
      for (DeviceConfig device : port.devices()) {
        if (!ids.add(device.id())) {
          throw new BridgeConfigException("ports[" + i + "].devices", "device id '" + device.id() + "' is used twice");
        }
        boolean sharesBus = BUS_DEVICES.contains(device.kind()) && !LedProtocol.BX5K.equals(device.codec());
        if (port.devices().size() > 1 && !sharesBus) {
          throw new BridgeConfigException("ports[" + i + "].devices", device.id() + " (" + device.kind() + ") needs a port of its own");
        }
        if (!addresses.add(device.address())) {
          throw new BridgeConfigException("ports[" + i + "].devices", "two devices at address " + device.address());
        }
      }
    }
  }

  private static URI url(JsonObject server) {
    String text = text(server, "server.url");
    URI uri = URI.create(text);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new BridgeConfigException("server.url", "must be an http(s) URL, was " + text);
    }
    return uri;
  }

  private static JsonObject object(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (!(value instanceof JsonObject object)) {
      throw new BridgeConfigException(key, "must be an object");
    }
    return object;
  }

  private static String text(JsonObject json, String key) {
    Object value = json.getValue(last(key));
    if (!(value instanceof String text) || text.isBlank()) {
      throw new BridgeConfigException(key, "must be a non-empty string");
    }
    return text.trim();
  }

  private static int number(JsonObject json, String key, Integer fallback, int min, int max) {
    Object value = json.getValue(last(key));
    if (value == null && fallback != null) {
      return fallback;
    }
    if (!(value instanceof Integer n) || n < min || n > max) {
      throw new BridgeConfigException(key, "must be a whole number " + min + ".." + max + ", was " + value);
    }
    return n;
  }

  private static Duration millis(JsonObject timing, String name, int fallback) {
    return Duration.ofMillis(number(timing, "timing." + name, fallback, 1, 3_600_000));
  }

  private static <E extends Enum<E>> E choice(JsonObject json, String key, Class<E> type, String fallback) {
    Object value = json.getValue(last(key), fallback);
    try {
      return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BridgeConfigException(key, "must be one of " + List.of(type.getEnumConstants()) + ", was " + value);
    }
  }

  private static String last(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }
}
