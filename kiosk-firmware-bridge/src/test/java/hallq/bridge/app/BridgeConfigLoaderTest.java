package hallq.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.app.BridgeConfig.Kind;
import hallq.bridge.app.BridgeConfigLoader.BridgeConfigException;
import hallq.bridge.printer.QrMode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BridgeConfigLoaderTest {
  private static final Path DEMO = Path.of("..", "config", "bridge.json");

  @Test
  @DisplayName("演示桥接配置：一台打印机、两块条屏、一条 RS-485 总线上的数码屏、评价器和呼叫器、一台身份证读卡器")
  void theDemoConfigLoads() {
    BridgeConfig config = BridgeConfigLoader.load(DEMO, Map.of());
    assertEquals("http://127.0.0.1:8080", config.server().url().toString());
    assertEquals(5, config.ports().size());
    assertEquals(11, config.devices().count());
    BridgeConfig.DeviceConfig reader = config.ports().get(4).devices().get(0);
    assertEquals(Kind.IDREADER, reader.kind());
    assertEquals("kiosk-1", reader.kioskId());
    assertEquals(115_200, config.ports().get(4).baudRate());
    assertEquals(Duration.ofMillis(400), config.timing().idCardPoll());
    BridgeConfig.DeviceConfig printer = config.ports().get(0).devices().get(0);
    assertEquals(Kind.PRINTER, printer.kind());
    assertEquals("kiosk-1", printer.kioskId());
    assertEquals(QrMode.NATIVE, printer.qrMode());
    assertEquals(Duration.ofSeconds(10), config.timing().ratingWindow());
    assertEquals(Duration.ofMillis(45_000), config.timing().streamIdle(), "a default");
  }

  @Test
  @DisplayName("环境变量覆盖服务器地址和令牌")
  void theEnvironmentOverridesTheServer() {
    BridgeConfig config = BridgeConfigLoader.load(DEMO, Map.of(
        "HALLQ_BRIDGE_SERVER_URL", "https://hallq.example.org", "HALLQ_BRIDGE_SERVER_TOKEN", "another-token-123456"));
    assertEquals("https://hallq.example.org", config.server().url().toString());
    assertEquals("another-token-123456", config.server().token());
  }

  @Test
  @DisplayName("配置错误在启动时指明键名")
  void mistakesNameTheirKey() {
    assertKey("server.url", json -> json.getJsonObject("server").put("url", "ftp://x"));
    assertKey("ports[0].devices[0].kind", json -> device(json, 0, 0).put("kind", "TOASTER"));
    assertKey("ports[0].devices[0].kioskId", json -> device(json, 0, 0).remove("kioskId"));
    assertKey("ports[3].devices[1].address", json -> device(json, 3, 1).put("address", 300));
    assertKey("ports[1].devices[0]", json -> device(json, 1, 0).put("codec", "NEON"));
    assertKey("ports[3].devices", json -> device(json, 3, 1).put("address", 30));
    assertKey("ports[3].devices", json -> device(json, 3, 1).put("id", "sign-3"));
    assertKey("ports[3].devices", json -> json.getJsonArray("ports").getJsonObject(3).getJsonArray("devices")
        .add(new JsonObject().put("id", "printer-2").put("kind", "PRINTER").put("kioskId", "kiosk-2")));
    assertKey("ports[1].path", json -> json.getJsonArray("ports").getJsonObject(1).put("path", "/dev/serial/by-id/usb-hallq-kiosk-1-printer"));
    assertKey("timing.ratingWindowSeconds", json -> json.getJsonObject("timing").put("ratingWindowSeconds", 0));
    assertKey("ports[4].devices[0].kioskId", json -> device(json, 4, 0).remove("kioskId"));
    assertKey("ports[4].devices", json -> json.getJsonArray("ports").getJsonObject(4).getJsonArray("devices")
        .add(new JsonObject().put("id", "printer-2").put("kind", "PRINTER").put("kioskId", "kiosk-1")));
    assertKey("timing.idCardPollMillis", json -> json.getJsonObject("timing").put("idCardPollMillis", 0));
  }

  private static JsonObject device(JsonObject json, int port, int device) {
    return json.getJsonArray("ports").getJsonObject(port).getJsonArray("devices").getJsonObject(device);
  }

  private static void assertKey(String key, Consumer<JsonObject> breakIt) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(DEMO));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    breakIt.accept(json);
    BridgeConfigException e = assertThrows(BridgeConfigException.class, () -> BridgeConfigLoader.fromJson(json));
    assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
  }
}
