package hallq.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the database itself (down, restarting, unreachable, no connection free in time)
 * from a failure of the request: the first is worth a 503 and a retry, the second is a bug or a refusal.
 */
public final class DatabaseUnavailable {
  private DatabaseUnavailable() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // Refused or reset connections (a reset found while writing is a plain IOException), a connection
      // lost mid-query, no pool connection free in time.
      if (t instanceof IOException || t instanceof ClosedConnectionException || t instanceof TimeoutException) {
        return true;
      }
      // SQLSTATE class 08: connection exception; class 57P: operator intervention (shutdown, cannot connect now).
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
