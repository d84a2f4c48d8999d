package hallq.fault;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Malformed and hostile requests for every operation of the API contract, each one refused by
 * construction: it carries exactly one {@link Defect} that the server must refuse (a missing or
 * wrong token, a value the contract forbids, a body that is not the declared JSON …), plus hostile
 * noise that does not make it valid (injection strings in free text, unknown query parameters).
 * The same seed gives the same requests.
 */
final class HostileRequests {

  /** Why a request must be refused. */
  enum Defect {
    AUTH_MISSING, AUTH_BAD_TOKEN, AUTH_WRONG_ROLE, WRONG_COUNTER, WRONG_METHOD, PATH_PARAM, PATH_RAW, QUERY_PARAM,
    HEADER_PARAM, UNKNOWN_ENTITY, BODY_WRONG_TYPE, BODY_MISSING_FIELD, BODY_UNKNOWN_FIELD, BODY_OVERLONG_STRING,
    BODY_BAD_NUMBER, BODY_INJECTION, BODY_BAD_UTF8, BODY_NOT_JSON, BODY_CONTENT_TYPE, BODY_TOO_LARGE
  }

  /** Who an operation lets in; the wrong roles are those it surely refuses. */
  enum Access { PUBLIC, ANY, STAFF, MANAGER, COUNTER, KIOSK, BRIDGE, PRINTER, RATER, CANCELLER }

  /** One request as it goes on the wire. */
  record Request(Defect defect, String operationId, HttpMethod method, String uri, MultiMap headers, Buffer body) {
    String describe() {
      String excerpt = body == null ? "" : body.toString(StandardCharsets.UTF_8);
      excerpt = excerpt.length() > 160 ? excerpt.substring(0, 160) + "… (" + body.length() + " bytes)" : excerpt;
      return defect + " " + method + " " + (uri.length() > 200 ? uri.substring(0, 200) + "…" : uri) + " " + excerpt;
    }
  }

  /** The tokens and data of the hall under test. */
  record Fixture(String kiosk, String otherKiosk, String display, String bridge, String clerk1, String manager, List<String> ticketIds) {}

  static final long MAX_BODY_BYTES = 64 * 1024;

  private static final Map<String, Access> ACCESS = Map.ofEntries(
      Map.entry("login", Access.PUBLIC), Map.entry("getHealth", Access.PUBLIC), Map.entry("getHall", Access.PUBLIC), Map.entry("listServiceTypes", Access.PUBLIC),
      Map.entry("getTicket", Access.PUBLIC), Map.entry("rateTicket", Access.RATER), Map.entry("cancelTicket", Access.CANCELLER),
      Map.entry("logout", Access.STAFF), Map.entry("requeueTicket", Access.STAFF), Map.entry("listAlerts", Access.STAFF),
      Map.entry("getCompliance", Access.STAFF),
      Map.entry("whoAmI", Access.ANY), Map.entry("getQueueOverview", Access.ANY), Map.entry("listCounters", Access.ANY),
      Map.entry("streamEvents", Access.ANY), Map.entry("getPrinterStatus", Access.ANY), Map.entry("getCounter", Access.ANY),
      Map.entry("listWaitingAtCounter", Access.ANY), Map.entry("getCounterToday", Access.ANY), Map.entry("listDevices", Access.ANY),
      Map.entry("getStandards", Access.ANY),
      Map.entry("issueTicket", Access.KIOSK), Map.entry("getTicketQr", Access.KIOSK), Map.entry("reportPrinterStatus", Access.PRINTER),
      Map.entry("callNext", Access.COUNTER), Map.entry("recall", Access.COUNTER), Map.entry("markNoShow", Access.COUNTER),
      Map.entry("startService", Access.COUNTER), Map.entry("finishService", Access.COUNTER), Map.entry("transferTicket", Access.COUNTER),
      Map.entry("pauseCounter", Access.COUNTER), Map.entry("resumeCounter", Access.COUNTER), Map.entry("requestRating", Access.COUNTER),
      Map.entry("streamBridgeJobs", Access.BRIDGE), Map.entry("reportJobOutcome", Access.BRIDGE), Map.entry("rateFromPad", Access.BRIDGE),
      Map.entry("pressKeypadKey", Access.BRIDGE), Map.entry("reportBridgeDevice", Access.BRIDGE),
      Map.entry("updateServiceStandard", Access.MANAGER), Map.entry("updateOpeningHours", Access.MANAGER),
      Map.entry("listStandardChanges", Access.MANAGER), Map.entry("acknowledgeAlert", Access.MANAGER),
      Map.entry("listFollowUps", Access.MANAGER), Map.entry("actOnFollowUp", Access.MANAGER), Map.entry("getReport", Access.MANAGER),
      Map.entry("getProvincialFeed", Access.MANAGER), Map.entry("getIndicators", Access.MANAGER),
      Map.entry("listStandardVersions", Access.MANAGER), Map.entry("getKpiBoard", Access.MANAGER),
      Map.entry("setKpiTargets", Access.MANAGER), Map.entry("evaluateWindows", Access.MANAGER),
      Map.entry("getConsistency", Access.MANAGER), Map.entry("getReviewReport", Access.MANAGER),
      Map.entry("setCorrectiveAction", Access.MANAGER), Map.entry("getIndicatorRecords", Access.MANAGER),
      Map.entry("getQueueRules", Access.MANAGER), Map.entry("setHallQueueRules", Access.MANAGER),
      Map.entry("callTicket", Access.COUNTER), Map.entry("parkTicket", Access.COUNTER), Map.entry("listParkedAtCounter", Access.ANY),
      Map.entry("setPriorityRule", Access.MANAGER), Map.entry("listRuleChanges", Access.MANAGER),
      Map.entry("setClosingRule", Access.MANAGER), Map.entry("getDaySummary", Access.MANAGER),
      Map.entry("assignService", Access.MANAGER), Map.entry("endAssignment", Access.MANAGER), Map.entry("listAssignments", Access.STAFF),
      Map.entry("setTidalRule", Access.MANAGER),
      Map.entry("listAppointmentSlots", Access.PUBLIC), Map.entry("bookAppointment", Access.PUBLIC),
      Map.entry("getAppointment", Access.PUBLIC), Map.entry("cancelAppointment", Access.PUBLIC), Map.entry("getAppointmentQr", Access.PUBLIC),
      Map.entry("listAppointments", Access.MANAGER), Map.entry("setAppointmentRule", Access.MANAGER),
      Map.entry("checkInAppointment", Access.KIOSK), Map.entry("checkInByIdCard", Access.BRIDGE),
      Map.entry("setTicketContact", Access.PUBLIC), Map.entry("setNearCallRules", Access.MANAGER), Map.entry("getSmsOutbox", Access.MANAGER));

