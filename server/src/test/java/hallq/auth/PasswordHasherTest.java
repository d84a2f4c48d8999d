package hallq.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.config.ConfigLoader;
import hallq.config.HallqConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  /** The lowest count the config accepts: enough to exercise the scheme, quick in a unit test. */
  private static final int ITERATIONS = 10_000;

  private final PasswordHasher hasher = new PasswordHasher(ITERATIONS);

  @Test
  @DisplayName("哈希后可以用原密码验证通过")
  void hashThenVerifyRoundTrips() {
    String stored = hasher.hash("窗口密码-2026");

    assertTrue(stored.startsWith("pbkdf2-sha256$10000$"), stored);
    assertEquals(4, stored.split("\\$").length, stored);
    assertFalse(stored.contains("窗口密码-2026"), stored);
    assertTrue(hasher.verify("窗口密码-2026", stored));
  }

  @Test
  @DisplayName("错误的密码验证失败")
  void wrongPasswordFails() {
    String stored = hasher.hash("hallq-clerk");

    assertFalse(hasher.verify("hallq-clerk ", stored));
    assertFalse(hasher.verify("Hallq-clerk", stored));
    assertFalse(hasher.verify("", stored));
  }

  @Test
  @DisplayName("篡改过的哈希验证失败")
  void tamperedHashFails() {
    String stored = hasher.hash("hallq-clerk");
    String[] parts = stored.split("\\$");

    String otherHash = join(parts[0], parts[1], parts[2], replaceFirstChar(parts[3]));
    String otherSalt = join(parts[0], parts[1], replaceFirstChar(parts[2]), parts[3]);
    String otherIterations = join(parts[0], "10001", parts[2], parts[3]);
    String otherScheme = join("pbkdf2-sha1", parts[1], parts[2], parts[3]);

    assertTrue(hasher.verify("hallq-clerk", stored));
    assertFalse(hasher.verify("hallq-clerk", otherHash));
    assertFalse(hasher.verify("hallq-clerk", otherSalt));
    assertFalse(hasher.verify("hallq-clerk", otherIterations));
    assertFalse(hasher.verify("hallq-clerk", otherScheme));
    assertFalse(hasher.verify("hallq-clerk", "hallq-clerk"), "a plain-text value is no hash");
    assertFalse(hasher.verify("hallq-clerk", join(parts[0], parts[1], parts[2], "not base64!")));
  }

  @Test
  @DisplayName("同一密码两次哈希结果不同（随机盐），都能验证")
  void twoHashesOfOnePasswordDiffer() {
    String first = hasher.hash("hallq-clerk");
    String second = hasher.hash("hallq-clerk");

    assertNotEquals(first, second);
    assertNotEquals(first.split("\\$")[2], second.split("\\$")[2], "each hash has its own salt");
    assertTrue(hasher.verify("hallq-clerk", first));
    assertTrue(hasher.verify("hallq-clerk", second));
  }

  @Test
  @DisplayName("演示配置中的哈希与文档给出的演示密码一致")
  void demoHashesMatchTheDemoPasswords() {
    HallqConfig config = ConfigLoader.load(Path.of("..", "config", "hallq.json"), Map.of());
    PasswordHasher configured = new PasswordHasher(config.auth().pbkdf2Iterations());
    Map<String, String> passwords = Map.of("clerk01", "hallq-clerk", "manager", "hallq-manager", "admin", "hallq-admin");

    for (var user : config.users()) {
      if (passwords.containsKey(user.username())) {
        assertTrue(configured.verify(passwords.get(user.username()), user.passwordHash()), user.username());
        assertFalse(configured.verify("wrong", user.passwordHash()), user.username());
      }
    }
  }

  private static String join(String... parts) {
    return String.join("$", parts);
  }

  private static String replaceFirstChar(String base64) {
    char replacement = base64.charAt(0) == 'A' ? 'B' : 'A';
    return replacement + base64.substring(1);
  }
}
