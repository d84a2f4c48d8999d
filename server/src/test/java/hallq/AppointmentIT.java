package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 预约 over HTTP against a real PostgreSQL. The hall stands on Friday 2026-11-27 09:00 (Asia/Shanghai), with
 * Tuesday 2026-12-01 a public holiday: the bookable days are then Mon 11-30, Wed 12-02, Thu 12-03, Fri 12-04 and
 * Mon 12-07 (at least one day ahead, up to the fifth working day). 社保医保 has slots of 30 minutes from 09:00 to
 * 12:00, four places each, a grace of 10 minutes, cancelling until 2 h before, and 3 no-shows in 30 days block
 * bookings for 30 days (config/hallq.json).
 */
@ExtendWith(VertxExtension.class)
class AppointmentIT {
  static final ZoneId HALL_ZONE = ZoneId.of("Asia/Shanghai");
  static final String SOCIAL = "SOCIAL_INSURANCE";
  static final String REAL_ESTATE = "REAL_ESTATE";
  static final String ID_1 = "11010519491231002X";
  static final String PHONE_1 = "13800138000";
  static final String BRIDGE = "demo-counter-bridge-token-change-me";

  private TestHall hall;

  @BeforeEach
  void start(Vertx vertx) {
    hall = TestHall.start(vertx, raw -> raw.put("followUp", new JsonObject().put("workingDays", 5)
        .put("holidays", new JsonArray().add("2026-12-01")).put("workedWeekendDays", new JsonArray())));
  }

  @AfterEach
  void stop() {
    hall.close();
  }