  /** A valid body for each operation that takes one; the defects spoil it. The login's password is wrong even here. */
  private static final Map<String, String> SAMPLE_BODIES = Map.ofEntries(
      Map.entry("login", "{\"username\":\"clerk01\",\"password\":\"not-the-password\",\"counterNo\":1}"),
      Map.entry("issueTicket", "{\"serviceCode\":\"SOCIAL_INSURANCE\",\"priority\":\"ELDERLY\"}"),
      Map.entry("rateTicket", "{\"score\":4,\"reason\":null,\"comment\":\"fine\",\"subScores\":{\"efficiency\":5},\"recommend\":9}"),
      Map.entry("reportPrinterStatus", "{\"status\":\"OK\"}"),
      Map.entry("transferTicket", "{\"serviceCode\":\"REAL_ESTATE\"}"),
      Map.entry("reportJobOutcome", "{\"outcome\":\"DONE\"}"),
      Map.entry("rateFromPad", "{\"score\":5}"),
      Map.entry("pressKeypadKey", "{\"key\":\"CALL_NEXT\"}"),
      Map.entry("reportBridgeDevice", "{\"kind\":\"PAD\",\"counterNo\":1,\"online\":true,\"detail\":\"ok\"}"),
      Map.entry("updateServiceStandard", "{\"warnWaitMinutes\":10,\"targetWaitMinutes\":15,\"breachWaitMinutes\":30,"
          + "\"serviceLevelPercent\":80,\"serviceLevelMinutes\":15,\"standardServiceMinutes\":10,\"queueAlertLength\":20,"
          + "\"lastIssueMinutesBeforeClose\":30,\"dailyQuota\":null,\"requiredMaterials\":[\"身份证原件\"]}"),
      Map.entry("updateOpeningHours", "{\"periods\":[{\"days\":[\"MON\"],\"opens\":\"09:00\",\"closes\":\"17:00\"}]}"),
      Map.entry("finishService", "{\"outcome\":\"COMPLETED\"}"),
      Map.entry("setKpiTargets", "{\"targets\":{\"goodRate\":0.98}}"),
      Map.entry("setPriorityRule", "{\"mode\":\"RATIO\",\"normalPerPriority\":3}"),
      Map.entry("setHallQueueRules", "{\"noShowRequeueLimit\":1,\"requeueAfterPlaces\":3,\"recallLimit\":3,\"parkMinutes\":30}"),
      Map.entry("callTicket", "{\"number\":\"A001\",\"reason\":\"预约优先\"}"),
      Map.entry("parkTicket", "{\"reason\":\"回去取材料\"}"),
      Map.entry("setTidalRule", "{\"counters\":[2,3],\"minutes\":30}"),
      Map.entry("assignService", "{\"serviceCode\":\"REAL_ESTATE\",\"minutes\":30,\"reason\":\"排队过长\"}"),
      Map.entry("setTicketContact", "{\"mobile\":\"13812345678\"}"),
      Map.entry("setNearCallRules", "{\"aheadThreshold\":3}"),
      Map.entry("setClosingRule", "{\"mode\":\"CLOSE_UNSERVED\",\"reason\":\"闭厅未办理\"}"),
      Map.entry("setCorrectiveAction", "{\"rootCause\":\"午间窗口少\",\"action\":\"错峰午休\",\"owner\":\"张科长\",\"dueDate\":\"2026-12-31\"}"),
      Map.entry("actOnFollowUp", "{\"action\":\"VERIFIED\",\"finding\":\"TRUE\",\"note\":\"checked\"}"),
      Map.entry("bookAppointment", "{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\",\"phone\":\"13800138000\","
          + "\"serviceCode\":\"SOCIAL_INSURANCE\",\"date\":\"2026-11-28\",\"slot\":\"09:00\",\"matter\":\"社保卡补办\"}"),
      Map.entry("checkInAppointment", "{\"code\":\"ABCDEFGH\"}"),
      Map.entry("checkInByIdCard", "{\"deviceId\":\"idreader-1\",\"kioskId\":\"kiosk-1\",\"idNumber\":\"11010519491231002X\",\"name\":\"张三\"}"),
      Map.entry("setAppointmentRule", "{\"enabled\":true,\"from\":\"09:00\",\"to\":\"12:00\",\"slotMinutes\":30,\"capacityPerSlot\":4,"
          + "\"minDaysAhead\":1,\"maxWorkingDaysAhead\":5,\"onePerPersonPerDay\":true,\"cancelHoursBefore\":2,\"graceMinutes\":10,"
          + "\"noShowLimit\":3,\"noShowWindowDays\":30,\"blockDays\":30}"));

