package hallq.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.config.HallqConfig.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
  private static final Instant EXPIRES = NOW.plusSeconds(3600);
  private static final Principal CLERK = Principal.user("clerk03", Role.CLERK, 3);

  private final AtomicLong nanos = new AtomicLong(5_000);
  private final SessionCache cache = new SessionCache(nanos::get);

  @Test
  @DisplayName("一秒内复用，满一秒后须重新查库")
  void freshForOneSecond() {
    cache.remember("h", CLERK, EXPIRES, cache.generation());
    nanos.addAndGet(SessionCache.FRESH_NANOS - 1);
    assertEquals(Optional.of(CLERK), cache.find("h", NOW));
    nanos.addAndGet(1);
    assertTrue(cache.find("h", NOW).isEmpty());
  }

  @Test
  @DisplayName("会话到期即不再接受，即使仍在一秒内")
  void neverPastExpiry() {
    cache.remember("h", CLERK, EXPIRES, cache.generation());
    assertEquals(Optional.of(CLERK), cache.find("h", EXPIRES.minusMillis(1)));
    assertTrue(cache.find("h", EXPIRES).isEmpty());
  }

  @Test
  @DisplayName("注销、同一用户重新登录：立即遗忘；遗忘之前开始的查询不得放回")
  void forgottenAtOnceAndNotPutBack() {
    cache.remember("a", CLERK, EXPIRES, cache.generation());
    cache.remember("b", CLERK, EXPIRES, cache.generation());
    cache.remember("m", Principal.user("manager", Role.MANAGER, null), EXPIRES, cache.generation());
    long before = cache.generation();
    cache.forgetUser("clerk03");
    assertTrue(cache.find("a", NOW).isEmpty());
    assertTrue(cache.find("b", NOW).isEmpty());
    assertTrue(cache.find("m", NOW).isPresent(), "another user's session stays");
    cache.remember("a", CLERK, EXPIRES, before);
    assertTrue(cache.find("a", NOW).isEmpty(), "a lookup that read the database before the sign-out puts nothing back");
    long beforeLogout = cache.generation();
    cache.forget("m");
    cache.remember("m", Principal.user("manager", Role.MANAGER, null), EXPIRES, beforeLogout);
    assertTrue(cache.find("m", NOW).isEmpty());
  }
}
