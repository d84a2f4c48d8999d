package hallq.support;

import hallq.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
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
      database = TempDirs.embeddedPostgres("hallq-test-pg", false, Map.of());
    }
    return database;
  }
}
