package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.db.PgHallRepository;
import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.SseClient;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Service standards: as configured, changed by a manager at run time (audited), and the issuing rules they set. */
class StandardsIT extends HallTest {
  private static final String SOCIAL = "/api/v1/standards/services/SOCIAL_INSURANCE";

  @Test
  @DisplayName("服务标准来自配置；管理员修改立即生效、留痕（谁、何时、旧值→新值）并推送；配置同步不覆盖")
  void aManagerChangesAStandard(Vertx vertx) {
    JsonObject social = service(hall.api.get("/api/v1/standards", TestHall.KIOSK).body(), "SOCIAL_INSURANCE");
    assertEquals(15, social.getInteger("warnWaitMinutes"));
    assertEquals(20, social.getInteger("targetWaitMinutes"));
    assertEquals(30, social.getInteger("breachWaitMinutes"));
    assertNull(social.getString("editedBy"));
    assertEquals(300, service(hall.api.get("/api/v1/standards", TestHall.KIOSK).body(), "REAL_ESTATE").getInteger("dailyQuota"));

    String manager = hall.manager();
    JsonObject stricter = editable(social).put("warnWaitMinutes", 10).put("targetWaitMinutes", 15).put("breachWaitMinutes", 25);
    try (SseClient events = SseClient.open(vertx, hall.server.port(), "/api/v1/events", manager, null)) {
      events.next();
      Reply changed = put(SOCIAL, manager, stricter);
      assertEquals(200, changed.status(), changed.toString());
      assertEquals("manager", changed.body().getString("editedBy"));
      SseClient.Event event = events.next();
      assertEquals("STANDARDS_CHANGED", event.type());
      assertEquals("service:SOCIAL_INSURANCE", event.payload().getString("subject"));
    }
    assertEquals(15, service(hall.api.get("/api/v1/standards", manager).body(), "SOCIAL_INSURANCE").getInteger("targetWaitMinutes"));

    JsonObject change = hall.api.get("/api/v1/standards/changes", manager).body().getJsonArray("changes").getJsonObject(0);
    assertEquals("manager", change.getString("changedBy"));
    assertEquals(20, change.getJsonObject("old").getInteger("targetWaitMinutes"));
    assertEquals(15, change.getJsonObject("new").getInteger("targetWaitMinutes"));

    Api.await(new PgHallRepository(hall.config.hall().id()).sync(hall.db, hall.config));
    assertEquals(15, service(hall.api.get("/api/v1/standards", manager).body(), "SOCIAL_INSURANCE").getInteger("targetWaitMinutes"),
        "a restart's config sync keeps the manager's standard");
  }

