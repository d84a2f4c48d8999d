package hallq.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HallQ server in its own JVM ({@code target/hallq-server.jar}, built by {@code package}), on a
 * database the caller names, listening on a free loopback port. Used where a test or benchmark needs a
 * real process: to kill it with SIGKILL, or to read its memory. Its log goes to a file beside its config.
 */
public final class ServerProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target", "hallq-server.jar");
  private static final Pattern READY = Pattern.compile("HallQ is ready: http://localhost:(\\d+)/");
  private static final long START_TIMEOUT_MS = 60_000;

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread reaper;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // A test JVM that ends without closing this (a timeout, a crash) must not leave the server running.
    this.reaper = new Thread(process::destroyForcibly, "hallq-server-reaper-" + process.pid());
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** The demo hall's config, changed by {@code tweak}, served from {@code dbUrl} with the given JVM options. */
  public static ServerProcess start(String dbUrl, List<String> jvmOptions, Consumer<JsonObject> tweak) {
    try {
      Path dir = TempDirs.create("hallq-server");
      JsonObject raw = new JsonObject(Files.readString(TestHall.DEMO_CONFIG));
      tweak.accept(raw);
      Path config = dir.resolve("hallq.json");
      Files.writeString(config, raw.encodePrettily());
      Path log = dir.resolve("server.log");
      List<String> command = new ArrayList<>(List.of(javaBinary()));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(key -> key.startsWith("HALLQ_"));
      env.putAll(Map.of(
          "HALLQ_CONFIG", config.toString(),
          "HALLQ_DB_URL", dbUrl,
          "HALLQ_HTTP_PORT", "0",
          "HALLQ_HTTP_HOST", "127.0.0.1",
          "HALLQ_DATA_DIR", dir.resolve("data").toString(),
          "HALLQ_DEMO_SIMULATED_DEVICES", "false"));
      Process process = builder.start();
      try {
        return new ServerProcess(process, awaitReady(process, log), log);
      } catch (RuntimeException | IOException e) {
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ServerProcess start(String dbUrl) {
    return start(dbUrl, List.of("-Xmx512m"), raw -> {});
  }

  private static int awaitReady(Process process, Path log) throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      Matcher ready = READY.matcher(readLog(log));
      if (ready.find()) {
        return Integer.parseInt(ready.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + readLog(log));
      }
      sleep(100);
    }
    throw new IllegalStateException("the server did not start within " + START_TIMEOUT_MS + " ms:\n" + readLog(log));
  }

  /**
   * The log as written so far. Lenient: the server may be in the middle of writing a multi-byte character
   * (the demo hall's names are Chinese), which {@code Files.readString} would reject.
   */
  private static String readLog(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Resident memory of the server's JVM in bytes, from {@code /proc}. */
  public long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for process " + pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook runs, as when the machine loses power or the OOM killer strikes. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
    forgetReaper();
  }

  /** SIGTERM, as an operator's stop: the shutdown hook closes the server. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitFor();
    }
    forgetReaper();
  }

  private void forgetReaper() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) anyway, harmlessly
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server", e);
    }
  }

  /** For messages: the last lines the server logged. */
  public String logTail() {
    try {
      List<String> lines = readLog(log).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