  @Test
  @DisplayName("可预约日期：至少提前 1 天、只限之后 5 个工作日（跨周末和节假日）；其余日期按原因拒绝")
  void bookableDaysSkipWeekendAndHoliday() {
    Reply slots = hall.api.get("/api/v1/appointments/slots?serviceCode=" + SOCIAL, null);
    assertEquals(200, slots.status(), slots.toString());
    JsonObject service = slots.body().getJsonArray("services").getJsonObject(0);
    List<String> days = service.getJsonArray("days").stream().map(d -> ((JsonObject) d).getString("date")).toList();
    assertEquals(List.of("2026-11-30", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07"), days);
    JsonArray monday = service.getJsonArray("days").getJsonObject(0).getJsonArray("slots");
    assertEquals(List.of("09:00", "09:30", "10:00", "10:30", "11:00", "11:30"), monday.stream().map(s -> ((JsonObject) s).getString("start")).toList());
    assertEquals(4, monday.getJsonObject(0).getInteger("available"));

    assertEquals("BOOKING_TOO_SOON", book(person(1), SOCIAL, "2026-11-27", "10:00").errorCode());
    assertEquals("NOT_A_WORKING_DAY", book(person(1), SOCIAL, "2026-11-28", "10:00").errorCode());
    assertEquals("NOT_A_WORKING_DAY", book(person(1), SOCIAL, "2026-12-01", "10:00").errorCode());
    assertEquals("BOOKING_TOO_FAR", book(person(1), SOCIAL, "2026-12-08", "10:00").errorCode());
    assertEquals(201, book(person(1), SOCIAL, "2026-12-07", "11:30").status());
    assertEquals(3, hall.api.get("/api/v1/appointments/slots?serviceCode=" + SOCIAL, null).body().getJsonArray("services")
        .getJsonObject(0).getJsonArray("days").getJsonObject(4).getJsonArray("slots").getJsonObject(5).getInteger("available"));
  }

  @Test
  @DisplayName("每人每天一个预约（跨业务）；取消后可再约；其他日期照常")
  void onePerPersonPerDay() {
    Reply first = book(person(1), SOCIAL, "2026-11-30", "09:00");
    assertEquals(201, first.status(), first.toString());
    Reply second = book(person(1), REAL_ESTATE, "2026-11-30", "14:00");
    assertEquals(409, second.status());
    assertEquals("ALREADY_BOOKED_THAT_DAY", second.errorCode());
    assertEquals(201, book(person(1), SOCIAL, "2026-12-02", "09:00").status());
    assertEquals(200, cancel(first).status());
    assertEquals(201, book(person(1), REAL_ESTATE, "2026-11-30", "14:00").status());
  }

  @Test
  @DisplayName("并发预约：12 人同时抢一个 4 人时段只成功 4 个；同一人同时约 6 个时段只成功 1 个")
  void capacityHoldsUnderParallelRequests() {
    List<Future<Reply>> sent = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sent.add(bookAsync(person(10 + i), SOCIAL, "2026-11-30", "10:00"));
    }
    Map<Integer, Integer> byStatus = statuses(sent);
    assertEquals(Map.of(201, 4, 409, 8), byStatus);
    assertEquals(4, hall.count("SELECT count(*) FROM appointment WHERE slot_start = '10:00' AND status = 'BOOKED'"));

    List<Future<Reply>> samePerson = new ArrayList<>();
    for (String slot : List.of("09:00", "09:30", "10:30", "11:00", "11:30")) {
      samePerson.add(bookAsync(person(2), SOCIAL, "2026-12-02", slot));
    }
    samePerson.add(bookAsync(person(2), REAL_ESTATE, "2026-12-02", "09:00"));
    assertEquals(Map.of(201, 1, 409, 5), statuses(samePerson));
  }

  @Test
  @DisplayName("取消：本人凭预约密钥在时段开始前 2 小时之前可取消，之后拒绝；错误密钥 403")
  void cancelUntilTwoHoursBefore() {
    Reply early = book(person(1), SOCIAL, "2026-11-30", "09:00");
    Reply late = book(person(2), SOCIAL, "2026-11-30", "09:00");
    Reply wrongKey = Api.await(hall.api.send(HttpMethod.POST, "/api/v1/appointments/" + code(early) + "/cancel", null, null,
        MultiMap.caseInsensitiveMultiMap().add("Appointment-Key", "k".repeat(22))));
    assertEquals(403, wrongKey.status());
    hall.clock.set(local("2026-11-30T06:59:59"));
    Reply cancelled = cancel(early);
    assertEquals(200, cancelled.status(), cancelled.toString());
    assertEquals("CANCELLED", cancelled.body().getJsonObject("appointment").getString("status"));
    hall.clock.set(local("2026-11-30T07:00:01"));
    Reply refused = cancel(late);
    assertEquals(409, refused.status());
    assertEquals("CANCEL_TOO_LATE", refused.errorCode());
  }

  @Test
  @DisplayName("爽约：30 天内 3 次未签到（含迟到）后 30 天内不能预约；期满后可以；管理员改规则有审计")
  void noShowsBlockBookings() {
    assertEquals(201, book(person(1), SOCIAL, "2026-11-30", "09:00").status());
    assertEquals(201, book(person(1), SOCIAL, "2026-12-02", "09:00").status());
    Reply third = book(person(1), SOCIAL, "2026-12-03", "09:00");
    assertEquals(201, third.status());
    // The third comes late: a walk-in ticket, and still a no-show.
    hall.clock.set(local("2026-12-03T09:45:00"));
    Reply lateCheckIn = checkIn(code(third));
    assertEquals(201, lateCheckIn.status(), lateCheckIn.toString());
    assertTrue(lateCheckIn.body().getBoolean("late"));
    assertNull(lateCheckIn.ticket().getString("priority"));

    Reply blocked = book(person(1), SOCIAL, "2026-12-04", "09:00");
    assertEquals(409, blocked.status());
    assertEquals("BOOKING_BLOCKED", blocked.errorCode());
    assertTrue(blocked.errorMessage().contains("2027-01-02"), blocked.errorMessage());
    assertEquals(201, book(person(2), SOCIAL, "2026-12-04", "09:00").status());
    hall.clock.set(local("2027-01-04T09:00:00"));
    assertEquals(201, book(person(1), SOCIAL, "2027-01-05", "09:00").status(), "the block ended on 2027-01-02");

    String manager = hall.manager();
    JsonObject rule = hall.api.get("/api/v1/appointments/slots?serviceCode=" + SOCIAL, null).body().getJsonArray("services")
        .getJsonObject(0).getJsonObject("rule").put("noShowLimit", 4);
    Reply set = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/" + SOCIAL + "/appointments", manager, rule, null));
    assertEquals(200, set.status(), set.toString());
    assertEquals(403, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/" + SOCIAL + "/appointments",
        hall.clerk(1), rule, null)).status());
    JsonObject change = hall.api.get("/api/v1/queue-rules/changes", manager).body().getJsonArray("changes").getJsonObject(0);
    assertEquals("APPOINTMENT_RULE", change.getString("kind"));
    assertEquals(SOCIAL, change.getString("subject"));
    assertEquals(3, change.getJsonObject("before").getInteger("noShowLimit"));
    assertEquals(4, change.getJsonObject("after").getInteger("noShowLimit"));
    assertEquals("manager", change.getString("changedBy"));
  }

  @Test
  @DisplayName("加密：数据库里没有明文身份证号、手机号、姓名；回复和管理员列表只有脱敏值")
  void personalDataEncryptedAndMasked() {
    JsonObject who = new JsonObject().put("name", "张三丰").put("idNumber", ID_1).put("phone", PHONE_1);
    Reply booked = book(who, SOCIAL, "2026-11-30", "09:00");
    assertEquals(201, booked.status(), booked.toString());
    JsonObject appointment = booked.body().getJsonObject("appointment");
    assertEquals("1101**********002X", appointment.getString("idNumber"));
    assertEquals("138****8000", appointment.getString("phone"));
    assertEquals("张**", appointment.getString("name"));
    Reply list = hall.api.get("/api/v1/appointments?date=2026-11-30", hall.manager());
    assertEquals(200, list.status(), list.toString());
    assertEquals("1101**********002X", list.body().getJsonArray("appointments").getJsonObject(0).getString("idNumber"));
    Reply view = Api.await(hall.api.send(HttpMethod.GET, "/api/v1/appointments/" + code(booked), null, null, key(booked)));
    assertEquals("138****8000", view.body().getJsonObject("appointment").getString("phone"));
    for (Reply reply : List.of(booked, list, view)) {
      assertPlainFree(reply.body().encode());
    }
    hall.clock.set(local("2026-11-30T08:55:00"));
    Reply checkedIn = checkIn(code(booked));
    assertEquals(201, checkedIn.status());
    String ticketId = checkedIn.ticket().getString("id");
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket_contact WHERE ticket_id = '" + ticketId + "'"),
        "the number given when booking gets the ticket's SMS reminders");
    for (String table : List.of("appointment", "ticket", "ticket_event", "device_job", "rule_change", "ticket_contact")) {
      String rows = Api.await(hall.db.query("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM " + table + " t").execute())
          .iterator().next().getString(0);
      assertPlainFree(rows);
    }
    assertEquals(1, hall.count("SELECT count(*) FROM appointment WHERE octet_length(id_number_enc) > 18 AND octet_length(id_number_hash) = 32"));
  }

  @Test
  @DisplayName("凭预约码签到：窗口前 10 分钟内才可签到；窗口内为预约号（严格优先时与绿色通道按到达顺序先叫）；迟到为普通号排最后")
  void checkInByCodeAndCallOrder() {
    Reply a = book(person(1), SOCIAL, "2026-11-30", "09:00");
    Reply b = book(person(2), SOCIAL, "2026-11-30", "09:30");
    hall.clock.set(local("2026-11-30T08:45:00"));
    Reply tooEarly = checkIn(code(a));
    assertEquals(409, tooEarly.status());
    assertEquals("TOO_EARLY", tooEarly.errorCode());
    assertTrue(tooEarly.errorMessage().contains("08:50"), tooEarly.errorMessage());

    Map<String, String> names = new TreeMap<>();
    hall.clock.set(local("2026-11-30T08:51:00"));
    names.put(hall.issue(SOCIAL).getString("id"), "W1");
    hall.clock.set(local("2026-11-30T08:52:00"));
    names.put(hall.issue(SOCIAL, "ELDERLY").getString("id"), "P1");
    hall.clock.set(local("2026-11-30T08:53:00"));
    Reply checkedIn = checkIn(code(a));
    assertEquals(201, checkedIn.status(), checkedIn.toString());
    assertEquals("APPOINTMENT", checkedIn.ticket().getString("priority"));
    assertFalse(checkedIn.body().getBoolean("late"));
    assertEquals("CHECKED_IN", checkedIn.body().getJsonObject("appointment").getString("status"));
    names.put(checkedIn.ticket().getString("id"), "A");
    assertEquals("ALREADY_CHECKED_IN", checkIn(code(a)).errorCode());
    assertEquals(1, hall.count("SELECT count(*) FROM device_job WHERE kind = 'PRINT_TICKET' AND kiosk_id = 'kiosk-1' AND ticket_id = '"
        + checkedIn.ticket().getString("id") + "'"));
    hall.clock.set(local("2026-11-30T08:54:00"));
    names.put(hall.issue(SOCIAL, "ELDERLY").getString("id"), "P2");
    names.put(hall.issue(SOCIAL).getString("id"), "W2");
    hall.clock.set(local("2026-11-30T10:11:00"));
    Reply late = checkIn(code(b));
    assertEquals(201, late.status(), late.toString());
    assertTrue(late.body().getBoolean("late"));
    assertEquals("LATE", late.body().getJsonObject("appointment").getString("status"));
    names.put(late.ticket().getString("id"), "B");

    assertEquals(List.of("P1", "A", "P2", "W1", "W2", "B"), callAll(names, 6));
  }

  @Test
  @DisplayName("比例 2:1 下预约号仍最先叫，且不占用比例计数：A P1 W1 W2 P2 W3")
  void appointmentGoesFirstUnderRatio() {
    Reply a = book(person(1), SOCIAL, "2026-11-30", "09:00");
    String manager = hall.manager();
    Reply set = Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/queue-rules/services/" + SOCIAL + "/priority", manager,
        new JsonObject().put("mode", "RATIO").put("normalPerPriority", 2), null));
    assertEquals(200, set.status(), set.toString());
    Map<String, String> names = new TreeMap<>();
    hall.clock.set(local("2026-11-30T08:50:00"));
    names.put(hall.issue(SOCIAL, "ELDERLY").getString("id"), "P1");
    names.put(hall.issue(SOCIAL).getString("id"), "W1");
    names.put(hall.issue(SOCIAL).getString("id"), "W2");
    hall.clock.set(local("2026-11-30T08:55:00"));
    names.put(checkIn(code(a)).ticket().getString("id"), "A");
    hall.clock.set(local("2026-11-30T08:56:00"));
    names.put(hall.issue(SOCIAL, "ELDERLY").getString("id"), "P2");
    names.put(hall.issue(SOCIAL).getString("id"), "W3");
    assertEquals(List.of("A", "P1", "W1", "W2", "P2", "W3"), callAll(names, 6));
  }

  @Test
  @DisplayName("刷身份证签到（桥接 /bridge/id-card）：找到当天预约、出预约号并在该取号机打印；找不到 404、重复 409、非本桥接取号机 403，均无明文")
  void checkInByIdCardThroughTheBridge() {
    Reply booked = book(person(3), REAL_ESTATE, "2026-11-30", "10:00");
    assertEquals(201, booked.status(), booked.toString());
    hall.clock.set(local("2026-11-30T10:05:00"));
    String idNumber = person(3).getString("idNumber");

    Reply other = idCard("kiosk-2", idNumber);
    assertEquals(403, other.status(), other.toString());
    Reply checkedIn = idCard("kiosk-1", idNumber);
    assertEquals(201, checkedIn.status(), checkedIn.toString());
    assertEquals("APPOINTMENT", checkedIn.ticket().getString("priority"));
    assertEquals(REAL_ESTATE, checkedIn.ticket().getString("serviceCode"));
    assertEquals(code(booked), checkedIn.body().getJsonObject("appointment").getString("code"));
    assertFalse(checkedIn.body().encode().contains(idNumber));
    assertEquals(1, hall.count("SELECT count(*) FROM device_job WHERE kind = 'PRINT_TICKET' AND kiosk_id = 'kiosk-1' AND ticket_id = '"
        + checkedIn.ticket().getString("id") + "'"));
    assertEquals(1, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'APPOINTMENT_CHECKED_IN' AND actor = 'kiosk-1' "
        + "AND payload->>'via' = 'ID_CARD'"));

    Reply again = idCard("kiosk-1", idNumber);
    assertEquals(409, again.status());
    assertEquals("ALREADY_CHECKED_IN", again.errorCode());
    String stranger = person(4).getString("idNumber");
    Reply none = idCard("kiosk-1", stranger);
    assertEquals(404, none.status());
    assertEquals("APPOINTMENT_NOT_FOUND", none.errorCode());
    assertFalse(none.body().encode().contains(stranger));
    assertEquals(2, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'APPOINTMENT_CHECK_IN_REFUSED' AND actor = 'kiosk-1'"));
    assertEquals(0, hall.count("SELECT count(*) FROM ticket_event WHERE payload::text LIKE '%" + stranger + "%'"));
    Reply badId = idCard("kiosk-1", stranger.substring(0, 17) + (stranger.charAt(17) == '1' ? "2" : "1"));
    assertEquals(400, badId.status());
    assertEquals("idNumber", badId.errorField());
    assertEquals(403, hall.api.post("/api/v1/bridge/id-card", TestHall.KIOSK, idCardBody("kiosk-1", idNumber)).status());
  }

  @Test
  @DisplayName("错误输入 400 并指明字段")
  void badInputNamesTheField() {
    assertEquals("idNumber", book(person(1).put("idNumber", "110105194912310021"), SOCIAL, "2026-11-30", "09:00").errorField());
    assertEquals("phone", book(person(1).put("phone", "12345"), SOCIAL, "2026-11-30", "09:00").errorField());
    assertEquals("date", book(person(1), SOCIAL, "2026-02-30", "09:00").errorField());
    assertEquals("slot", book(person(1), SOCIAL, "2026-11-30", "09:15").errorField());
    assertEquals("serviceCode", book(person(1), "NO_SUCH_SERVICE", "2026-11-30", "09:00").errorField());
    assertEquals("name", book(person(1).put("name", "   "), SOCIAL, "2026-11-30", "09:00").errorField());
    Reply overlong = book(person(1).put("idNumber", ID_1 + "99"), SOCIAL, "2026-11-30", "09:00");
    assertEquals("idNumber", overlong.errorField());
    assertFalse(overlong.body().encode().contains(ID_1), "the refusal does not echo the number: " + overlong);
    Reply longPhone = book(person(1).put("phone", PHONE_1 + "9"), SOCIAL, "2026-11-30", "09:00");
    assertEquals("phone", longPhone.errorField());
    assertFalse(longPhone.body().encode().contains(PHONE_1), "the refusal does not echo the number: " + longPhone);
    Reply missing = hall.api.post("/api/v1/appointments", null, new JsonObject().put("name", "李四"));
    assertEquals(400, missing.status());
    assertEquals(0, hall.count("SELECT count(*) FROM appointment"));
  }

  // ---- helpers

  /** A citizen with a valid, distinct ID number (the GB 11643 check character computed), a phone and a name. */
  static JsonObject person(int n) {
    String body = "3301061990" + String.format("%07d", 1000 + n);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return new JsonObject().put("name", "市民" + n).put("idNumber", body + "10X98765432".charAt(sum % 11))
        .put("phone", "139" + String.format("%08d", n));
  }

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(HALL_ZONE).toInstant();
  }

  private Reply book(JsonObject who, String service, String date, String slot) {
    return Api.await(bookAsync(who, service, date, slot));
  }

  private Future<Reply> bookAsync(JsonObject who, String service, String date, String slot) {
    return hall.api.postAsync("/api/v1/appointments", null, who.copy().put("serviceCode", service).put("date", date).put("slot", slot)
        .put("matter", "社保卡补办"));
  }

  private static Map<Integer, Integer> statuses(List<Future<Reply>> sent) {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (Future<Reply> reply : sent) {
      byStatus.merge(Api.await(reply).status(), 1, Integer::sum);
    }
    return byStatus;
  }

  private static String code(Reply booked) {
    return booked.body().getJsonObject("appointment").getString("code");
  }

  private static MultiMap key(Reply booked) {
    return MultiMap.caseInsensitiveMultiMap().add("Appointment-Key", booked.body().getString("key"));
  }

  private Reply cancel(Reply booked) {
    return Api.await(hall.api.send(HttpMethod.POST, "/api/v1/appointments/" + code(booked) + "/cancel", null, null, key(booked)));
  }

  private Reply checkIn(String code) {
    return hall.api.post("/api/v1/appointments/check-in", TestHall.KIOSK, new JsonObject().put("code", code));
  }

  private static JsonObject idCardBody(String kioskId, String idNumber) {
    return new JsonObject().put("deviceId", "idreader-1").put("kioskId", kioskId).put("idNumber", idNumber).put("name", "市民");
  }

  private Reply idCard(String kioskId, String idNumber) {
    return hall.api.post("/api/v1/bridge/id-card", BRIDGE, idCardBody(kioskId, idNumber));
  }

  /** Calls at counter 1 until {@code calls} tickets were called, finishing each: their names in call order. */
  private List<String> callAll(Map<String, String> names, int calls) {
    String clerk = hall.clerk(1);
    List<String> order = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      Reply called = hall.counterOp(1, "call-next", clerk);
      assertEquals(200, called.status(), called.toString());
      JsonObject ticket = called.body().getJsonObject("ticket");
      order.add(ticket == null ? "-" : names.getOrDefault(ticket.getString("id"), ticket.getString("number")));
      assertEquals(200, hall.counterOp(1, "start", clerk).status());
      assertEquals(200, hall.counterOp(1, "finish", clerk).status());
    }
    return order;
  }

  private static void assertPlainFree(String text) {
    for (String plain : List.of(ID_1, PHONE_1, "张三丰")) {
      assertFalse(text.contains(plain), "a clear personal datum in " + text);
      assertFalse(text.contains(HexFormat.of().formatHex(plain.getBytes(StandardCharsets.UTF_8))), "a clear personal datum (hex) in " + text);
    }
  }
}