  @Test
  @DisplayName("只有管理员能改标准；不合理的标准 400 并指明字段，不留痕")
  void onlyManagersChangeSaneStandards() {
    JsonObject valid = editable(service(hall.api.get("/api/v1/standards", TestHall.KIOSK).body(), "SOCIAL_INSURANCE"));
    assertEquals(403, put(SOCIAL, hall.clerk(1), valid).status());
    assertEquals(403, hall.api.get("/api/v1/standards/changes", hall.clerk(2)).status());
    Reply upsideDown = put(SOCIAL, hall.manager(), valid.copy().put("warnWaitMinutes", 25));
    assertEquals(400, upsideDown.status());
    assertEquals("warnWaitMinutes", upsideDown.errorField());
    assertEquals(404, put("/api/v1/standards/services/NO_SUCH_SERVICE", hall.manager(), valid).status());
    Reply badHours = put("/api/v1/standards/opening-hours", hall.manager(),
        new JsonObject().put("periods", new JsonArray().add(new JsonObject().put("days", new JsonArray().add("MON")).put("opens", "12:00").put("closes", "08:00"))));
    assertEquals(400, badHours.status());
    assertEquals("closes", badHours.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM standard_change"));
  }

  @Test
  @DisplayName("营业时间外不取号；收号时间后不取号；限号用完不取号，也不占用号码")
  void issuingFollowsHoursLastIssueAndQuota() {
    String manager = hall.manager();
    JsonObject weekdays = new JsonObject().put("periods", new JsonArray().add(new JsonObject()
        .put("days", new JsonArray().add("MON").add("TUE").add("WED").add("THU").add("FRI")).put("opens", "09:00").put("closes", "17:00")));
    assertEquals(200, put("/api/v1/standards/opening-hours", manager, weekdays).status());

    hall.clock.set(Instant.parse("2026-11-27T00:59:00Z"));  // Friday 08:59 in Shanghai
    Reply early = issue("SOCIAL_INSURANCE", null);
    assertEquals("HALL_CLOSED", early.errorCode(), early.toString());
    assertTrue(early.errorMessage().contains("09:00"), early.errorMessage());
    hall.clock.set(Instant.parse("2026-11-27T08:29:59Z"));  // 16:29:59, the last issue is before 16:30
    assertEquals(201, issue("SOCIAL_INSURANCE", "retry-1").status());
    hall.clock.set(Instant.parse("2026-11-27T08:30:00Z"));
    assertEquals("LAST_ISSUE_PASSED", issue("SOCIAL_INSURANCE", null).errorCode());
    assertEquals(200, issue("SOCIAL_INSURANCE", "retry-1").status(), "a kiosk's retry still gets its ticket");
    hall.clock.set(Instant.parse("2026-11-28T02:00:00Z"));  // Saturday 10:00
    assertEquals("HALL_CLOSED", issue("SOCIAL_INSURANCE", null).errorCode());

    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));  // Friday 10:00
    JsonObject quotaOfTwo = editable(service(hall.api.get("/api/v1/standards", manager).body(), "SOCIAL_INSURANCE")).put("dailyQuota", 2);
    assertEquals(200, put(SOCIAL, manager, quotaOfTwo).status());
    assertEquals("A002", issue("SOCIAL_INSURANCE", null).ticket().getString("number"));
    Reply third = issue("SOCIAL_INSURANCE", null);
    assertEquals("DAILY_QUOTA_REACHED", third.errorCode(), third.toString());
    assertEquals(201, issue("HOUSING_FUND", null).status(), "other services are not limited");
    assertEquals(200, put(SOCIAL, manager, quotaOfTwo.put("dailyQuota", 3)).status());
    assertEquals("A003", issue("SOCIAL_INSURANCE", null).ticket().getString("number"), "the refusal used up no number");
  }

  @Test
  @DisplayName("限号在同时取号时也准确：恰好出满限额，其余被拒，号码不超额")
  void aQuotaHoldsWhenKiosksAskAtOnce() {
    String housing = "/api/v1/standards/services/HOUSING_FUND";
    JsonObject quotaOfTen = editable(service(hall.api.get("/api/v1/standards", TestHall.KIOSK).body(), "HOUSING_FUND")).put("dailyQuota", 10);
    assertEquals(200, put(housing, hall.manager(), quotaOfTen).status());
    List<Reply> replies = Api.await(Future.all(IntStream.range(0, 25)
            .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", "HOUSING_FUND")))
            .toList()))
        .list();
    Set<String> numbers = new TreeSet<>();
    for (Reply reply : replies) {
      if (reply.status() == 201) {
        numbers.add(reply.ticket().getString("number"));
      } else {
        assertEquals("DAILY_QUOTA_REACHED", reply.errorCode(), reply.toString());
      }
    }
    assertEquals(IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("C%03d", i)).collect(Collectors.toCollection(TreeSet::new)), numbers);
    assertEquals(10L, hall.count("SELECT last_seq FROM ticket_sequence WHERE service_code = 'HOUSING_FUND'"),
        "refused requests took no number");

    List<Reply> mixed = Api.await(Future.all(IntStream.range(0, 40)
            .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK,
                new JsonObject().put("serviceCode", i % 2 == 0 ? "HOUSING_FUND" : "SOCIAL_INSURANCE")))
            .toList()))
        .list();
    for (int i = 0; i < mixed.size(); i++) {
      Reply reply = mixed.get(i);
      if (i % 2 == 0) {
        assertEquals("DAILY_QUOTA_REACHED", reply.errorCode(), reply.toString());
      } else {
        assertEquals(201, reply.status(), reply.toString());
      }
    }
    long transactions = hall.count("SELECT count(DISTINCT xmin::text) FROM ticket WHERE service_code = 'SOCIAL_INSURANCE'");
    assertTrue(transactions <= 10, "a refusal is answered within its group, which stands: 20 tickets in " + transactions + " transactions");
  }

  private Reply issue(String serviceCode, String idempotencyKey) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (idempotencyKey != null) {
      headers.add("Idempotency-Key", idempotencyKey);
    }
    return Api.await(hall.api.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", serviceCode), headers));
  }

  @Test
  @DisplayName("标准每次修改是一个新版本：修改前办理的号票按旧版本评判，修改后的按新版本；同一指标可对比修改前后；值未变不产生新版本")
  void eachTicketIsJudgedByTheStandardInForceWhenItWasServed() {
    servedFor(Duration.ofMinutes(12), hall.clerk(1));
    hall.clock.set(Instant.parse("2026-11-30T02:00:00Z"));
    String manager = hall.manager();
    JsonObject social = editable(service(hall.api.get("/api/v1/standards", TestHall.KIOSK).body(), "SOCIAL_INSURANCE"));
    assertEquals(10, social.getInteger("standardServiceMinutes"));
    assertEquals(200, put(SOCIAL, manager, social.copy().put("standardServiceMinutes", 15)).status());
    assertEquals(200, put(SOCIAL, manager, social.copy().put("standardServiceMinutes", 15)).status(), "the same again: no new version");
    hall.clock.set(Instant.parse("2026-12-01T02:00:00Z"));
    servedFor(Duration.ofMinutes(12), hall.clerk(1));

    JsonObject row = hall.api.get("/api/v1/indicators?from=2026-11-27&to=2026-12-01&by=service", hall.manager()).body()
        .getJsonArray("rows").getJsonObject(0);
    assertEquals("SOCIAL_INSURANCE", row.getString("key"));
    assertEquals(2L, row.getLong("finished"));
    assertEquals(1L, row.getJsonObject("abnormal").getLong("overtime"), "12 minutes: over the 10 then, within the 15 now");
    assertEquals(0.5, row.getDouble("withinStandardTimeRate"));

    JsonObject versions = hall.api.get(SOCIAL + "/versions?days=7", hall.manager()).body();
    assertEquals(2, versions.getJsonArray("versions").size(), versions.encode());
    JsonObject first = versions.getJsonArray("versions").getJsonObject(0);
    assertNull(first.getValue("effectiveFrom"), "in force from the start");
    assertEquals(10, first.getJsonObject("standard").getInteger("standardServiceMinutes"));
    JsonObject change = versions.getJsonArray("versions").getJsonObject(1);
    assertEquals("2026-11-30T02:00:00Z", change.getString("effectiveFrom"));
    assertEquals("manager", change.getString("changedBy"));
    assertEquals(15, change.getJsonObject("standard").getInteger("standardServiceMinutes"));
    JsonObject before = change.getJsonObject("before");
    assertEquals("2026-11-23", before.getString("from"));
    assertEquals("2026-11-29", before.getString("to"));
    assertEquals(0.0, before.getJsonObject("indicators").getDouble("withinStandardTimeRate"));
    JsonObject after = change.getJsonObject("after");
    assertEquals("2026-12-01", after.getString("from"));
    assertEquals("2026-12-01", after.getString("to"), "the days after end today");
    assertEquals(1.0, after.getJsonObject("indicators").getDouble("withinStandardTimeRate"));
    assertEquals(404, hall.api.get("/api/v1/standards/services/NO_SUCH/versions", hall.manager()).status());
  }

  @Test
  @DisplayName("所需材料是服务标准的一部分：来自配置，管理员修改（去首尾空格）即新版本、旧版本保留，号票页可见；空、重复、过长、过多 400 并指明字段")
  void requiredMaterialsAreAVersionedPartOfTheStandard() {
    JsonObject social = editable(service(hall.api.get("/api/v1/standards", TestHall.KIOSK).body(), "SOCIAL_INSURANCE"));
    assertEquals(new JsonArray().add("身份证原件").add("社会保障卡"), social.getJsonArray("requiredMaterials"), "as configured");
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    assertEquals(List.of("身份证原件", "社会保障卡"), materialsOnTicketPage(ticket));

    hall.clock.set(Instant.parse("2026-11-30T02:00:00Z"));
    String manager = hall.manager();
    JsonArray given = new JsonArray().add(" 身份证原件 ").add("社会保障卡").add("近期一寸免冠照片");
    Reply changed = put(SOCIAL, manager, social.copy().put("requiredMaterials", given));
    assertEquals(200, changed.status(), changed.toString());
    JsonArray stored = new JsonArray().add("身份证原件").add("社会保障卡").add("近期一寸免冠照片");
    assertEquals(stored, changed.body().getJsonArray("requiredMaterials"), "trimmed");
    assertEquals(200, put(SOCIAL, manager, social.copy().put("requiredMaterials", stored)).status(), "the same again: no new version");
    assertEquals(stored.getList(), materialsOnTicketPage(ticket));
    JsonArray changes = hall.api.get("/api/v1/standards/changes", manager).body().getJsonArray("changes");
    JsonObject change = changes.getJsonObject(changes.size() - 1);
    assertEquals(2, change.getJsonObject("old").getJsonArray("requiredMaterials").size());
    assertEquals(stored, change.getJsonObject("new").getJsonArray("requiredMaterials"));

    JsonArray versions = hall.api.get(SOCIAL + "/versions?days=7", manager).body().getJsonArray("versions");
    assertEquals(2, versions.size(), "a change of the materials alone is a new version: " + versions.encode());
    assertEquals(new JsonArray().add("身份证原件").add("社会保障卡"), versions.getJsonObject(0).getJsonObject("standard").getJsonArray("requiredMaterials"),
        "the old version is kept");
    assertEquals("2026-11-30T02:00:00Z", versions.getJsonObject(1).getString("effectiveFrom"));
    assertEquals(stored, versions.getJsonObject(1).getJsonObject("standard").getJsonArray("requiredMaterials"));

    assertEquals("requiredMaterials.2", refused(social, new JsonArray().add("身份证原件").add("社会保障卡").add("身份证原件 ")), "twice");
    assertEquals("requiredMaterials.0", refused(social, new JsonArray().add("   ")), "blank");
    assertEquals("requiredMaterials.0", refused(social, new JsonArray().add("材".repeat(101))), "too long");
    assertEquals("requiredMaterials.1", refused(social, new JsonArray().add("身份证原件").add(42)), "not a name");
    JsonArray tooMany = new JsonArray();
    IntStream.rangeClosed(1, 31).forEach(i -> tooMany.add("材料" + i));
    assertEquals("requiredMaterials", refused(social, tooMany), "at most 30");
    assertEquals("requiredMaterials", refused(social, "身份证原件"), "a list, not a text");
    assertEquals(2, hall.api.get(SOCIAL + "/versions?days=7", manager).body().getJsonArray("versions").size(), "refused changes make no version");
    assertEquals(2L, hall.count("SELECT count(*) FROM standard_change"), "nor an audit row");
  }

  /** The field named by the 400 a manager gets for these materials. */
  private String refused(JsonObject standard, Object materials) {
    Reply reply = put(SOCIAL, hall.manager(), standard.copy().put("requiredMaterials", materials));
    assertEquals(400, reply.status(), reply.toString());
    return reply.errorField();
  }

  private List<Object> materialsOnTicketPage(JsonObject ticket) {
    return hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).body().getJsonArray("requiredMaterials").getList();
  }

  /** A 社保医保 ticket called at once at counter 1 and handled for this long. */
  private void servedFor(Duration handling, String clerk) {
    hall.issue("SOCIAL_INSURANCE");
    assertEquals(200, hall.counterOp(1, "call-next", clerk).status());
    assertEquals(200, hall.counterOp(1, "start", clerk).status());
    hall.clock.advance(handling);
    assertEquals(200, hall.counterOp(1, "finish", clerk).status());
  }

  private Reply put(String path, String token, JsonObject body) {
    return Api.await(hall.api.send(HttpMethod.PUT, path, token, body, null));
  }

  /** A standard as read, without the fields a change does not send. */
  private static JsonObject editable(JsonObject standard) {
    JsonObject copy = standard.copy();
    for (String readOnly : new String[] {"serviceCode", "name", "editedBy", "editedAt"}) {
      copy.remove(readOnly);
    }
    return copy;
  }

  private static JsonObject service(JsonObject standards, String code) {
    return standards.getJsonArray("services").stream()
        .map(JsonObject.class::cast)
        .filter(s -> s.getString("serviceCode").equals(code))
        .findFirst()
        .orElseThrow();
  }
}
