package hallq.auth;

import com.unboundid.ldap.sdk.LDAPException;
import hallq.DomainException;
import hallq.config.HallqConfig.Directory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directory sign-ins on a small worker pool of their own: a slow or dead directory holds at most
 * {@code maxConcurrent} threads, never an event loop nor the workers that hash local passwords.
 */
final class DirectorySignIn {
  private static final Logger LOG = LoggerFactory.getLogger(DirectorySignIn.class);
  private static final String POOL_NAME = "hallq-directory";

  private final LdapDirectory directory;
  private final WorkerExecutor workers;

  DirectorySignIn(Vertx vertx, Directory config) {
    this.directory = new LdapDirectory(config);
    this.workers = vertx.createSharedWorkerExecutor(POOL_NAME, config.maxConcurrent());
  }

  /** See {@link LdapDirectory#signIn}; a directory that cannot answer fails the sign-in with 503 DIRECTORY_UNAVAILABLE. */
  Future<Optional<DirectoryAccount>> signIn(String username, String password) {
    return workers.<Optional<DirectoryAccount>>executeBlocking(() -> directory.signIn(username, password), false)
        .recover(failure -> {
          if (!(failure instanceof LDAPException ldap)) {
            return Future.failedFuture(failure);
          }
          LOG.warn("Directory sign-in of '{}' failed: {}", loggable(username), ldap.getExceptionMessage());
          return Future.failedFuture(DomainException.unavailable("DIRECTORY_UNAVAILABLE",
              "目录服务暂不可用，请稍后再试 / the staff directory cannot be reached; try again in a few seconds"));
        });
  }

  /** A name as typed, safe for one log line. */
  static String loggable(String username) {
    return username.replaceAll("\\p{Cntrl}", "?");
  }

  Future<Void> close() {
    return workers.close();
  }
}
