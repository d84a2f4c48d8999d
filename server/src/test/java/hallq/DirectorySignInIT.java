package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFReader;
import hallq.config.HallqConfig;
import hallq.support.Reply;
import hallq.support.TestDatabase;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Directory sign-in against a real LDAP server (UnboundID's in-memory directory on a loopback port,
 * loaded from {@code directory/hall-staff.ldif}), over real HTTP, beside the demo hall's local accounts.
 */
@ExtendWith(VertxExtension.class)
class DirectorySignInIT {
  private static final String ME = "/api/v1/auth/me";
  private static final String MANAGER_ONLY = "/api/v1/standards/changes";
  private static final String PEOPLE = "ou=people,dc=hallq,dc=test";
  /** Connect and response timeouts of these tests: a dead directory must answer well within a few seconds. */
  private static final int TIMEOUT_MILLIS = 1000;

  private InMemoryDirectoryServer directory;
  private TestHall hall;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=hallq,dc=test");
    config.setSchema(null);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    try (InputStream ldif = getClass().getResourceAsStream("/directory/hall-staff.ldif")) {
      directory.importFromLDIF(true, new LDIFReader(ldif));
    }
    directory.startListening();
    hall = TestHall.start(vertx, hallConfig(directory.getListenPort()));
  }

  @AfterEach
  void stop() {
    if (hall != null) {
      hall.close();
    }
    directory.shutDown(true);
  }

  @Test
  @DisplayName("目录账户密码正确：窗口人员按所在组得到 CLERK 角色并登录到窗口")
  void aClerkOfTheDirectorySignsInToACounter() {
    Reply reply = login("liwei", "liwei-secret", 3);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals("CLERK", reply.body().getString("role"));
    assertEquals("李伟", reply.body().getString("displayName"));
    String token = reply.body().getString("token");
    assertEquals(3, hall.api.get(ME, token).body().getInteger("counterNo"));
    assertEquals(200, hall.api.get("/api/v1/counters/3", token).status());
    assertEquals(403, hall.api.get(MANAGER_ONLY, token).status(), "a clerk is no manager");

    Reply withoutCounter = login("liwei", "liwei-secret", null);
    assertEquals(400, withoutCounter.status(), withoutCounter.toString());
    assertEquals("counterNo", withoutCounter.errorField());
  }

  @Test
  @DisplayName("多个组时取最高角色；组可按 DN 或 CN（memberOf）映射")
  void theHighestMappedRoleWins() {
    Reply manager = login("zhaomin", "zhaomin-secret", null);
    assertEquals(200, manager.status(), manager.toString());
    assertEquals("MANAGER", manager.body().getString("role"), "zhaomin is in hallq-clerks and hallq-managers");
    assertEquals(200, hall.api.get(MANAGER_ONLY, manager.body().getString("token")).status());

    Reply admin = login("sunli", "sunli-secret", null);
    assertEquals(200, admin.status(), admin.toString());
    assertEquals("ADMIN", admin.body().getString("role"), "sunli's memberOf names HallQ-Admins by DN; the config names it by CN");
  }

  @Test
  @DisplayName("目录密码错误、用户不存在与本地密码错误：同样的 401 和提示")
  void aWrongDirectoryPasswordAnswersLikeAWrongLocalOne() {
    Reply local = login("clerk01", "not-the-password", 1);
    for (Reply reply : new Reply[] {login("liwei", "not-the-password", 1), login("nobody-here", "liwei-secret", 1)}) {
      assertRefused(401, "INVALID_CREDENTIALS", reply);
      assertEquals(local.errorMessage(), reply.errorMessage());
    }
    assertEquals(0L, hall.count("SELECT count(*) FROM auth_session"));
  }

  @Test
  @DisplayName("目录中已停用的账户：密码正确 403 ACCOUNT_DISABLED，密码错误仍是 401")
  void aDisabledAccountIsRefused() {
    assertRefused(403, "ACCOUNT_DISABLED", login("chenjing", "chenjing-secret", 1));

    Reply wrongPassword = login("chenjing", "guess", 1);
    assertEquals(401, wrongPassword.status(), "a disabled account is not told apart before its password is right");
    assertEquals(0L, hall.count("SELECT count(*) FROM auth_session"));
  }

  @Test
  @DisplayName("不在任何已映射组中的账户：403 NO_ROLE")
  void anAccountInNoMappedGroupIsRefused() {
    assertRefused(403, "NO_ROLE", login("wangqiang", "wangqiang-secret", null));
    assertEquals(0L, hall.count("SELECT count(*) FROM auth_session"));
  }

  @Test
  @DisplayName("目录中停用后再登录被拒，该账户原有的会话随之失效")
  void anAccountDisabledLaterLosesItsSessions() throws Exception {
    String token = login("liwei", "liwei-secret", 2).body().getString("token");
    directory.modify("uid=liwei," + PEOPLE, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));

    assertEquals("ACCOUNT_DISABLED", login("liwei", "liwei-secret", 2).errorCode());
    assertEquals(401, hall.api.get(ME, token).status());
  }

  @Test
  @DisplayName("目录开启时重启，目录账户的会话仍有效；关闭目录后重启，会话失效")
  void directorySessionsLastAcrossRestartsWhileTheDirectoryStaysOn(Vertx vertx) {
    String token = login("liwei", "liwei-secret", 1).body().getString("token");
    HallqConfig withDirectory = hall.config;
    restart(vertx, withDirectory);
    assertEquals(200, hall.api.get(ME, token).status());

    restart(vertx, TestHall.testConfig(withDirectory.db().url(), withDirectory.dataDir(), raw -> {}));
    assertEquals(401, hall.api.get(ME, token).status(), "with the directory off, no directory session stays");
    assertEquals(200, hall.api.get(ME, hall.manager()).status());
  }

  @Test
  @DisplayName("用户名按 RFC 4515 转义：通配符和过滤器注入都按字面查找，得 401")
  void filterInjectionFindsNoOne() {
    // Unescaped, (uid=zhao*) would find zhaomin alone and sign the caller in as her.
    for (String name : new String[] {"zhao*", "*)(uid=zhaomin", "*)(|(uid=*", "*", "zhaomin\\2a"}) {
      assertRefused(401, "INVALID_CREDENTIALS", login(name, "zhaomin-secret", null));
    }
    assertEquals(0L, hall.count("SELECT count(*) FROM auth_session"));
  }

  @Test
  @DisplayName("本地账户优先：同名目录账户不能冒用，本地账户照常登录")
  void aLocalAccountComesFirst() {
    assertEquals(401, login("manager", "directory-manager-secret", null).status(), "the directory's 'manager' is not the local one");
    // The directory finds uid=manager for MANAGER, and that name is a local account's.
    assertRefused(403, "LOCAL_ACCOUNT_NAME", login("MANAGER", "directory-manager-secret", null));
    Reply local = login("manager", TestHall.MANAGER_PASSWORD, null);
    assertEquals(200, local.status(), local.toString());
    assertEquals("MANAGER", local.body().getString("role"));
    assertEquals(200, login("clerk01", TestHall.CLERK_PASSWORD, 1).status());
  }

  @Test
  @DisplayName("目录服务停止：很快得到 503 DIRECTORY_UNAVAILABLE，本地账户仍可登录")
  void aStoppedDirectoryAnswers503Quickly() {
    directory.shutDown(true);

    assertTrue(unavailableAfter().toMillis() < 3 * TIMEOUT_MILLIS);
    assertEquals(200, hall.api.get("/api/v1/health", null).status());
    assertEquals(200, login("manager", TestHall.MANAGER_PASSWORD, null).status());
  }

  @Test
  @DisplayName("目录服务接受连接却不应答：响应超时后 503，不会挂起")
  void aSilentDirectoryAnswers503AfterTheResponseTimeout(Vertx vertx) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      restart(vertx, hallConfig(silent.getLocalPort()));
      Duration took = unavailableAfter();
      assertTrue(took.toMillis() >= TIMEOUT_MILLIS - 100 && took.toMillis() < 3 * TIMEOUT_MILLIS, "answered after " + took);
    }
  }

  private static HallqConfig hallConfig(int directoryPort) {
    JsonObject config = new JsonObject()
        .put("enabled", true)
        .put("url", "ldap://127.0.0.1:" + directoryPort)
        .put("bindDn", "uid=hallq-reader," + PEOPLE)
        .put("bindPassword", "reader-secret")
        .put("baseDn", PEOPLE)
        .put("userFilter", "(&(objectClass=inetOrgPerson)(uid={0}))")
        .put("groupBaseDn", "ou=groups,dc=hallq,dc=test")
        .put("disabled", new JsonObject().put("attribute", "userAccountControl").put("match", "BIT").put("value", "2"))
        .put("groupRoles", new JsonArray()
            .add(new JsonObject().put("group", "hallq-clerks").put("role", "CLERK"))
            .add(new JsonObject().put("group", "cn=hallq-managers,ou=groups,dc=hallq,dc=test").put("role", "MANAGER"))
            .add(new JsonObject().put("group", "hallq-admins").put("role", "ADMIN")))
        .put("connectTimeoutMillis", TIMEOUT_MILLIS)
        .put("responseTimeoutMillis", TIMEOUT_MILLIS);
    return TestHall.testConfig(TestDatabase.newDatabaseUrl(), TestHall.tempDir(), raw -> raw.getJsonObject("directory").mergeIn(config));
  }

  private void restart(Vertx vertx, HallqConfig config) {
    hall.close();
    hall = null;
    hall = TestHall.start(vertx, config);
  }

  /** How long a sign-in took to be answered 503 DIRECTORY_UNAVAILABLE. */
  private Duration unavailableAfter() {
    long started = System.nanoTime();
    Reply reply = login("liwei", "liwei-secret", 1);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertRefused(503, "DIRECTORY_UNAVAILABLE", reply);
    return took;
  }

  private static void assertRefused(int status, String code, Reply reply) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(code, reply.errorCode(), reply.toString());
  }

  private Reply login(String username, String password, Integer counterNo) {
    return hall.tryLogin(username, password, counterNo);
  }
}
