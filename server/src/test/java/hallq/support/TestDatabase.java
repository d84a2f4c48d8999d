package hallq.support;

import hallq.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL for the whole test JVM (fast settings: fsync off), and a fresh,
 * empty database in it for each test server.
 */
public final class TestDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static Database database;

  private TestDatabase() {}

  /** A {@code postgresql://} URL of a new, empty database. */
  public static synchronized String newDatabaseUrl() {
    return createDatabase(instance(), "hallq_test_" + DATABASES.incrementAndGet());
  }

  /** Creates database {@code name} in a running PostgreSQL; returns its {@code postgresql://} URL. */
  public static String createDatabase(Database database, String name) {
    var options = database.connectOptions();
    String admin = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/postgres";
    try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return "postgresql://postgres@" + options.getHost() + ":" + options.getPort() + "/" + name;
  }

  private static Database instance() {
    if (database == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("hallq-test-pg");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Database started = Database.startEmbedded(dir, false);
      database = started;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.closeAndDelete(started, dir), "test-postgres-stop"));
    }
    return database;
  }
}
