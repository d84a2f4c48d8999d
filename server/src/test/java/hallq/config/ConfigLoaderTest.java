package hallq.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.DomainException;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.config.HallqConfig.PriorityCategory;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.config.HallqConfig.UserConfig;
import hallq.queue.ClosingRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path DEMO = Path.of("..", "config", "hallq.json");

  @TempDir
  Path tempDir;

  @Test
  @DisplayName("演示大厅配置：6 类业务 A–F，12 个窗口，4 类优先人群")
  void demoConfigLoads() {
    HallqConfig config = ConfigLoader.load(DEMO, Map.of());

    assertEquals(List.of("A", "B", "C", "D", "E", "F"), config.serviceTypes().stream().map(ServiceTypeConfig::prefix).toList());
    assertEquals(List.of("SOCIAL_INSURANCE", "REAL_ESTATE", "HOUSING_FUND", "HOUSEHOLD_ENTRY_EXIT", "BUSINESS_SETUP", "CONSULTATION"),
        config.serviceTypes().stream().map(ServiceTypeConfig::code).toList());
    assertEquals(12, config.counters().size());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), config.counters().stream().map(c -> c.no()).toList());
    assertEquals(List.of("ELDERLY", "DISABLED", "MILITARY", "PREGNANT"), config.priorities().stream().map(PriorityCategory::code).toList());
    assertEquals(ZoneId.of("Asia/Shanghai"), config.hall().timeZone());
    assertEquals(Duration.ofHours(12), config.auth().sessionTtl());
    assertEquals(8080, config.http().port());
    assertEquals(1, config.queue().noShowRequeueLimit());
    assertEquals(14, config.users().size());
    assertEquals(4, config.devices().size());
  }

  @Test
  @DisplayName("HALLQ_* 环境变量覆盖配置文件")
  void environmentOverridesTakeEffect() {
    String token = "new-kiosk-token-0020";
    assertEquals(20, token.length());
    HallqConfig config = ConfigLoader.load(DEMO, Map.of(
        "HALLQ_HTTP_PORT", "9090",
        "HALLQ_DATA_DIR", "/x",
        "HALLQ_DB_URL", "postgresql://u:p@h:5432/d",
        "HALLQ_DEVICES_0_TOKEN", token,
        "HALLQ_COUNTERS_0_SERVICES", "CONSULTATION,SOCIAL_INSURANCE",
        "HALLQ_QUEUE_NO_SHOW_REQUEUE_LIMIT", "2"));

    assertEquals(9090, config.http().port());
    assertEquals(Path.of("/x"), config.dataDir());
    assertEquals("postgresql://u:p@h:5432/d", config.db().url());
    assertFalse(config.db().embedded());
    assertEquals(token, config.devices().get(0).token());
    assertEquals("demo-kiosk-2-token-change-me", config.devices().get(1).token(), "only the named device changes");
    assertEquals(List.of("CONSULTATION", "SOCIAL_INSURANCE"), config.counters().get(0).services());
    assertEquals(List.of("SOCIAL_INSURANCE", "CONSULTATION"), config.counters().get(1).services(), "only the named counter changes");
    assertEquals(2, config.queue().noShowRequeueLimit());
  }

  @Test
  @DisplayName("环境变量的值不合法：错误信息以变量名或配置键开头")
  void invalidEnvironmentValuesNameTheKey() {
    assertKey("HALLQ_HTTP_PORT", () -> ConfigLoader.load(DEMO, Map.of("HALLQ_HTTP_PORT", "abc")));
    assertKey("http.port", () -> ConfigLoader.load(DEMO, Map.of("HALLQ_HTTP_PORT", "70000")));
    assertKey("HALLQ_NO_SUCH_KEY", () -> ConfigLoader.load(DEMO, Map.of("HALLQ_NO_SUCH_KEY", "1")));
    assertKey("devices[0].token", () -> ConfigLoader.load(DEMO, Map.of("HALLQ_DEVICES_0_TOKEN", "short")));
    assertKey("privacy.secretKey", () -> ConfigLoader.load(DEMO, Map.of("HALLQ_PRIVACY_SECRET_KEY", "dG9vIHNob3J0")));
    assertKey("privacy.secretKey", () -> ConfigLoader.load(DEMO, Map.of("HALLQ_PRIVACY_SECRET_KEY", "not base64!")));
    assertThrows(DomainException.class, () -> ConfigLoader.load(DEMO, Map.of("HALLQ_PRIVACY_SECRET_KEY", "")).privacy().require(),
        "no key: nothing personal is stored");
  }

  @Test
  @DisplayName("窗口引用了不存在的业务类型")
  void counterNamingAnUnknownService() {
    Path file = demoWith(raw -> raw.getJsonArray("counters").getJsonObject(0).getJsonArray("services").add("NO_SUCH_SERVICE"));
    assertKey("counters[0].services", () -> ConfigLoader.load(file, Map.of()));
  }

  @Test
  @DisplayName("差评原因、桥接程序管辖、服务标准与营业时间写错时指明键名")
  void newerKeysNameTheirMistakes() {
    JsonObject reason = new JsonObject().put("code", "OTHER").put("name", "其他").put("nameEn", "Other");
    assertKey("lowRatingReasons[1].code", () -> ConfigLoader.load(demoWith(raw -> raw.put("lowRatingReasons",
        new JsonArray().add(reason).add(reason))), Map.of()));
    assertKey("devices[3].counters", () -> ConfigLoader.load(demoWith(raw -> raw.getJsonArray("devices").getJsonObject(3)
        .put("counters", new JsonArray().add(99))), Map.of()));
    assertKey("serviceTypes[0].standard.warnWaitMinutes", () -> ConfigLoader.load(demoWith(raw -> raw.getJsonArray("serviceTypes")
        .getJsonObject(0).getJsonObject("standard").put("warnWaitMinutes", 99)), Map.of()));
    assertKey("hall.openingHours", () -> ConfigLoader.load(demoWith(raw -> raw.getJsonObject("hall").put("openingHours",
        new JsonArray().add(new JsonObject().put("days", new JsonArray().add("MON"))
            .put("opens", "18:00").put("closes", "08:00")))), Map.of()));
  }

  @Test
  @DisplayName("闭厅规则：默认延时服务；闭厅未办理可带原因（缺省为“闭厅未办理”）；模式或原因写错时指明键名")
  void closingRulesAreReadAndTheirMistakesNamed() {
    assertEquals(ClosingRule.SERVE_LATE, ConfigLoader.load(DEMO, Map.of()).serviceTypes().get(0).closingRule());
    HallqConfig closing = ConfigLoader.load(demoWith(raw -> raw.getJsonArray("serviceTypes").getJsonObject(1)
        .put("closingRule", new JsonObject().put("mode", "CLOSE_UNSERVED"))), Map.of());
    assertEquals(new ClosingRule(ClosingRule.Mode.CLOSE_UNSERVED, "闭厅未办理"), closing.serviceTypes().get(1).closingRule());
    assertKey("serviceTypes[0].closingRule.mode", () -> ConfigLoader.load(demoWith(raw -> raw.getJsonArray("serviceTypes")
        .getJsonObject(0).put("closingRule", new JsonObject().put("mode", "LATER"))), Map.of()));
    assertKey("serviceTypes[0].closingRule.reason", () -> ConfigLoader.load(demoWith(raw -> raw.getJsonArray("serviceTypes")
        .getJsonObject(0).put("closingRule", new JsonObject().put("mode", "CLOSE_UNSERVED").put("reason", "x".repeat(101)))), Map.of()));
    assertKey("serviceTypes[0].closingRule", () -> ConfigLoader.load(demoWith(raw -> raw.getJsonArray("serviceTypes")
        .getJsonObject(0).put("closingRule", "CLOSE_UNSERVED")), Map.of()));
  }

  @Test
  @DisplayName("省好差评平台：不配置地址时只存不发；地址、渠道代码、重试间隔、默认评价等级写错时指明键名；事项编码默认为业务代码")
  void provincialFeedKeys() {
    HallqConfig plain = ConfigLoader.load(DEMO, Map.of());
    assertFalse(plain.provincialFeed().configured());
    assertEquals("2", plain.provincialFeed().channelCodes().get("TICKET_PAGE"));
    assertEquals("SOCIAL_INSURANCE", plain.serviceType("SOCIAL_INSURANCE").orElseThrow().itemCode());

    HallqConfig set = ConfigLoader.load(demoWith(raw -> {
      raw.put("provincialFeed", new JsonObject().put("url", "https://hcp.example.gov.cn/api/records")
          .put("channelCodes", new JsonObject().put("EVALUATION_PAD", "7")));
      raw.getJsonArray("serviceTypes").getJsonObject(0).put("itemCode", "11330100MB0000000X4000111000000");
    }), Map.of("HALLQ_PROVINCIAL_FEED_TOKEN", "feed-token-from-env"));
    assertTrue(set.provincialFeed().configured());
    assertEquals("feed-token-from-env", set.provincialFeed().token());
    assertEquals("7", set.provincialFeed().channelCodes().get("EVALUATION_PAD"));
    assertEquals("2", set.provincialFeed().channelCodes().get("TICKET_PAGE"), "codes not given keep their defaults");
    assertEquals("11330100MB0000000X4000111000000", set.serviceType("SOCIAL_INSURANCE").orElseThrow().itemCode());

    assertKey("provincialFeed.url", () -> ConfigLoader.load(demoWith(raw -> raw.put("provincialFeed",
        new JsonObject().put("url", "ftp://hcp.example"))), Map.of()));
    assertKey("provincialFeed.channelCodes.COUNTER_SCREEN", () -> ConfigLoader.load(demoWith(raw -> raw.put("provincialFeed",
        new JsonObject().put("channelCodes", new JsonObject().put("COUNTER_SCREEN", " ")))), Map.of()));
    assertKey("defaultRating.level", () -> ConfigLoader.load(demoWith(raw -> raw.put("defaultRating",
        new JsonObject().put("level", "UNSATISFIED"))), Map.of()));
    assertKey("provincialFeed.retryMaxMillis", () -> ConfigLoader.load(demoWith(raw -> raw.put("provincialFeed",
        new JsonObject().put("retryFirstMillis", 60_000).put("retryMaxMillis", 1_000))), Map.of()));
  }

  @Test
  @DisplayName("两类业务使用同一个号码前缀")
  void duplicatePrefix() {
    Path file = demoWith(raw -> raw.getJsonArray("serviceTypes").getJsonObject(1).put("prefix", "A"));
    assertKey("serviceTypes[1].prefix", () -> ConfigLoader.load(file, Map.of()));
  }

  @Test
  @DisplayName("未知时区")
  void badTimeZone() {
    Path file = demoWith(raw -> raw.getJsonObject("hall").put("timeZone", "Asia/Atlantis"));
    assertKey("hall.timeZone", () -> ConfigLoader.load(file, Map.of()));
  }

  @Test
  @DisplayName("缺少大厅名称")
  void missingHallName() {
    Path file = demoWith(raw -> raw.getJsonObject("hall").remove("name"));
    assertKey("hall.name", () -> ConfigLoader.load(file, Map.of()));
  }

  @Test
  @DisplayName("设备令牌太短")
  void shortDeviceToken() {
    Path file = demoWith(raw -> raw.getJsonArray("devices").getJsonObject(0).put("token", "short-token"));
    assertKey("devices[0].token", () -> ConfigLoader.load(file, Map.of()));
  }

  @Test
  @DisplayName("密码哈希格式错误")
  void malformedPasswordHash() {
    Path file = demoWith(raw -> raw.getJsonArray("users").getJsonObject(0).put("passwordHash", "hallq-clerk"));
    ConfigException e = assertKey("users[0].passwordHash", () -> ConfigLoader.load(file, Map.of()));
    assertFalse(e.getMessage().contains("hallq-clerk"), "a password pasted by mistake is not echoed: " + e.getMessage());
  }

  @Test
  @DisplayName("配置文件不存在：错误信息指向 HALLQ_CONFIG")
  void missingConfigFile() {
    Path missing = tempDir.resolve("no-such-hallq.json");
    ConfigException e = assertKey("HALLQ_CONFIG", () -> ConfigLoader.load(missing, Map.of()));
    assertTrue(e.getMessage().contains("no-such-hallq.json"), e.getMessage());
  }

  @Test
  @DisplayName("日志中的配置隐藏所有设备令牌、密码哈希和数据库 URL 中的密码")
  void maskedConfigHidesEverySecret() {
    JsonObject raw = ConfigLoader.readRaw(DEMO, Map.of(
        "HALLQ_DB_URL", "postgresql://hallq:url-secret-pw@db.example:5432/hallq",
        "HALLQ_DB_PASSWORD", "db-secret-pw"));
    HallqConfig config = ConfigLoader.fromJson(raw);
    String rawText = raw.encode();

    String masked = ConfigLoader.masked(raw).encode();

    List<String> secrets = new ArrayList<>();
    config.devices().stream().map(DeviceConfig::token).forEach(secrets::add);
    config.users().stream().map(UserConfig::passwordHash).forEach(secrets::add);
    secrets.add("url-secret-pw");
    secrets.add("db-secret-pw");
    assertEquals(4 + 14 + 2, secrets.size());
    for (String secret : secrets) {
      assertTrue(rawText.contains(secret), "the unmasked config holds " + secret);
      assertFalse(masked.contains(secret), "masked config leaks " + secret);
    }
    assertFalse(masked.contains("pbkdf2-sha256$"), masked);
    assertEquals("postgresql://****@db.example:5432/hallq", ConfigLoader.masked(raw).getJsonObject("db").getString("url"));
    assertEquals("临江市民服务中心", ConfigLoader.masked(raw).getJsonObject("hall").getString("name"), "non-secrets stay");
    assertEquals(rawText, raw.encode(), "masking works on a copy");
  }

  @Test
  @DisplayName("重复的设备令牌：指出键名，但不回显令牌")
  void duplicateDeviceTokenIsNotEchoed() {
    Path file = demoWith(raw -> raw.getJsonArray("devices").getJsonObject(1).put("token", "demo-kiosk-1-token-change-me"));
    ConfigException e = assertKey("devices[1].token", () -> ConfigLoader.load(file, Map.of()));
    assertFalse(e.getMessage().contains("demo-kiosk-1-token"), e.getMessage());
  }

  @Test
  @DisplayName("目录登录默认关闭；开启时校验地址、过滤器和组映射，日志中隐藏绑定密码")
  void directoryIsOffByDefaultAndCheckedWhenOn() {
    assertFalse(ConfigLoader.load(DEMO, Map.of()).directory().enabled());

    JsonObject directory = new JsonObject()
        .put("enabled", true).put("url", "ldaps://ad.example.cn:636").put("baseDn", "dc=example,dc=cn")
        .put("bindDn", "cn=hallq,ou=service,dc=example,dc=cn").put("bindPassword", "bind-secret-pw")
        .put("userFilter", "(sAMAccountName={0})")
        .put("groupRoles", new JsonArray().add(new JsonObject().put("group", "HallQ-Clerks").put("role", "CLERK")));
    HallqConfig config = ConfigLoader.load(demoWith(raw -> raw.put("directory", directory.copy())), Map.of());
    assertTrue(config.directory().enabled());
    assertEquals("ldaps://ad.example.cn:636", config.directory().url());

    assertKey("directory.url", () -> ConfigLoader.load(demoWith(raw -> raw.put("directory", directory.copy().put("url", "http://ad"))), Map.of()));
    assertKey("directory.userFilter", () -> ConfigLoader.load(
        demoWith(raw -> raw.put("directory", directory.copy().put("userFilter", "(sAMAccountName=admin)"))), Map.of()));
    assertKey("directory.groupRoles", () -> ConfigLoader.load(
        demoWith(raw -> raw.put("directory", directory.copy().put("groupRoles", new JsonArray()))), Map.of()));
    assertKey("directory.disabled.value", () -> ConfigLoader.load(demoWith(raw -> raw.put("directory", directory.copy()
        .put("disabled", new JsonObject().put("attribute", "userAccountControl").put("match", "BIT").put("value", "two")))), Map.of()));

    JsonObject raw = ConfigLoader.readRaw(demoWith(r -> r.put("directory", directory.copy())), Map.of());
    assertFalse(ConfigLoader.masked(raw).encode().contains("bind-secret-pw"));
  }

  private static ConfigException assertKey(String key, Executable load) {
    ConfigException e = assertThrows(ConfigException.class, load);
    assertTrue(e.getMessage().startsWith(key + ": "), "expected the message to start with '" + key + ": ', was: " + e.getMessage());
    return e;
  }

  /** The demo config, changed by {@code change}, written to a file of its own. */
  private Path demoWith(Consumer<JsonObject> change) {
    try {
      JsonObject raw = new JsonObject(Files.readString(DEMO, StandardCharsets.UTF_8));
      change.accept(raw);
      Path file = Files.createTempFile(tempDir, "hallq", ".json");
      Files.writeString(file, raw.encodePrettily(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
