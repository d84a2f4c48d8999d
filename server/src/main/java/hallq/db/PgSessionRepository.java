package hallq.db;

import hallq.auth.Principal;
import hallq.config.HallqConfig.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/** Users and their sign-in sessions; a session is found by the SHA-256 of its bearer token. */
public final class PgSessionRepository {

  /** A user as stored: the hash is only ever compared, never returned to a client. */
  public record UserRow(String username, String displayName, Role role, String passwordHash) {}

  private static final String FIND_USER = """
      SELECT username, display_name, role, password_hash FROM app_user
      WHERE username = $1 AND hall_id = $2 AND active AND source = 'LOCAL'""";

  /** A directory user's row, refreshed at each sign-in; never over an active local account of that name. */
  private static final String SAVE_DIRECTORY_USER = """
      INSERT INTO app_user (username, hall_id, display_name, role, password_hash, active, source)
      VALUES ($1, $2, $3, $4, NULL, true, 'DIRECTORY')
      ON CONFLICT (username) DO UPDATE SET hall_id = excluded.hall_id, display_name = excluded.display_name,
        role = excluded.role, password_hash = NULL, active = true, source = 'DIRECTORY'
      WHERE app_user.source = 'DIRECTORY' OR NOT app_user.active
      RETURNING username""";

  private static final String RETIRE_DIRECTORY_USER =
      "UPDATE app_user SET active = false WHERE username = $1 AND source = 'DIRECTORY'";

  private static final String DELETE_DIRECTORY_USER_SESSIONS = """
      DELETE FROM auth_session s USING app_user u
      WHERE s.username = u.username AND u.username = $1 AND u.source = 'DIRECTORY'""";

  private static final String INSERT_SESSION = """
      INSERT INTO auth_session (token_hash, username, counter_no, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)""";

  private static final String FIND_SESSION = """
      SELECT u.username, u.role, s.counter_no, s.expires_at FROM auth_session s JOIN app_user u ON u.username = s.username
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active AND u.hall_id = $3""";

  private static final String CLERK_AT_COUNTER = """
      SELECT u.username FROM auth_session s JOIN app_user u ON u.username = s.username
      WHERE s.counter_no = $1 AND s.expires_at > $2 AND u.active AND u.hall_id = $3 AND u.role = 'CLERK'
      ORDER BY s.created_at DESC LIMIT 1""";

  private static final String DELETE_SESSION = "DELETE FROM auth_session WHERE token_hash = $1";

  private static final String DELETE_USER_SESSIONS = "DELETE FROM auth_session WHERE username = $1";

  private static final String DELETE_EXPIRED = "DELETE FROM auth_session WHERE expires_at <= $1";

  private final Pool pool;
  private final String hallId;

  public PgSessionRepository(Pool pool, String hallId) {
    this.pool = pool;
    this.hallId = hallId;
  }

  public Future<Optional<UserRow>> findUser(String username) {
    return pool.preparedQuery(FIND_USER)
        .execute(Tuple.of(username, hallId))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Row row = it.next();
          return Optional.of(new UserRow(row.getString("username"), row.getString("display_name"),
              Role.valueOf(row.getString("role")), row.getString("password_hash")));
        });
  }

  /** Stores a person the directory accepted; empty when an active local account has that name. */
  public Future<Optional<UserRow>> saveDirectoryUser(String username, String displayName, Role role) {
    return pool.preparedQuery(SAVE_DIRECTORY_USER)
        .execute(Tuple.of(username, hallId, displayName, role.name()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new UserRow(username, displayName, role, null)));
  }

  /** A directory user the directory now refuses (disabled, no mapped group): their sessions end. */
  public Future<Void> retireDirectoryUser(String username) {
    return pool.withTransaction(sql -> sql.preparedQuery(RETIRE_DIRECTORY_USER)
        .execute(Tuple.of(username))
        .compose(v -> sql.preparedQuery(DELETE_DIRECTORY_USER_SESSIONS).execute(Tuple.of(username)))
        .mapEmpty());
  }

  /** The clerk signed in to this counter now, if any. */
  public Future<Optional<String>> clerkAt(int counterNo, Instant now) {
    return pool.preparedQuery(CLERK_AT_COUNTER)
        .execute(Tuple.of(counterNo, PgTicketRepository.time(now), hallId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("username")));
  }

  /**
   * Opens a session; {@code only} ends the user's other sessions first (a clerk sits at one counter
   * at a time). Expired sessions are swept on the way.
   */
  public Future<Void> create(String tokenHash, String username, Integer counterNo, Instant now, Instant expiresAt, boolean only) {
    return pool.withTransaction(sql -> sql.preparedQuery(DELETE_EXPIRED)
        .execute(Tuple.of(PgTicketRepository.time(now)))
        .compose(v -> only ? sql.preparedQuery(DELETE_USER_SESSIONS).execute(Tuple.of(username)) : Future.succeededFuture())
        .compose(v -> sql.preparedQuery(INSERT_SESSION).execute(Tuple.of(tokenHash, username, counterNo,
            PgTicketRepository.time(now), PgTicketRepository.time(expiresAt))))
        .mapEmpty());
  }

  /** A session found by its token: who it acts for, until when. */
  public record SessionRow(Principal principal, Instant expiresAt) {}

  public Future<Optional<SessionRow>> find(String tokenHash, Instant now) {
    return pool.preparedQuery(FIND_SESSION)
        .execute(Tuple.of(tokenHash, PgTicketRepository.time(now), hallId))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Row row = it.next();
          return Optional.of(new SessionRow(Principal.user(row.getString("username"), Role.valueOf(row.getString("role")),
              row.getInteger("counter_no")), row.getOffsetDateTime("expires_at").toInstant()));
        });
  }

  public Future<Void> delete(String tokenHash) {
    return pool.preparedQuery(DELETE_SESSION).execute(Tuple.of(tokenHash)).mapEmpty();
  }
}
