package hallq.auth;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.config.HallqConfig.DeviceConfig;
import hallq.config.HallqConfig.Role;
import hallq.db.PgSessionRepository;
import hallq.db.PgSessionRepository.SessionRow;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in for staff, bearer tokens for staff and devices. */
public final class AuthService {
  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
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
  private final Optional<DirectorySignIn> directory;
  private final SessionCache recentSessions = new SessionCache(System::nanoTime);

  public AuthService(Vertx vertx, HallqConfig config, HallClock clock, PgSessionRepository sessions) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.sessions = sessions;
    this.hasher = new PasswordHasher(config.auth().pbkdf2Iterations());
    this.devicesByTokenHash = config.devices().stream()
        .collect(Collectors.toMap(d -> sha256(d.token()), Function.identity()));
    this.decoyHash = hasher.hash("decoy-" + RANDOM.nextLong());
    this.directory = config.directory().enabled() ? Optional.of(new DirectorySignIn(vertx, config.directory())) : Optional.empty();
  }

  /**
   * Checks the password off the event loop. A local account of that name is checked first and
   * alone; any other name goes to the directory when one is configured. A clerk must name the
   * counter they sit at; the token then acts for that counter only. Unknown user and wrong password
   * answer alike, local or directory.
   */
  public Future<Session> login(String username, String password, Integer counterNo) {
    return sessions.findUser(username)
        .compose(local -> local.isPresent() || directory.isEmpty()
            ? checkLocal(local, password)
            : checkDirectory(directory.get(), username, password))
        .compose(user -> {
          Integer counter = counterFor(user, counterNo);
          String token = newToken();
          Instant now = clock.now();
          Instant expiresAt = now.plus(config.auth().sessionTtl());
          boolean onlySession = user.role() == Role.CLERK;
          return sessions.create(sha256(token), user.username(), counter, now, expiresAt, onlySession)
              .onSuccess(v -> {
                if (onlySession) {
                  recentSessions.forgetUser(user.username());
                }
              })
              .map(v -> new Session(token, Principal.user(user.username(), user.role(), counter), user.displayName(), expiresAt));
        });
  }

  /** Ends the directory's worker pool, if there is a directory. */
  public Future<Void> close() {
    return directory.map(DirectorySignIn::close).orElse(Future.succeededFuture());
  }

  /**
   * On a worker, unordered so sign-ins do not queue behind each other; about the same time whether
   * or not the user exists (a missing one is checked against a decoy hash).
   */
  private Future<UserRow> checkLocal(Optional<UserRow> user, String password) {
    return vertx.executeBlocking(() -> hasher.verify(password, user.map(UserRow::passwordHash).orElse(decoyHash)), false)
        .map(ok -> user.filter(u -> ok).orElseThrow(AuthService::invalidCredentials));
  }

  /**
   * A person the directory accepts signs in with the role of their groups. With the right password
   * but a disabled account or no mapped group they are refused (403), and a stored row of theirs is
   * retired with its sessions.
   */
  private Future<UserRow> checkDirectory(DirectorySignIn directory, String username, String password) {
    return directory.signIn(username, password)
        .compose(found -> {
          DirectoryAccount account = found.orElseThrow(AuthService::invalidCredentials);
          if (account.disabled()) {
            return refuse(account, "ACCOUNT_DISABLED", "该账户已在目录中停用 / this account is disabled in the directory");
          }
          if (account.role().isEmpty()) {
            return refuse(account, "NO_ROLE", "该账户不在任何授权的目录组中 / this account is in no directory group that grants a role here");
          }
          return sessions.saveDirectoryUser(account.username(), account.displayName(), account.role().get())
              .map(saved -> saved.orElseThrow(() -> DomainException.forbidden("LOCAL_ACCOUNT_NAME",
                  "本地账户已使用该用户名 / a local account has this name; ask an administrator")));
        })
        .onFailure(e -> {
          if (e instanceof DomainException refusal && refusal.kind() != DomainException.Kind.UNAVAILABLE) {
            LOG.info("Directory sign-in of '{}' refused: {}", DirectorySignIn.loggable(username), refusal.code());
          }
        });
  }

  private <T> Future<T> refuse(DirectoryAccount account, String code, String message) {
    return sessions.retireDirectoryUser(account.username())
        .onSuccess(v -> recentSessions.forgetUser(account.username()))
        .transform(v -> Future.failedFuture(DomainException.forbidden(code, message)));
  }

  private static DomainException invalidCredentials() {
    return DomainException.unauthorized("INVALID_CREDENTIALS", "unknown user or wrong password");
  }

  public Future<Optional<Principal>> authenticate(String bearerToken) {
    String hash = sha256(bearerToken);
    DeviceConfig device = devicesByTokenHash.get(hash);
    if (device != null) {
      return Future.succeededFuture(Optional.of(Principal.device(device.id(), device.type())));
    }
    Instant now = clock.now();
    Optional<Principal> recent = recentSessions.find(hash, now);
    if (recent.isPresent()) {
      return Future.succeededFuture(recent);
    }
    long generation = recentSessions.generation();
    return sessions.find(hash, now).map(found -> {
      found.ifPresent(session -> recentSessions.remember(hash, session.principal(), session.expiresAt(), generation));
      return found.map(SessionRow::principal);
    });
  }

  /** The clerk signed in to this counter's console, for whom its keypad acts. */
  public Future<Optional<String>> clerkAt(int counterNo) {
    return sessions.clerkAt(counterNo, clock.now());
  }

  public Future<Void> logout(String bearerToken) {
    String hash = sha256(bearerToken);
    return sessions.delete(hash).onSuccess(v -> recentSessions.forget(hash));
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
