package hallq.auth;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.config.HallqConfig.Role;
import hallq.db.PgSessionRepository;
import hallq.db.PgSessionRepository.UserRow;
import hallq.queue.HallClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Sign-in for staff, bearer tokens for staff and devices. */
public final class AuthService {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new session: the bearer token is shown once, here, and stored only as a hash. */
  public record Session(String token, Principal principal, String displayName, Instant expiresAt) {}

  private final Vertx vertx;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgSessionRepository sessions;
  private final PasswordHasher hasher;
  private final Map<String, DeviceConfig> devicesByTokenHash;
  private final String decoyHash;

  public AuthService(Vertx vertx, HallqConfig config, HallClock clock, PgSessionRepository sessions) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.sessions = sessions;
    this.hasher = new PasswordHasher(config.auth().pbkdf2Iterations());
    this.devicesByTokenHash = config.devices().stream()
        .collect(Collectors.toMap(d -> sha256(d.token()), Function.identity()));
    this.decoyHash = hasher.hash("decoy-" + RANDOM.nextLong());
  }

  /**
   * Checks the password on a worker thread (unordered, so sign-ins do not queue behind each other). A clerk must name the counter they sit at; the token
   * then acts for that counter only. Unknown user and wrong password answer alike, in about the
   * same time.
   */
  public Future<Session> login(String username, String password, Integer counterNo) {
    return sessions.findUser(username)
        .compose(user -> vertx.executeBlocking(() -> hasher.verify(password, user.map(UserRow::passwordHash).orElse(decoyHash)), false)
            .map(ok -> user.filter(u -> ok)
                .orElseThrow(() -> DomainException.unauthorized("INVALID_CREDENTIALS", "unknown user or wrong password"))))
        .compose(user -> {
          Integer counter = counterFor(user, counterNo);
          String token = newToken();
          Instant now = clock.now();
          Instant expiresAt = now.plus(config.auth().sessionTtl());
          return sessions.create(sha256(token), user.username(), counter, now, expiresAt, user.role() == Role.CLERK)
              .map(v -> new Session(token, Principal.user(user.username(), user.role(), counter), user.displayName(), expiresAt));
        });
  }

  public Future<Optional<Principal>> authenticate(String bearerToken) {
    String hash = sha256(bearerToken);
    DeviceConfig device = devicesByTokenHash.get(hash);
    if (device != null) {
      return Future.succeededFuture(Optional.of(Principal.device(device.id(), device.type())));
    }
    return sessions.find(hash, clock.now());
  }

  /** The clerk signed in to this counter's console, for whom its keypad acts. */
  public Future<Optional<String>> clerkAt(int counterNo) {
    return sessions.clerkAt(counterNo, clock.now());
  }

  public Future<Void> logout(String bearerToken) {
    return sessions.delete(sha256(bearerToken));
  }

  private Integer counterFor(UserRow user, Integer counterNo) {
    if (user.role() == Role.CLERK && counterNo == null) {
      throw DomainException.invalid("counterNo", "a clerk signs in to a counter");
    }
    if (counterNo != null && config.counter(counterNo).isEmpty()) {
      throw DomainException.invalid("counterNo", "no counter " + counterNo + " in this hall");
    }
    return counterNo;
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
