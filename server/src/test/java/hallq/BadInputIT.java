package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.http.ApiVerticle;
import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests are refused with a 4xx in the one error shape, name the field at fault, and write nothing. */
class BadInputIT extends HallTest {
  private static final String TICKETS = "/api/v1/tickets";
  private static final String JSON = "application/json";
  private static final List<String> OPERATION_IDS = List.of(
      "login", "logout", "whoAmI", "getHealth", "getHall", "listServiceTypes", "issueTicket", "getTicket", "cancelTicket",
      "requeueTicket", "getQueueOverview", "listCounters", "getCounter", "callNext", "recall", "markNoShow",
      "startService", "finishService", "transferTicket", "pauseCounter", "resumeCounter", "streamEvents", "getTicketQr", "rateTicket",
      "listWaitingAtCounter", "getCounterToday", "reportPrinterStatus", "getPrinterStatus", "requestRating",
      "streamBridgeJobs", "reportJobOutcome", "rateFromPad", "pressKeypadKey", "listDevices", "reportBridgeDevice",
      "getStandards", "updateServiceStandard", "updateOpeningHours", "listStandardChanges", "listAlerts", "acknowledgeAlert", "getCompliance", "listFollowUps", "actOnFollowUp", "getReport", "getProvincialFeed", "getIndicators", "listStandardVersions", "getKpiBoard", "setKpiTargets", "evaluateWindows", "getConsistency", "getReviewReport", "setCorrectiveAction", "getIndicatorRecords", "getQueueRules", "setPriorityRule", "listRuleChanges", "setHallQueueRules", "callTicket", "parkTicket", "listParkedAtCounter", "setClosingRule", "getDaySummary", "assignService", "endAssignment", "listAssignments", "setTidalRule",
      "listAppointmentSlots", "bookAppointment", "listAppointments", "checkInAppointment", "getAppointment", "cancelAppointment",
      "getAppointmentQr", "checkInByIdCard", "setAppointmentRule", "setTicketContact", "setNearCallRules", "getSmsOutbox");

