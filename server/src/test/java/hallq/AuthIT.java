package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.config.HallqConfig.UserConfig;
import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthIT extends HallTest {
  private static final String ME = "/api/v1/auth/me";
  private static final String TICKETS = "/api/v1/tickets";
  private static final JsonObject SOCIAL_INSURANCE = new JsonObject().put("serviceCode", "SOCIAL_INSURANCE");


  @Test
  @DisplayName("窗口人员同一时间只在一个窗口登录：换窗口登录后旧令牌失效")
  void aClerkSitsAtOneCounterAtATime() {
    String atCounter1 = hall.clerk(1);
    String atCounter2 = hall.login("clerk01", TestHall.CLERK_PASSWORD, 2);
    assertEquals(401, hall.api.get(ME, atCounter1).status());
    assertEquals(2, hall.api.get(ME, atCounter2).body().getInteger("counterNo"));
    String manager = hall.manager();
    hall.manager();
    assertEquals(200, hall.api.get(ME, manager).status(), "managers may stay signed in on several screens");
  }

  @Test
  @DisplayName("密码错误与用户不存在：同样的 401、同样的错误码和提示")
  void wrongPasswordAndUnknownUserAnswerAlike() {
    Reply wrongPassword = login("clerk01", "not-the-password", 1);
    assertEquals(401, wrongPassword.status(), wrongPassword.toString());
    assertEquals("INVALID_CREDENTIALS", wrongPassword.errorCode());

    Reply unknownUser = login("nobody", TestHall.CLERK_PASSWORD, 1);
    assertEquals(401, unknownUser.status(), unknownUser.toString());
    assertEquals("INVALID_CREDENTIALS", unknownUser.errorCode());
    assertEquals(wrongPassword.errorMessage(), unknownUser.errorMessage());
    assertEquals("unknown user or wrong password", unknownUser.errorMessage());
  }

  @Test
  @DisplayName("窗口人员登录必须指定本大厅存在的窗口号")
  void clerkMustSignInToAnExistingCounter() {
    Reply without = login("clerk01", TestHall.CLERK_PASSWORD, null);
    assertEquals(400, without.status(), without.toString());
    assertEquals("INVALID_FIELD", without.errorCode());
    assertEquals("counterNo", without.errorField());

    Reply noSuchCounter = login("clerk01", TestHall.CLERK_PASSWORD, 99);
    assertEquals(400, noSuchCounter.status(), noSuchCounter.toString());
    assertEquals("INVALID_FIELD", noSuchCounter.errorCode());
    assertEquals("counterNo", noSuchCounter.errorField());
    assertEquals(0L, hall.count("SELECT count(*) FROM auth_session"), "a refused sign-in opens no session");
  }

  @Test
  @DisplayName("只有取号机可以取号：无令牌 401，窗口人员和综合屏 403，取号机 201")
  void onlyAKioskIssuesTickets() {
    Reply anonymous = hall.api.post(TICKETS, null, SOCIAL_INSURANCE);
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertEquals("UNAUTHORIZED", anonymous.errorCode());

    Reply clerk = hall.api.post(TICKETS, hall.clerk(1), SOCIAL_INSURANCE);
    assertEquals(403, clerk.status(), clerk.toString());
    assertEquals("FORBIDDEN", clerk.errorCode());

    Reply display = hall.api.post(TICKETS, TestHall.DISPLAY, SOCIAL_INSURANCE);
    assertEquals(403, display.status(), display.toString());
    assertEquals("FORBIDDEN", display.errorCode());
    assertEquals(0L, hall.count("SELECT count(*) FROM ticket"), "refused requests issue no ticket");

    Reply kiosk = hall.api.post(TICKETS, TestHall.KIOSK, SOCIAL_INSURANCE);
    assertEquals(201, kiosk.status(), kiosk.toString());
    assertEquals("A001", kiosk.ticket().getString("number"));
  }

  @Test
  @DisplayName("登录 1 号窗口的人员不能操作 2 号窗口，号票状态不变")
  void clerkCannotActOnAnotherCounter() {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String clerk1 = hall.clerk(1);

    for (String op : List.of("call-next", "recall", "no-show", "start", "finish", "pause", "resume")) {
      Reply refused = hall.counterOp(2, op, clerk1);
      assertEquals(403, refused.status(), op + " → " + refused);
      assertEquals("WRONG_COUNTER", refused.errorCode(), op);
    }
    Reply transfer = hall.api.post("/api/v1/counters/2/transfer", clerk1, new JsonObject().put("serviceCode", "HOUSING_FUND"));
    assertEquals(403, transfer.status(), transfer.toString());
    assertEquals("WRONG_COUNTER", transfer.errorCode());

    JsonObject after = hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).ticket();
    assertEquals("WAITING", after.getString("status"));
    assertNull(after.getInteger("counterNo"));
    JsonObject counter2 = hall.api.get("/api/v1/counters/2", clerk1).body();
    assertNull(counter2.getJsonObject("ticket"));
    assertEquals(false, counter2.getBoolean("paused"));
    assertEquals(List.of("TICKET_ISSUED"), hall.eventTypes(ticket.getString("id")));

    Reply own = hall.counterOp(1, "call-next", clerk1);
    assertEquals(200, own.status(), own.toString());
    assertEquals(ticket.getString("id"), own.ticket().getString("id"));
    assertEquals(1, own.ticket().getInteger("counterNo"));
  }

  @Test
  @DisplayName("值班主任可以操作任何窗口")
  void managerMayActOnAnyCounter() {
    JsonObject first = hall.issue("SOCIAL_INSURANCE");
    JsonObject second = hall.issue("HOUSING_FUND");
    String manager = hall.manager();

    Reply at2 = hall.counterOp(2, "call-next", manager);
    assertEquals(200, at2.status(), at2.toString());
    assertEquals(first.getString("id"), at2.ticket().getString("id"));
    assertEquals(2, at2.ticket().getInteger("counterNo"));
    assertEquals("SERVING", hall.counterOp(2, "start", manager).ticket().getString("status"));

    Reply at7 = hall.counterOp(7, "call-next", manager);
    assertEquals(200, at7.status(), at7.toString());
    assertEquals(second.getString("id"), at7.ticket().getString("id"));
    assertEquals(7, at7.ticket().getInteger("counterNo"));

    Reply paused = hall.counterOp(12, "pause", manager);
    assertEquals(200, paused.status(), paused.toString());
    assertEquals(true, paused.body().getBoolean("paused"));
  }

  @Test
  @DisplayName("未知令牌即使访问公开接口也返回 401 INVALID_TOKEN")
  void unknownTokenIsRefusedEvenOnPublicEndpoints() {
    assertEquals(200, hall.api.get("/api/v1/hall", null).status());

    Reply hallInfo = hall.api.get("/api/v1/hall", "no-such-token-" + UUID.randomUUID());
    assertEquals(401, hallInfo.status(), hallInfo.toString());
    assertEquals("INVALID_TOKEN", hallInfo.errorCode());

    Reply serviceTypes = hall.api.get("/api/v1/service-types", "no-such-token");
    assertEquals(401, serviceTypes.status(), serviceTypes.toString());
    assertEquals("INVALID_TOKEN", serviceTypes.errorCode());
  }

  @Test
  @DisplayName("退出登录后同一令牌被拒绝")
  void loggedOutTokenIsRefused() {
    String clerk = hall.clerk(3);
    assertEquals(200, hall.api.get(ME, clerk).status());

    Reply logout = hall.api.post("/api/v1/auth/logout", clerk);
    assertEquals(204, logout.status(), logout.toString());
    assertEquals(0L, hall.count("SELECT count(*) FROM auth_session"));

    Reply me = hall.api.get(ME, clerk);
    assertEquals(401, me.status(), me.toString());
    assertEquals("INVALID_TOKEN", me.errorCode());
    Reply call = hall.counterOp(3, "call-next", clerk);
    assertEquals(401, call.status(), call.toString());
    assertEquals("INVALID_TOKEN", call.errorCode());
    Reply again = hall.api.post("/api/v1/auth/logout", clerk);
    assertEquals(401, again.status(), again.toString());
  }

  @Test
  @DisplayName("会话在配置的 12 小时后过期")
  void sessionExpiresAfterTheConfiguredHours() {
    assertEquals(Duration.ofHours(12), hall.config.auth().sessionTtl());
    String clerk = hall.clerk(1);

    hall.clock.advance(Duration.ofHours(12).minusMinutes(1));
    assertEquals(200, hall.api.get(ME, clerk).status(), "still valid a minute before expiry");

    hall.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Reply expired = hall.api.get(ME, clerk);
    assertEquals(401, expired.status(), expired.toString());
    assertEquals("INVALID_TOKEN", expired.errorCode());
    Reply call = hall.counterOp(1, "call-next", clerk);
    assertEquals(401, call.status(), call.toString());
  }

  @Test
  @DisplayName("过号重新排队需要工作人员身份")
  void requeueNeedsStaff() {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String manager = hall.manager();
    hall.counterOp(1, "call-next", manager);
    assertEquals("NO_SHOW", hall.counterOp(1, "no-show", manager).ticket().getString("status"));
    String requeue = "/api/v1/tickets/" + ticket.getString("id") + "/requeue";

    Reply anonymous = hall.api.post(requeue, null);
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertEquals("UNAUTHORIZED", anonymous.errorCode());
    Reply kiosk = hall.api.post(requeue, TestHall.KIOSK);
    assertEquals(403, kiosk.status(), kiosk.toString());
    assertEquals("FORBIDDEN", kiosk.errorCode());
    assertEquals("NO_SHOW", hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).ticket().getString("status"));

    Reply byStaff = hall.api.post(requeue, manager);
    assertEquals(200, byStaff.status(), byStaff.toString());
    assertEquals("WAITING", byStaff.ticket().getString("status"));
  }

  @Test
  @DisplayName("排队总览：无令牌 401，窗口人员或综合屏 200")
  void queueOverviewNeedsStaffOrDevice() {
    Reply anonymous = hall.api.get("/api/v1/queue", null);
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertEquals("UNAUTHORIZED", anonymous.errorCode());

    Reply clerk = hall.api.get("/api/v1/queue", hall.clerk(5));
    assertEquals(200, clerk.status(), clerk.toString());
    assertEquals(6, clerk.body().getJsonArray("services").size());

    Reply display = hall.api.get("/api/v1/queue", TestHall.DISPLAY);
    assertEquals(200, display.status(), display.toString());
    assertEquals(clerk.body().getJsonArray("services"), display.body().getJsonArray("services"));
  }

  @Test
  @DisplayName("/auth/me 返回角色和窗口号")
  void whoAmIReturnsRoleAndCounter() {
    Reply clerk = hall.api.get(ME, hall.clerk(3));
    assertEquals(200, clerk.status(), clerk.toString());
    assertEquals("clerk03", clerk.body().getString("name"));
    assertEquals("CLERK", clerk.body().getString("role"));
    assertEquals(3, clerk.body().getInteger("counterNo"));

    Reply manager = hall.api.get(ME, hall.manager());
    assertEquals("manager", manager.body().getString("name"));
    assertEquals("MANAGER", manager.body().getString("role"));
    assertNull(manager.body().getInteger("counterNo"));

    Reply display = hall.api.get(ME, TestHall.DISPLAY);
    assertEquals("hall-display", display.body().getString("name"));
    assertNull(display.body().getString("role"));
    assertEquals("DISPLAY", display.body().getString("device"));

    Reply anonymous = hall.api.get(ME, null);
    assertEquals(401, anonymous.status(), anonymous.toString());
  }

  @Test
  @DisplayName("登录应答不含密码哈希")
  void loginReplyNeverContainsThePasswordHash() {
    Reply reply = login("clerk04", TestHall.CLERK_PASSWORD, 4);
    assertEquals(200, reply.status(), reply.toString());
    JsonObject body = reply.body();
    assertEquals(Set.of("token", "username", "displayName", "role", "counterNo", "expiresAt"), body.fieldNames());
    assertEquals("clerk04", body.getString("username"));
    assertEquals("刘洋", body.getString("displayName"));
    assertEquals("CLERK", body.getString("role"));
    assertEquals(4, body.getInteger("counterNo"));
    assertEquals(TestHall.OPENING.plus(Duration.ofHours(12)).toString(), body.getString("expiresAt"));

    String encoded = body.encode();
    String storedHash = hall.config.users().stream()
        .filter(u -> u.username().equals("clerk04"))
        .map(UserConfig::passwordHash)
        .findFirst()
        .orElseThrow();
    assertFalse(encoded.contains(storedHash), encoded);
    assertFalse(encoded.contains("pbkdf2"), encoded);
    assertFalse(encoded.contains(TestHall.CLERK_PASSWORD), encoded);
  }

  @Test
  @DisplayName("数据库中密码只存哈希")
  void passwordsAreStoredHashed() {
    var rows = Api.await(hall.db.preparedQuery("SELECT password_hash FROM app_user WHERE username = $1")
        .execute(Tuple.of("clerk01")));
    assertEquals(1, rows.size());
    String hash = rows.iterator().next().getString("password_hash");
    assertTrue(hash.startsWith("pbkdf2-sha256$"), hash);
    assertFalse(hash.contains(TestHall.CLERK_PASSWORD), hash);
    assertEquals(0L, hall.count("SELECT count(*) FROM app_user WHERE password_hash NOT LIKE 'pbkdf2-sha256$%'"));
  }

  @Test
  @DisplayName("会话表只存令牌的 SHA-256，不存令牌本身")
  void sessionsStoreNoRawToken() {
    String token = hall.clerk(1);
    List<String> hashes = new ArrayList<>();
    for (Row row : Api.await(hall.db.query("SELECT token_hash FROM auth_session").execute())) {
      hashes.add(row.getString("token_hash"));
    }
    assertEquals(1, hashes.size());
    assertFalse(hashes.contains(token));
    assertFalse(hashes.get(0).contains(token));
    assertEquals(sha256Hex(token), hashes.get(0));
    assertNotEquals(token, hashes.get(0));
  }

  private Reply login(String username, String password, Integer counterNo) {
    return hall.tryLogin(username, password, counterNo);
  }



  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