  static final List<String> INJECTIONS = List.of(
      "' OR '1'='1", "'; DROP TABLE ticket; --", "1; SELECT pg_sleep(5)--", "\" OR \"\"=\"", "1' UNION SELECT token_hash FROM auth_session--",
      "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "../../../../etc/passwd",
      "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "%s%s%s%n%n", "\u0000",
      "a\u0000b", "\r\nX-Injected: 1", "😀👍🏽", "𠜎𠜱", "\uFFFF\uFFFE", "\uD800", "窗口'--", "$where: '1 == 1'", "{\"$gt\": \"\"}",
      "\\u0000\\\\\"", "NaN", "-0", "null", "true", "\t\u000B\f", "ًٌٍَُِّْ\u202E", "A".repeat(300));
  private static final List<String> BAD_INTEGERS = List.of(
      "abc", "0", "-1", "10000", "1.5", "1.0", "1e0", "1E3", "+1", " 1", "0x1", "01", "99999999999999999999", "9223372036854775808",
      "-9223372036854775809", "NaN", "Infinity", "1,2", "1;2", "1 OR 1=1", "true", "null", "١");
  private static final List<String> BAD_NUMBER_LITERALS = List.of(
      "-1", "-2147483649", "2147483648", "4294967301", "9223372036854775808", "1e20", "12.5", "-7.25", "1e400", "-1e400",
      "NaN", "Infinity", "-Infinity", "0x10", "1_000", "01", "1.", ".5", "+3", "\"5\"", "[5]", "{\"value\":5}");
  private static final List<String> NOT_JSON = List.of(
      "", " ", "{", "}", "{\"a\":", "[]", "[{}]", "\"text\"", "42", "null", "true", "{'single':'quotes'}", "<xml><a>1</a></xml>",
      "a=b&c=d", "{\"a\":1}{\"b\":2}", "{\"a\":1,}", "{a:1}", "{\"a\":undefined}", "\u0000\u0000", "/* comment */ {}",
      "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
  private static final List<String> WRONG_CONTENT_TYPES = List.of(
      "text/plain", "application/xml", "text/html", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz",
      "application/octet-stream", "image/png", "application/javascript", "x/y");
  private static final List<byte[]> BAD_UTF8 = List.of(
      new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      new byte[] {(byte) 0xE4, (byte) 0xB8}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
  private static final List<String> RAW_PATHS = List.of(
      "../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%zz", "%", "%ff%fe", "%C0%AE%C0%AE/",
      "..;/", "%00", "a%00b", "..\\..\\", ";jsessionid=1", "//", "%u002e%u002e", "%E4%B8", "\"<>`{}|^");
  private static final List<HttpMethod> METHODS = List.of(
      HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS, HttpMethod.HEAD,
      HttpMethod.TRACE, HttpMethod.valueOf("PROPFIND"));
  private static final String MARK = "@@fuzz@@";

  private final SplittableRandom random;
  private final JsonObject contract;
  private final List<Operation> operations;
  private final Map<String, Set<HttpMethod>> methodsByPath = new HashMap<>();
  private final Fixture fixture;

  HostileRequests(long seed, OpenAPIContract contract, Fixture fixture) {
    this.random = new SplittableRandom(seed);
    this.contract = contract.getRawContract();
    this.operations = contract.operations();
    this.fixture = fixture;
    for (Operation op : operations) {
      methodsByPath.computeIfAbsent(op.getOpenAPIPath(), p -> new HashSet<>()).add(op.getHttpMethod());
      if (!ACCESS.containsKey(op.getOperationId())) {
        throw new IllegalStateException("the fuzz knows nobody's access to " + op.getOperationId() + ": add it to ACCESS");
      }
      if (hasBody(op) != SAMPLE_BODIES.containsKey(op.getOperationId())) {
        throw new IllegalStateException("the fuzz needs a sample body for exactly the operations with one: " + op.getOperationId());
      }
    }
  }

  List<String> operationIds() {
    return operations.stream().map(Operation::getOperationId).toList();
  }

  /** The next request: a random operation, a random defect it can have, hostile noise. */
  synchronized Request next() {
    Operation op = operations.get(random.nextInt(operations.size()));
    List<Defect> applicable = applicable(op);
    Defect defect = applicable.get(random.nextInt(applicable.size()));
    return build(op, defect);
  }

  private List<Defect> applicable(Operation op) {
    Access access = ACCESS.get(op.getOperationId());
    List<Defect> defects = new ArrayList<>(List.of(Defect.AUTH_BAD_TOKEN, Defect.WRONG_METHOD, Defect.PATH_RAW));
    if (access != Access.PUBLIC && access != Access.RATER && access != Access.CANCELLER) {
      defects.add(Defect.AUTH_MISSING);
    }
    if (!wrongTokens(access).isEmpty()) {
      defects.add(Defect.AUTH_WRONG_ROLE);
    }
    if (access == Access.COUNTER) {
      defects.add(Defect.WRONG_COUNTER);
    }
    if (!parameters(op, Location.PATH).isEmpty()) {
      defects.add(Defect.PATH_PARAM);
      if (parameters(op, Location.PATH).stream().anyMatch(p -> unknownValue(op, p.getName()) != null)) {
        defects.add(Defect.UNKNOWN_ENTITY);
      }
    }
    if (!parameters(op, Location.QUERY).isEmpty()) {
      defects.add(Defect.QUERY_PARAM);
    }
    if (!parameters(op, Location.HEADER).isEmpty()) {
      defects.add(Defect.HEADER_PARAM);
    }
    if (hasBody(op)) {
      defects.addAll(List.of(Defect.BODY_WRONG_TYPE, Defect.BODY_UNKNOWN_FIELD, Defect.BODY_OVERLONG_STRING,
          Defect.BODY_INJECTION, Defect.BODY_BAD_UTF8, Defect.BODY_NOT_JSON, Defect.BODY_CONTENT_TYPE, Defect.BODY_TOO_LARGE));
      // A body whose fields are all optional has none to leave out.
      if (!schema(op).getJsonArray("required", new JsonArray()).isEmpty()) {
        defects.add(Defect.BODY_MISSING_FIELD);
      }
      if (properties(op).stream().anyMatch(name -> allowsNumbers(property(op, name)))) {
        defects.add(Defect.BODY_BAD_NUMBER);
      }
    }
    return defects;
  }

  private Request build(Operation op, Defect defect) {
    String id = op.getOperationId();
    Access access = ACCESS.get(id);
    HttpMethod method = op.getHttpMethod();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    String token = rightToken(access);
    Map<String, String> pathValues = new HashMap<>();
    for (Parameter p : parameters(op, Location.PATH)) {
      pathValues.put(p.getName(), encode(validValue(op, p.getName(), token)));
    }
    List<String> query = new ArrayList<>();
    for (Parameter p : parameters(op, Location.QUERY)) {
      String value = validQueryValue(p.getName());
      if (value != null) {
        query.add(p.getName() + "=" + encode(value));
      }
    }
    JsonObject body = hasBody(op) ? new JsonObject(SAMPLE_BODIES.get(id)) : null;
    Buffer raw = null;
    String contentType = hasBody(op) ? "application/json" : null;
    String rawSuffix = "";
    if (body != null) {
      addFreeTextInjection(op, body);
    }
    switch (defect) {
      case AUTH_MISSING -> token = random.nextBoolean() ? null : pick(List.of("", "Basic Y2xlcmswMTpoYWxscS1jbGVyaw==", "Token abc", "Bearer "));
      case AUTH_BAD_TOKEN -> token = badToken();
      case AUTH_WRONG_ROLE -> token = pick(wrongTokens(access));
      case WRONG_COUNTER -> {
        token = fixture.clerk1();
        pathValues.put("counterNo", String.valueOf(2 + random.nextInt(11)));
      }
      case WRONG_METHOD -> {
        List<HttpMethod> others = new ArrayList<>(METHODS);
        Set<HttpMethod> declared = methodsByPath.get(op.getOpenAPIPath());
        others.removeAll(declared);
        if (declared.contains(HttpMethod.GET)) {
          others.remove(HttpMethod.HEAD);
        }
        method = pick(others);
        token = random.nextBoolean() ? token : pick(allTokens());
      }
      case PATH_PARAM -> {
        Parameter p = pick(parameters(op, Location.PATH));
        pathValues.put(p.getName(), badPathValue(p));
        if (access == Access.COUNTER) {
          token = fixture.manager();
        }
      }
      case PATH_RAW -> {
        token = badToken();
        List<Parameter> params = parameters(op, Location.PATH);
        if (params.isEmpty()) {
          rawSuffix = "/" + pick(RAW_PATHS);
        } else {
          pathValues.put(pick(params).getName(), pick(RAW_PATHS));
        }
      }
      case QUERY_PARAM -> {
        Parameter p = pick(parameters(op, Location.QUERY));
        query.removeIf(q -> q.startsWith(p.getName() + "="));
        query.add(p.getName() + "=" + encode(badQueryValue(p)));
      }
      case HEADER_PARAM -> {
        Parameter p = pick(parameters(op, Location.HEADER));
        headers.add(p.getName(), badHeaderValue(p.getName()));
        if (p.getName().equals("Ticket-Key")) {
          token = null;
        }
      }
      case UNKNOWN_ENTITY -> {
        for (Parameter p : parameters(op, Location.PATH)) {
          String unknown = unknownValue(op, p.getName());
          if (unknown != null) {
            pathValues.put(p.getName(), encode(unknown));
          }
        }
        if (access == Access.COUNTER) {
          token = fixture.manager();
        }
      }
      case BODY_WRONG_TYPE -> {
        String name = pick(properties(op));
        body.put(name, wrongTypeValue(property(op, name)));
      }
      case BODY_MISSING_FIELD -> {
        JsonArray required = schema(op).getJsonArray("required");
        body.remove(required.getString(random.nextInt(required.size())));
      }
      case BODY_UNKNOWN_FIELD -> body.put(pick(List.of("id", "role", "isAdmin", "__proto__", "constructor", "counterNo ", "ticket", "$where",
          "status", "x".repeat(1 + random.nextInt(2000)))), pick(INJECTIONS));
      case BODY_OVERLONG_STRING, BODY_INJECTION -> {
        List<String> strings = properties(op).stream().filter(n -> constrainedString(property(op, n))).toList();
        if (strings.isEmpty()) {
          body.put(pick(properties(op)), overlong(20_000));
        } else {
          String name = pick(strings);
          JsonObject schema = property(op, name);
          List<String> refused = INJECTIONS.stream().filter(text -> !allows(schema, text)).toList();
          body.put(name, defect == Defect.BODY_INJECTION && !refused.isEmpty()
              ? pick(refused)
              : overlong(schema.getInteger("maxLength", 64) + 1 + random.nextInt(5000)));
        }
      }
      case BODY_BAD_NUMBER -> {
        List<String> numeric = properties(op).stream().filter(n -> allowsNumbers(property(op, n))).toList();
        body.put(pick(numeric), MARK);
        raw = Buffer.buffer(body.encode().replace("\"" + MARK + "\"", pick(BAD_NUMBER_LITERALS)));
      }
      case BODY_BAD_UTF8 -> {
        List<String> strings = properties(op).stream().filter(n -> property(op, n).getValue("type", "string").toString().contains("string")).toList();
        if (strings.isEmpty()) {
          body.put("note" + MARK, "x");
        } else {
          body.put(pick(strings), "ab" + MARK + "cd");
        }
        String[] halves = body.encode().split(MARK, 2);
        raw = Buffer.buffer(halves[0]).appendBytes(pick(BAD_UTF8)).appendString(halves[1]);
      }
      case BODY_NOT_JSON -> raw = Buffer.buffer(pick(NOT_JSON));
      case BODY_CONTENT_TYPE -> contentType = random.nextInt(8) == 0 ? null : pick(WRONG_CONTENT_TYPES);
      case BODY_TOO_LARGE -> {
        int size = (int) MAX_BODY_BYTES + 1 + random.nextInt(192 * 1024);
        raw = random.nextBoolean()
            ? Buffer.buffer(body.put("padding", "").encode().replace("\"padding\":\"\"", "\"padding\":\"" + "x".repeat(size) + "\""))
            : Buffer.buffer(new byte[size]);
      }
      default -> throw new IllegalStateException(defect.name());
    }
    if (body != null && raw == null) {
      raw = Buffer.buffer(body.encode());
    }
    if (defect == Defect.WRONG_METHOD && raw == null && random.nextBoolean()) {
      raw = Buffer.buffer("{\"serviceCode\":\"SOCIAL_INSURANCE\"}");
      contentType = "application/json";
    }
    if (token != null) {
      headers.add("Authorization", token.isEmpty() || token.contains(" ") ? token : "Bearer " + token);
    }
    if (contentType != null && raw != null) {
      headers.add("Content-Type", contentType);
    }
    if (raw != null && raw.length() > MAX_BODY_BYTES || token != null && token.length() > 4000) {
      // the server closes the connection after refusing these (413, 431): the client must not reuse it
      headers.add("Connection", "close");
    }
    addNoise(headers, query);
    String path = op.getOpenAPIPath();
    for (Map.Entry<String, String> value : pathValues.entrySet()) {
      path = path.replace("{" + value.getKey() + "}", value.getValue());
    }
    path += rawSuffix;
    String uri = query.isEmpty() ? path : path + "?" + String.join("&", query);
    return new Request(defect, id, method, uri, headers, raw);
  }

  private String rightToken(Access access) {
    return switch (access) {
      case PUBLIC -> null;
      case ANY -> pick(allTokens());
      case STAFF -> random.nextBoolean() ? fixture.clerk1() : fixture.manager();
      case MANAGER, COUNTER -> fixture.manager();
      case KIOSK, PRINTER -> fixture.kiosk();
      case BRIDGE -> fixture.bridge();
      case RATER -> random.nextBoolean() ? null : fixture.display();
      case CANCELLER -> random.nextBoolean() ? null : fixture.clerk1();
    };
  }

  private List<String> wrongTokens(Access access) {
    return switch (access) {
      case PUBLIC, ANY -> List.of();
      case STAFF, COUNTER, CANCELLER -> List.of(fixture.kiosk(), fixture.display(), fixture.bridge());
      case MANAGER -> List.of(fixture.clerk1(), fixture.kiosk(), fixture.display(), fixture.bridge());
      case KIOSK -> List.of(fixture.display(), fixture.bridge(), fixture.clerk1(), fixture.manager());
      case BRIDGE -> List.of(fixture.kiosk(), fixture.display(), fixture.clerk1(), fixture.manager());
      case PRINTER -> List.of(fixture.otherKiosk(), fixture.display(), fixture.clerk1(), fixture.manager());
      case RATER -> List.of(fixture.kiosk(), fixture.bridge(), fixture.clerk1(), fixture.manager());
    };
  }

  private List<String> allTokens() {
    return List.of(fixture.kiosk(), fixture.otherKiosk(), fixture.display(), fixture.bridge(), fixture.clerk1(), fixture.manager());
  }

  private String badToken() {
    return switch (random.nextInt(8)) {
      case 0 -> fixture.kiosk() + "x";
      case 1 -> fixture.manager().substring(1);
      case 2 -> UUID.randomUUID().toString();
      case 3 -> "inj-" + printable(pick(INJECTIONS)).replace(" ", "+");
      case 4 -> "t".repeat(1000 + random.nextInt(12_000));
      case 5 -> "\u00ff\u00fe\u00e9";
      case 6 -> "Bearer Bearer " + fixture.manager();
      default -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    };
  }

  /** A value the route takes (an existing ticket, counter 1 for the clerk of counter 1, a kiosk …). */
  private String validValue(Operation op, String name, String token) {
    return switch (name) {
      case "counterNo" -> token != null && token.equals(fixture.clerk1()) ? "1" : String.valueOf(1 + random.nextInt(3));
      case "ticketId" -> pick(fixture.ticketIds());
      case "deviceId" -> op.getOperationId().equals("reportBridgeDevice") ? "pad-" + random.nextInt(4) : "kiosk-1";
      case "serviceCode" -> "SOCIAL_INSURANCE";
      case "jobId", "alertId", "caseId", "assignmentId" -> String.valueOf(1_000_000 + random.nextInt(1_000_000));
      case "period" -> "2026-Q4";
      case "date" -> "2026-11-27";
      case "indicator" -> "goodRate";
      case "window" -> random.nextBoolean() ? "HALL" : String.valueOf(1 + random.nextInt(3));
      case "code" -> "ABCDEFGH";
      default -> throw new IllegalStateException("the fuzz knows no value for path parameter " + name + ": add one");
    };
  }

  /** A well-formed value naming nothing that exists, or null where every well-formed value is accepted. */
  private String unknownValue(Operation op, String name) {
    return switch (name) {
      case "counterNo" -> String.valueOf(13 + random.nextInt(9987));
      case "ticketId" -> UUID.randomUUID().toString();
      case "deviceId" -> op.getOperationId().equals("reportBridgeDevice") ? null : "kiosk-" + (3 + random.nextInt(900));
      case "serviceCode" -> "NO_SUCH_SERVICE_" + random.nextInt(1000);
      case "jobId", "alertId", "caseId", "assignmentId" -> String.valueOf(1_000_000_000L + random.nextInt(1_000_000));
      case "code" -> "ZZZZ" + (2 + random.nextInt(8)) + (2 + random.nextInt(8)) + (2 + random.nextInt(8)) + (2 + random.nextInt(8));
      default -> null;
    };
  }

  private String badPathValue(Parameter p) {
    JsonObject schema = new JsonObject();
    p.getSchema().fieldNames().forEach(key -> schema.put(key, p.getSchema().get(key)));
    Object type = schema.getValue("type");
    Object format = schema.getValue("format");
    int choice = random.nextInt(10);
    if (choice == 0) {
      return "9".repeat(2000 + random.nextInt(5000));
    }
    if (choice < 3) {
      // a uuid or an integer refuses every injection string; a pattern may let some through ("true" is a fine device id)
      List<String> refused = INJECTIONS.stream().filter(text -> !allows(schema, text)).toList();
      return encode(pick(refused.isEmpty() ? INJECTIONS : refused));
    }
    if ("integer".equals(type)) {
      return encode(pick(BAD_INTEGERS));
    }
    if ("uuid".equals(format)) {
      return encode(pick(List.of("not-a-uuid", UUID.randomUUID() + "x", "00000000-0000-0000-0000-00000000000g", "{" + UUID.randomUUID() + "}",
          UUID.randomUUID().toString().replace("-", ""), "1")));
    }
    return encode(pick(List.of("x".repeat(65 + random.nextInt(100)), "窗口", "A B", "A;B", "Ä", "a/b", "a\\b")));
  }

  private String validQueryValue(String name) {
    return switch (name) {
      case "from" -> "2026-11-01";
      case "to" -> "2026-11-27";
      case "by" -> "service";
      case "format" -> "json";
      case "period" -> "2026-Q4";
      case "date" -> "2026-11-27";
      case "days" -> "28";
      case "key" -> "k".repeat(22);
      default -> null;
    };
  }

  private String badQueryValue(Parameter p) {
    return switch (p.getName()) {
      case "from", "to" -> pick(List.of("2026-02-30", "2026-13-01", "27/11/2026", "", "99999-01-01", "+1000000000-01-01", "2026-11-27T00:00",
          "1900-01-01", "now", pick(INJECTIONS)));
      case "by", "format" -> pick(List.of("SERVICE", "pdf", "", "service,counter", pick(INJECTIONS)));
      case "counterNo", "lastEventId" -> pick(BAD_INTEGERS);
      case "days" -> pick(List.of("0", "367", "-1", pick(BAD_INTEGERS)));
      case "period" -> pick(List.of("2026-Q5", "2026-13", "2026-Q0", "26-Q4", "2026-q4", "", pick(INJECTIONS)));
      case "access_token" -> pick(List.of("", "a".repeat(257 + random.nextInt(3000))));
      default -> pick(INJECTIONS);
    };
  }

  private String badHeaderValue(String name) {
    return switch (name) {
      case "Idempotency-Key" -> pick(List.of("has space", "k".repeat(129 + random.nextInt(1000)), "\u00fc", "';DROP TABLE ticket;--", "a/b", "<x>"));
      case "Ticket-Key", "Appointment-Key" -> pick(List.of("short", "k".repeat(23), "' OR 1=1 --aaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaa=", "../../../etc/passwd--x"));
      case "Last-Event-ID" -> pick(List.of("abc", "-1", "1234567890123456789", "1.5", "1e3", "' OR 1=1", "0x10"));
      default -> throw new IllegalStateException("the fuzz knows no bad value for header " + name + ": add one");
    };
  }

  private Object wrongTypeValue(JsonObject property) {
    List<Object> candidates = List.of(42, -1.5, true, false, "text", new JsonArray(), new JsonObject(), new JsonArray().add(1).add("a"),
        new JsonObject().put("$gt", ""), 1e300, "");
    Object value;
    do {
      value = pick(candidates);
    } while (allowsType(property, value));
    return value;
  }

  private static boolean allowsType(JsonObject property, Object value) {
    Object type = property.getValue("type", property.containsKey("enum") || property.containsKey("pattern") ? "string" : null);
    List<?> types = type instanceof JsonArray array ? array.getList() : List.of(String.valueOf(type));
    String actual = value instanceof String ? "string"
        : value instanceof Boolean ? "boolean"
        : value instanceof JsonArray ? "array"
        : value instanceof JsonObject ? "object"
        : value instanceof Integer ? "integer"
        : ((Double) value) % 1 == 0 ? "integer" : "number";
    return types.contains(actual) || actual.equals("integer") && types.contains("number");
  }

  private static boolean allowsNumbers(JsonObject property) {
    Object type = property.getValue("type");
    return type != null && (type.toString().contains("integer") || type.toString().contains("number"));
  }

  private static boolean constrainedString(JsonObject property) {
    return property.getValue("type", "string").toString().contains("string")
        && (property.containsKey("maxLength") || property.containsKey("pattern") || property.containsKey("enum"));
  }

  /** Injection strings the contract allows in a text field (cut to its length): noise, not the defect. */
  private void addFreeTextInjection(Operation op, JsonObject body) {
    if (random.nextInt(3) != 0) {
      return;
    }
    for (String name : properties(op)) {
      JsonObject property = property(op, name);
      if (body.getValue(name) instanceof String && !name.equals("password")) {
        String text = pick(INJECTIONS);
        text = text.substring(0, Math.min(text.length(), property.getInteger("maxLength", text.length())));
        if (allows(property, text)) {
          body.put(name, text);
        }
      }
    }
  }

  /** Whether a string schema lets this text through (enum, length, pattern). */
  private static boolean allows(JsonObject schema, String text) {
    int length = text.codePointCount(0, text.length());
    return (!schema.containsKey("enum") || schema.getJsonArray("enum").contains(text))
        && length <= schema.getInteger("maxLength", Integer.MAX_VALUE)
        && length >= schema.getInteger("minLength", 0)
        && (!schema.containsKey("pattern") || Pattern.compile(schema.getString("pattern")).matcher(text).find());
  }

  private void addNoise(MultiMap headers, List<String> query) {
    if (random.nextInt(4) == 0) {
      query.add("q" + random.nextInt(100) + "=" + encode(pick(INJECTIONS)));
    }
    if (random.nextInt(5) == 0) {
      headers.add(pick(List.of("X-Forwarded-For", "Cookie", "Referer", "User-Agent", "Accept", "Accept-Language", "X-Fuzz")),
          printable(pick(INJECTIONS)));
    }
  }

  private String overlong(int length) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      text.append(pick(INJECTIONS));
    }
    return text.substring(0, length);
  }

  private boolean hasBody(Operation op) {
    return op.getRequestBody() != null;
  }

  private static List<Parameter> parameters(Operation op, Location location) {
    return op.getParameters().stream().filter(p -> p.getIn() == location).toList();
  }

  private JsonObject schema(Operation op) {
    JsonObject operation = contract.getJsonObject("paths").getJsonObject(op.getOpenAPIPath())
        .getJsonObject(op.getHttpMethod().name().toLowerCase());
    return resolve(operation.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
  }

  private List<String> properties(Operation op) {
    return List.copyOf(schema(op).getJsonObject("properties").fieldNames());
  }

  private JsonObject property(Operation op, String name) {
    return resolve(schema(op).getJsonObject("properties").getJsonObject(name));
  }

  /** Follows a local {@code $ref} ({@code #/components/…}) of the raw contract. */
  private JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null) {
      return schema;
    }
    JsonObject target = contract;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** Percent-encodes every byte but the unreserved characters, so a value stays one path segment or query value. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  /** What an HTTP header may carry: printable ASCII, no line breaks. */
  private static String printable(String text) {
    return text.codePoints().filter(c -> c >= 0x20 && c < 0x7F).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
