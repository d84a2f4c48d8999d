package hallq.config;

import hallq.DomainException;
import hallq.appointment.AppointmentRule;
import hallq.config.HallqConfig.Alerts;
import hallq.config.HallqConfig.AuthSettings;
import hallq.config.HallqConfig.CounterConfig;
import hallq.config.HallqConfig.Db;
import hallq.config.HallqConfig.Demo;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.config.HallqConfig.DeviceType;
import hallq.config.HallqConfig.Display;
import hallq.config.HallqConfig.FollowUp;
import hallq.config.HallqConfig.Hall;
import hallq.config.HallqConfig.Http;
import hallq.config.HallqConfig.LowRatingReason;
import hallq.config.HallqConfig.PriorityCategory;
import hallq.config.HallqConfig.Push;
import hallq.config.HallqConfig.QueueRules;
import hallq.config.HallqConfig.Role;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.config.HallqConfig.UserConfig;
import hallq.quality.QualityIndicators;
import hallq.privacy.PersonalData;
import hallq.queue.ClosingRule;
import hallq.queue.PriorityRule;
import hallq.queue.Ticket;
import hallq.queue.TidalRule;
import hallq.rating.Rating;
import hallq.rating.WorkingDays;
import hallq.standards.OpeningHours;
import hallq.standards.ServiceStandard;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the config file over the built-in defaults, applies {@code HALLQ_*} overrides, validates. */
public final class ConfigLoader {
  public static final String CONFIG_FILE_ENV = "HALLQ_CONFIG";
  public static final Path DEFAULT_FILE = Path.of("config", "hallq.json");

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
  private static final Pattern PREFIX = Pattern.compile("[A-Z]");
  private static final Pattern HALL_ID = Pattern.compile("[a-z0-9-]{1,32}");
  private static final Pattern BASE_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*[^\\s?#/])?");
  private static final Pattern FEED_URL = Pattern.compile("https?://[^\\s]+");
  private static final Pattern PASSWORD_HASH = Pattern.compile("pbkdf2-sha256\\$\\d+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+");

  private ConfigLoader() {}

  /** The file named by {@code HALLQ_CONFIG}, else {@code config/hallq.json}. */
  public static Path configFile(Map<String, String> env) {
    String named = env.get(CONFIG_FILE_ENV);
    return named == null || named.isBlank() ? DEFAULT_FILE : Path.of(named);
  }

  public static HallqConfig load(Path file, Map<String, String> env) {
    return fromJson(readRaw(file, env));
  }

  /** Defaults, then the file, then the environment: the JSON the typed config is built from. */
  public static JsonObject readRaw(Path file, Map<String, String> env) {
    JsonObject json = defaults().mergeIn(readFile(file), true);
    EnvOverrides overrides = new EnvOverrides(env);
    overrides.apply(json);
    TreeSet<String> unknown = new TreeSet<>(env.keySet());
    unknown.removeIf(name -> !name.startsWith(EnvOverrides.PREFIX + "_") || name.equals(CONFIG_FILE_ENV));
    unknown.removeAll(overrides.used());
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown.first(), "no config key has this name");
    }
    return json;
  }

  public static HallqConfig fromJson(JsonObject json) {
    ConfigNode root = new ConfigNode("", json);
    ConfigNode http = root.object("http");
    ConfigNode db = root.object("db");
    ConfigNode hall = root.object("hall");
    ConfigNode queue = root.object("queue");
    ConfigNode auth = root.object("auth");
    ConfigNode push = root.object("push");
    ConfigNode display = root.object("display");
    ConfigNode demo = root.object("demo");
    ConfigNode alerts = root.object("alerts");
    ConfigNode followUp = root.object("followUp");
    ConfigNode provincialFeed = root.object("provincialFeed");
    ConfigNode defaultRating = root.object("defaultRating");
    HallqConfig config = new HallqConfig(
        new Http(http.text("host"), http.integer("port", 0, 65535), matching(http, "publicBaseUrl", BASE_URL)),
        Path.of(root.text("dataDir")),
        new Db(db.optionalText("url"), db.optionalText("user"), db.optionalText("password"), db.integer("poolSize", 1, 200)),
        new Hall(matching(hall, "id", HALL_ID), hall.text("name"), hall.text("nameEn"), zone(hall), openingHours(hall)),
        queueRules(queue),
        new AuthSettings(Duration.ofHours(auth.integer("sessionHours", 1, 168)), auth.integer("pbkdf2Iterations", 10_000, 10_000_000)),
        DirectoryConfig.read(root.object("directory")),
        new Push(push.integer("maxBacklog", 1, 100_000), push.integer("heartbeatSeconds", 1, 300)),
        new Display(announcement(display, "announcement"), announcement(display, "announcementEn"), display.integer("repeat", 1, 5)),
        new Demo(demo.bool("simulatedDevices"), Path.of(demo.text("bridgeConfig"))),
        new Alerts(alerts.integer("checkSeconds", 1, 3600), alerts.integer("counterPausedMinutes", 1, 1440)),
        new FollowUp(followUp.integer("workingDays", 1, 60), new WorkingDays(dates(followUp, "holidays"), dates(followUp, "workedWeekendDays"))),
        new HallqConfig.DefaultRating(defaultRating.choice("level", HallqConfig.DefaultRating.Level.class),
            defaultRating.integer("after", 1, 60), defaultRating.choice("unit", HallqConfig.DefaultRating.Unit.class)),
        new HallqConfig.Nps(root.object("nps").bool("enabled")),
        privacy(root.object("privacy")),
        indicators(root.object("indicators")),
        provincialFeed(provincialFeed),
        new HallqConfig.NearCall(root.object("nearCall").integer("aheadThreshold", 1, HallqConfig.NearCall.MAX_AHEAD)),
        sms(root.object("sms")),
        root.objects("outcomes", ConfigLoader::outcome),
        root.objects("lowRatingReasons", r -> new LowRatingReason(matching(r, "code", CODE), r.text("name"), r.text("nameEn"))),
        root.objects("priorities", p -> new PriorityCategory(matching(p, "code", CODE), p.text("name"), p.text("nameEn"))),
        root.objects("serviceTypes", ConfigLoader::serviceType),
        root.objects("counters", c -> new CounterConfig(c.integer("no", 1, 9999), c.text("name"), c.texts("services"))),
        root.objects("users", ConfigLoader::user),
        root.objects("devices", ConfigLoader::device));
    validateReferences(config);
    return config;
  }

  /** The effective config for the log: secrets replaced, credentials cut from URLs. */
  public static JsonObject masked(JsonObject raw) {
    JsonObject copy = raw.copy();
    maskIn(copy);
    return copy;
  }

  private static void maskIn(Object node) {
    if (node instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        Object value = object.getValue(key);
        if (value instanceof String text && isSecretKey(key) && !text.isEmpty()) {
          object.put(key, "****");
        } else if (value instanceof String text && key.equals("url")) {
          object.put(key, text.replaceAll("//[^/@]*@", "//****@"));
        } else {
          maskIn(value);
        }
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(ConfigLoader::maskIn);
    }
  }

  private static boolean isSecretKey(String key) {
    String lower = key.toLowerCase();
    return lower.contains("password") || lower.contains("token") || lower.contains("secret");
  }

  private static ServiceTypeConfig serviceType(ConfigNode s) {
    return new ServiceTypeConfig(
        matching(s, "code", CODE),
        matching(s, "prefix", PREFIX),
        s.text("name"),
        s.text("nameEn"),
        standard(s),
        s.optionalText("itemCode").isEmpty() ? s.text("code") : s.optionalText("itemCode"),
        s.optionalText("departmentCode"),
        s.optionalText("departmentName"),
        queueRule(s, "priorityRule", PriorityRule.STRICT, PriorityRule::fromJson),
        queueRule(s, "closingRule", ClosingRule.SERVE_LATE, ClosingRule::fromJson),
        queueRule(s, "tidal", TidalRule.NONE, TidalRule::fromJson),
        queueRule(s, "appointments", AppointmentRule.OFF, AppointmentRule::fromConfig));
  }

  /** {@code privacy.secretKey}: empty (no personal data stored), or base64 of at least 32 bytes. */
  private static HallqConfig.Privacy privacy(ConfigNode privacy) {
    String key = privacy.optionalText("secretKey");
    if (key.isEmpty()) {
      return new HallqConfig.Privacy(null);
    }
    try {
      return new HallqConfig.Privacy(new PersonalData(Base64.getDecoder().decode(key)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(privacy.key("secretKey"), "must be empty or the base64 of at least 32 random bytes");
    }
  }

  /** The hall's {@code queue} rules: each checked by field. */
  private static QueueRules queueRules(ConfigNode queue) {
    try {
      return QueueRules.fromJson(queue.json());
    } catch (DomainException e) {
      throw new ConfigException(queue.key(e.field()), e.getMessage());
    }
  }

  /**
   * A service's queue rule under {@code key}, read by {@code parse}; {@code fallback} when not given. For example
   * {@code priorityRule} {"mode": "RATIO", "normalPerPriority": 3} or {@code closingRule} {"mode": "CLOSE_UNSERVED", "reason": "闭厅未办理"}.
   */
  private static <T> T queueRule(ConfigNode s, String key, T fallback, Function<JsonObject, T> parse) {
    Object given = s.optional(key);
    if (given == null) {
      return fallback;
    }
    if (!(given instanceof JsonObject object)) {
      throw new ConfigException(s.key(key), "must be an object");
    }
    try {
      return parse.apply(object);
    } catch (DomainException e) {
      throw new ConfigException(s.key(key) + "." + e.field(), e.getMessage());
    }
  }

  /** The weighted satisfaction score's points per level ("1" … "5", 0..100) and whether default ratings count. */
  private static QualityIndicators indicators(ConfigNode indicators) {
    ConfigNode weights = indicators.object("weights");
    int[] points = new int[5];
    for (int s = 1; s <= 5; s++) {
      points[s - 1] = weights.integer(String.valueOf(s), 0, 100);
    }
    return new QualityIndicators(points, indicators.bool("defaultRatingsCount"), indicators.integer("recallLimit", 0, 10));
  }

  private static HallqConfig.ProvincialFeed provincialFeed(ConfigNode feed) {
    Delivery delivery = delivery(feed, "no platform: the outbox holds the records");
    ConfigNode channels = feed.object("channelCodes");
    Map<String, String> channelCodes = new HashMap<>();
    for (Rating.Channel channel : Rating.Channel.values()) {
      channelCodes.put(channel.name(), channels.text(channel.name()));
    }
    return new HallqConfig.ProvincialFeed(delivery.url, delivery.token, delivery.timeout, delivery.check, delivery.retryFirst,
        delivery.retryMax, feed.optionalText("departmentCode"), feed.optionalText("departmentName"), channelCodes);
  }

  private static HallqConfig.Sms sms(ConfigNode sms) {
    Delivery delivery = delivery(sms, "no gateway: the outbox holds the messages");
    return new HallqConfig.Sms(delivery.url, delivery.token, delivery.timeout, delivery.check, delivery.retryFirst, delivery.retryMax);
  }

  /** Where an outbox delivers to, and its timing: the keys every outbox's config shares. */
  private record Delivery(String url, String token, Duration timeout, Duration check, Duration retryFirst, Duration retryMax) {}

  private static Delivery delivery(ConfigNode node, String whenEmpty) {
    String url = node.optionalText("url");
    if (!url.isEmpty() && !FEED_URL.matcher(url).matches()) {
      throw new ConfigException(node.key("url"), "must be empty (" + whenEmpty + ") or an http(s) URL");
    }
    Duration retryFirst = Duration.ofMillis(node.integer("retryFirstMillis", 10, 3_600_000));
    Duration retryMax = Duration.ofMillis(node.integer("retryMaxMillis", 10, 86_400_000));
    if (retryMax.compareTo(retryFirst) < 0) {
      throw new ConfigException(node.key("retryMaxMillis"), "must not be less than retryFirstMillis");
    }
    return new Delivery(url, node.optionalText("token"), Duration.ofMillis(node.integer("timeoutMillis", 100, 600_000)),
        Duration.ofMillis(node.integer("checkMillis", 10, 3_600_000)), retryFirst, retryMax);
  }

  /** {@code targetWaitMinutes} and {@code standardServiceMinutes}, refined by an optional {@code standard} object. */
  private static ServiceStandard standard(ConfigNode s) {
    ServiceStandard defaults = ServiceStandard.defaults(s.integer("targetWaitMinutes", 1, 600), s.integer("standardServiceMinutes", 1, 600));
    Object given = s.optional("standard");
    if (given == null) {
      return defaults;
    }
    if (!(given instanceof JsonObject object)) {
      throw new ConfigException(s.key("standard"), "must be an object");
    }
    JsonObject merged = defaults.toJson().mergeIn(object);
    try {
      return ServiceStandard.fromJson(merged);
    } catch (DomainException e) {
      throw new ConfigException(s.key("standard") + "." + e.field(), e.getMessage());
    }
  }

  private static Set<LocalDate> dates(ConfigNode node, String name) {
    Set<LocalDate> dates = new HashSet<>();
    List<String> texts = node.optionalTexts(name);
    for (int i = 0; i < texts.size(); i++) {
      try {
        dates.add(LocalDate.parse(texts.get(i)));
      } catch (DateTimeException e) {
        throw new ConfigException(node.key(name) + "[" + i + "]", "must be a date like 2026-10-01, was '" + texts.get(i) + "'");
      }
    }
    return dates;
  }

  private static OpeningHours openingHours(ConfigNode hall) {
    Object given = hall.optional("openingHours");
    if (given == null) {
      return OpeningHours.ALWAYS;
    }
    if (!(given instanceof JsonArray array)) {
      throw new ConfigException(hall.key("openingHours"), "must be a list");
    }
    try {
      return OpeningHours.fromJson(array);
    } catch (DomainException | ClassCastException e) {
      throw new ConfigException(hall.key("openingHours"), e.getMessage());
    }
  }

  private static HallqConfig.Outcome outcome(ConfigNode o) {
    Object onceDone = o.optional("onceDone");
    if (onceDone != null && !(onceDone instanceof Boolean)) {
      throw new ConfigException(o.key("onceDone"), "must be true, false or null (not a matter to be done, such as an enquiry)");
    }
    return new HallqConfig.Outcome(matching(o, "code", CODE), o.text("name"), o.text("nameEn"), (Boolean) onceDone, o.bool("abnormal"));
  }

  private static UserConfig user(ConfigNode u) {
    return new UserConfig(u.text("username"), u.text("displayName"), u.choice("role", Role.class), matching(u, "passwordHash", PASSWORD_HASH));
  }

  private static DeviceConfig device(ConfigNode d) {
    DeviceType type = d.choice("type", DeviceType.class);
    List<String> kiosks = d.optionalTexts("kiosks");
    List<Integer> counters = d.optionalIntegers("counters", 1, 9999);
    if (type != DeviceType.BRIDGE && (!kiosks.isEmpty() || !counters.isEmpty())) {
      throw new ConfigException(d.key(kiosks.isEmpty() ? "counters" : "kiosks"), "only a BRIDGE drives kiosks' and counters' devices");
    }
    return new DeviceConfig(d.text("id"), type, d.text("token"), kiosks, counters);
  }

  private static String matching(ConfigNode node, String name, Pattern pattern) {
    String text = node.text(name);
    if (!pattern.matcher(text).matches()) {
      String shown = isSecretKey(name) ? "" : ", was '" + text + "'";
      throw new ConfigException(node.key(name), "must match " + pattern.pattern() + shown);
    }
    return text;
  }

  private static String announcement(ConfigNode display, String name) {
    String text = display.text(name);
    if (!text.contains("{number}") || !text.contains("{counter}")) {
      throw new ConfigException(display.key(name), "must contain {number} and {counter}");
    }
    return text;
  }

  private static ZoneId zone(ConfigNode hall) {
    String text = hall.text("timeZone");
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new ConfigException(hall.key("timeZone"), "unknown time zone '" + text + "'");
    }
  }

  private static void validateReferences(HallqConfig config) {
    unique(config.priorities(), PriorityCategory::code, "priorities", "code");
    if (config.hasPriority(Ticket.APPOINTMENT)) {
      throw new ConfigException("priorities", "the category code " + Ticket.APPOINTMENT + " is kept for checked-in appointments");
    }
    unique(config.lowRatingReasons(), LowRatingReason::code, "lowRatingReasons", "code");
    unique(config.outcomes(), HallqConfig.Outcome::code, "outcomes", "code");
    if (config.outcomes().isEmpty()) {
      throw new ConfigException("outcomes", "must name at least one outcome (the first is the default)");
    }
    if (config.lowRatingReasons().isEmpty()) {
      throw new ConfigException("lowRatingReasons", "must name at least one reason");
    }
    unique(config.serviceTypes(), ServiceTypeConfig::code, "serviceTypes", "code");
    unique(config.serviceTypes(), ServiceTypeConfig::prefix, "serviceTypes", "prefix");
    unique(config.counters(), CounterConfig::no, "counters", "no");
    unique(config.users(), UserConfig::username, "users", "username");
    unique(config.devices(), DeviceConfig::id, "devices", "id");
    unique(config.devices(), DeviceConfig::token, "devices", "token");
    if (config.serviceTypes().isEmpty()) {
      throw new ConfigException("serviceTypes", "must name at least one service type");
    }
    Set<String> codes = config.serviceTypes().stream().map(ServiceTypeConfig::code).collect(Collectors.toSet());
    Set<Integer> counterNos = config.counters().stream().map(CounterConfig::no).collect(Collectors.toSet());
    for (int i = 0; i < config.serviceTypes().size(); i++) {
      TidalRule tidal = config.serviceTypes().get(i).tidal();
      if (!counterNos.containsAll(tidal.counters())) {
        throw new ConfigException("serviceTypes[" + i + "].tidal.counters", "names a counter the hall does not have: " + tidal.counters());
      }
    }
    for (int i = 0; i < config.counters().size(); i++) {
      List<String> services = config.counters().get(i).services();
      String key = "counters[" + i + "].services";
      if (services.isEmpty()) {
        throw new ConfigException(key, "must name at least one service type");
      }
      if (new HashSet<>(services).size() != services.size()) {
        throw new ConfigException(key, "names a service type twice");
      }
      for (String code : services) {
        if (!codes.contains(code)) {
          throw new ConfigException(key, "unknown service type '" + code + "'");
        }
      }
    }
    Set<String> kiosks = new HashSet<>();
    Set<Integer> bridgedCounters = new HashSet<>();
    for (int i = 0; i < config.devices().size(); i++) {
      DeviceConfig device = config.devices().get(i);
      if (device.token().length() < 16) {
        throw new ConfigException("devices[" + i + "].token", "must be at least 16 characters");
      }
      for (String kiosk : device.kiosks()) {
        if (config.device(kiosk).filter(k -> k.type() == DeviceType.KIOSK).isEmpty()) {
          throw new ConfigException("devices[" + i + "].kiosks", "no KIOSK device '" + kiosk + "'");
        }
        if (!kiosks.add(kiosk)) {
          throw new ConfigException("devices[" + i + "].kiosks", "kiosk '" + kiosk + "' already has a bridge");
        }
      }
      for (int counterNo : device.counters()) {
        if (config.counter(counterNo).isEmpty()) {
          throw new ConfigException("devices[" + i + "].counters", "no counter " + counterNo);
        }
        if (!bridgedCounters.add(counterNo)) {
          throw new ConfigException("devices[" + i + "].counters", "counter " + counterNo + " already has a bridge");
        }
      }
    }
  }

  private static <T, K> void unique(List<T> items, Function<T, K> key, String list, String field) {
    Set<K> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (!seen.add(key.apply(items.get(i)))) {
        String shown = isSecretKey(field) ? "" : " '" + key.apply(items.get(i)) + "'";
        throw new ConfigException(list + "[" + i + "]." + field, "duplicate value" + shown);
      }
    }
  }

  private static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/hallq-defaults.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(CONFIG_FILE_ENV, "config file not found: " + file.toAbsolutePath());
    }
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE_ENV, "cannot read " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException(CONFIG_FILE_ENV, file + " is not valid JSON: " + e.getMessage());
    }
  }
}