  /** One bad request and the reply it must get; {@code field} is null when no single field is at fault. */
  record BadRequest(String name, Function<TestHall, Reply> send, int status, String code, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadRequest> badRequests() {
    String unknownTicket = UUID.randomUUID().toString();
    return Stream.of(
        bad("取号缺少 serviceCode", h -> issue(h, new JsonObject()), 400, "INVALID_REQUEST", "serviceCode"),
        bad("取号 serviceCode 为数字", h -> issue(h, new JsonObject().put("serviceCode", 42)), 400, "INVALID_REQUEST", "serviceCode"),
        bad("取号 serviceCode 格式不对", h -> issue(h, new JsonObject().put("serviceCode", "social insurance")),
            400, "INVALID_REQUEST", "serviceCode"),
        bad("取号 serviceCode 不存在", h -> issue(h, new JsonObject().put("serviceCode", "NO_SUCH")),
            400, "INVALID_FIELD", "serviceCode"),
        bad("取号优先类别不存在", h -> issue(h, new JsonObject().put("serviceCode", "SOCIAL_INSURANCE").put("priority", "NOBODY")),
            400, "INVALID_FIELD", "priority"),
        bad("取号带未知属性", h -> issue(h, new JsonObject().put("serviceCode", "SOCIAL_INSURANCE").put("colour", "red")),
            400, "INVALID_REQUEST", "colour"),
        bad("JSON 格式错误", h -> h.api.postRaw(TICKETS, TestHall.KIOSK, JSON, "{\"serviceCode\": \"SOCIAL_INSURANCE\""),
            400, "INVALID_JSON", null),
        bad("请求体是 JSON 数组", h -> h.api.postRaw(TICKETS, TestHall.KIOSK, JSON, "[{\"serviceCode\": \"SOCIAL_INSURANCE\"}]"),
            400, "INVALID_REQUEST", null),
        bad("请求体是纯文本", h -> h.api.postRaw(TICKETS, TestHall.KIOSK, "text/plain", "serviceCode=SOCIAL_INSURANCE"),
            400, "INVALID_REQUEST", null),
        bad("表单请求体里有错误的百分号转义", h -> h.api.postRaw("/api/v1/auth/login", null, "application/x-www-form-urlencoded",
            "username=%s%s&password=x"), 415, "UNSUPPORTED_MEDIA_TYPE", null),
        bad("请求体为空", h -> h.api.postRaw(TICKETS, TestHall.KIOSK, JSON, ""), 400, "INVALID_REQUEST", null),
        bad("ticketId 不是 UUID", h -> h.api.get(TICKETS + "/not-a-uuid", null), 400, "INVALID_REQUEST", "ticketId"),
        bad("取消时 ticketId 不是 UUID", h -> h.api.post(TICKETS + "/12345/cancel", null), 400, "INVALID_REQUEST", "ticketId"),
        bad("ticketId 不存在", h -> h.api.get(TICKETS + "/" + unknownTicket, null), 404, "TICKET_NOT_FOUND", null),
        bad("取消不存在的号票", h -> h.api.post(TICKETS + "/" + unknownTicket + "/cancel", null), 404, "TICKET_NOT_FOUND", null),
        bad("counterNo 为 abc", h -> h.api.get("/api/v1/counters/abc", h.manager()), 400, "INVALID_REQUEST", "counterNo"),
        bad("counterNo 为 0", h -> h.counterOp(0, "call-next", h.manager()), 400, "INVALID_REQUEST", "counterNo"),
        bad("counterNo 为 10000", h -> h.counterOp(10000, "call-next", h.manager()), 400, "INVALID_REQUEST", "counterNo"),
        bad("counterNo 为 1.0（校验器视为整数）", h -> h.api.post("/api/v1/counters/1.0/call-next", h.manager()), 400, "INVALID_FIELD", "counterNo"),
        bad("counterNo 为 1E3", h -> h.api.get("/api/v1/counters/1E3/today", h.manager()), 400, "INVALID_FIELD", "counterNo"),
        bad("事件流 counterNo 为 2.0", h -> h.api.get("/api/v1/events?counterNo=2.0", TestHall.DISPLAY), 400, "INVALID_FIELD", "counterNo"),
        bad("路径含错误的百分号转义 %zz", h -> h.api.get("/api/v1/tickets/%zz", TestHall.KIOSK), 400, "INVALID_PATH", null),
        bad("路径以 % 结尾", h -> h.api.post("/api/v1/counters/1/call-next%", "no-such-token"), 400, "INVALID_PATH", null),
        bad("标准值超过 int 范围（4294967301 不能被截成 5）", h -> h.api.sendRaw(HttpMethod.PUT,
            "/api/v1/standards/services/SOCIAL_INSURANCE", h.manager(), JSON, Buffer.buffer(
            "{\"warnWaitMinutes\":4294967301,\"targetWaitMinutes\":15,\"breachWaitMinutes\":30,\"serviceLevelPercent\":80,"
                + "\"serviceLevelMinutes\":15,\"standardServiceMinutes\":10,\"queueAlertLength\":20,\"lastIssueMinutesBeforeClose\":30}")),
            400, "INVALID_FIELD", "warnWaitMinutes"),
        bad("评价推荐意愿为 11（0–10）", h -> h.api.post(TICKETS + "/" + unknownTicket + "/rating", null,
            new JsonObject().put("score", 5).put("recommend", 11)), 400, "INVALID_REQUEST", "recommend"),
        bad("标准所需材料重复", h -> h.api.sendRaw(HttpMethod.PUT, "/api/v1/standards/services/SOCIAL_INSURANCE", h.manager(), JSON,
            Buffer.buffer("{\"warnWaitMinutes\":10,\"targetWaitMinutes\":15,\"breachWaitMinutes\":30,\"serviceLevelPercent\":80,"
                + "\"serviceLevelMinutes\":15,\"standardServiceMinutes\":10,\"queueAlertLength\":20,\"lastIssueMinutesBeforeClose\":30,"
                + "\"requiredMaterials\":[\"身份证原件\",\"身份证原件\"]}")), 400, "INVALID_FIELD", "requiredMaterials.1"),
        bad("登录用户名含 U+0000", h -> h.api.post("/api/v1/auth/login", null,
            new JsonObject().put("username", "clerk\u000001").put("password", "x")), 400, "INVALID_REQUEST", "username"),
        bad("设备状态 detail 含非法 UTF-8 字节", h -> h.api.sendRaw(HttpMethod.PUT,
            "/api/v1/bridge/devices/pad-1", "demo-counter-bridge-token-change-me", JSON, Buffer.buffer("{\"kind\":\"PAD\",\"counterNo\":1,\"online\":true,\"detail\":\"a").appendBytes(new byte[] {(byte) 0xC0, (byte) 0xAF})
                .appendString("b\"}")), 400, "INVALID_JSON", null),
        bad("查询未配置的 13 号窗口", h -> h.api.get("/api/v1/counters/13", h.manager()), 404, "COUNTER_NOT_FOUND", null),
        bad("在未配置的 13 号窗口叫号", h -> h.counterOp(13, "call-next", h.manager()), 404, "COUNTER_NOT_FOUND", null),
        bad("Idempotency-Key 含空格", h -> issueWithKey(h, "kiosk 1 retry"), 400, "INVALID_REQUEST", "Idempotency-Key"),
        bad("Idempotency-Key 超过 128 字符", h -> issueWithKey(h, "k".repeat(129)), 400, "INVALID_REQUEST", "Idempotency-Key"),
        bad("转办缺少 serviceCode", h -> h.api.post("/api/v1/counters/1/transfer", h.clerk(1), new JsonObject()),
            400, "INVALID_REQUEST", "serviceCode"),
        bad("登录密码 300 字符", h -> h.api.post("/api/v1/auth/login", null,
            new JsonObject().put("username", "clerk01").put("password", "p".repeat(300)).put("counterNo", 1)),
            400, "INVALID_REQUEST", "password"),
        bad("/api/v1 下的未知路径", h -> h.api.get("/api/v1/no-such-resource", null), 404, "NOT_FOUND", null),
        bad("错误的方法 DELETE /api/v1/tickets", h -> Api.await(h.api.send(HttpMethod.DELETE, TICKETS, TestHall.KIOSK, null, null)),
            405, "METHOD_NOT_ALLOWED", null),
        bad("请求体超过 64 KiB", h -> h.api.postRaw(TICKETS, TestHall.KIOSK, JSON,
            new JsonObject().put("serviceCode", "SOCIAL_INSURANCE").put("priority", "X".repeat(70_000)).encode()),
            413, "BODY_TOO_LARGE", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  @DisplayName("错误请求：4xx、统一的错误格式、指明字段、不写任何数据")
  void badRequestIsRefusedAndWritesNothing(BadRequest bad) {
    Reply reply = bad.send().apply(hall);

    assertEquals(bad.status(), reply.status(), reply.toString());
    assertNotNull(reply.body(), "the error is JSON: " + reply);
    assertEquals(List.of("error"), List.copyOf(reply.body().fieldNames()), reply.toString());
    assertEquals(bad.code(), reply.errorCode(), reply.toString());
    assertEquals(bad.field(), reply.errorField(), reply.toString());
    String message = reply.errorMessage();
    assertNotNull(message, reply.toString());
    if (bad.field() != null) {
      assertTrue(message.startsWith(bad.field() + ": "), "the message starts with the field: " + reply);
    }
    assertEquals(0L, hall.count("SELECT count(*) FROM ticket"), "a refused request issues no ticket");
    assertEquals(0L, hall.count("SELECT count(*) FROM ticket_event"), "a refused request writes no event");
  }

  @Test
  @DisplayName("一个正确的请求在同样的检查下写入一张号票和一条事件")
  void theCountsSeeAGoodRequest() {
    MultiMap key = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "kiosk-1:2026-11-27.0001");
    Reply reply = Api.await(hall.api.send(HttpMethod.POST, TICKETS, TestHall.KIOSK,
        new JsonObject().put("serviceCode", "SOCIAL_INSURANCE").put("priority", "ELDERLY"), key));
    assertEquals(201, reply.status(), reply.toString());
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket"));
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket_event"));
  }

  @Test
  @DisplayName("GET /api/v1/openapi.yaml 返回契约全文，包含每个 operationId")
  void contractIsServed(Vertx vertx) throws IOException {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hall.server.port()));
    try {
      HttpResponse<Buffer> response = Api.await(client.get("/api/v1/openapi.yaml").send());
      assertEquals(200, response.statusCode());
      String text = response.bodyAsString(StandardCharsets.UTF_8.name());
      for (String operationId : OPERATION_IDS) {
        assertTrue(text.contains("operationId: " + operationId + "\n"), "the contract names " + operationId);
      }
      assertEquals(OPERATION_IDS.size(), text.split("operationId: ", -1).length - 1, "no operation is missing from the list above");
      try (InputStream in = ApiVerticle.class.getClassLoader().getResourceAsStream(ApiVerticle.CONTRACT)) {
        assertNotNull(in);
        assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), text);
      }
    } finally {
      client.close();
    }
  }

  private static BadRequest bad(String name, Function<TestHall, Reply> send, int status, String code, String field) {
    return new BadRequest(name, send, status, code, field);
  }

  private static Reply issue(TestHall hall, JsonObject body) {
    return hall.api.post(TICKETS, TestHall.KIOSK, body);
  }

  private static Reply issueWithKey(TestHall hall, String idempotencyKey) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", idempotencyKey);
    return Api.await(hall.api.send(HttpMethod.POST, TICKETS, TestHall.KIOSK,
        new JsonObject().put("serviceCode", "SOCIAL_INSURANCE"), headers));
  }

}
