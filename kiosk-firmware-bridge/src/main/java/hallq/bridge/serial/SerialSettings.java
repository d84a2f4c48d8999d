package hallq.bridge.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a port: always 8 data bits and 1 stop bit.
 *
 * @param path the device path; prefer {@code /dev/serial/by-id/...}, which survives a replug
 * @param baudRate bits per second, e.g. 9600
 * @param parity the frame parity
 * @param pseudoTerminal whether the path is a pty, where failing to set line parameters is
 *     expected (a pty has no modem lines) and only logged
 * @param pollInterval how long the reader waits when the driver holds no bytes
 */
public record SerialSettings(
    String path, int baudRate, Parity parity, boolean pseudoTerminal, Duration pollInterval) {

  /**
   * The reader's wait between empty polls. At most about 10 bytes at 9600 baud wait that long
   * in a 4 KiB driver buffer; an idle port costs about 1% of a core (2 ms costs about 2.4%).
   */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(10);

  public SerialSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(parity, "parity");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (baudRate <= 0) {
      throw new IllegalArgumentException("baudRate must be positive: " + baudRate);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
  }

  /**
   * Settings with no parity, treating paths under {@code /dev/pts/} as pseudo-terminals.
   *
   * @param path the device path
   * @param baudRate bits per second
   * @return the settings
   */
  public static SerialSettings of(String path, int baudRate) {
    return new SerialSettings(
        path, baudRate, Parity.NONE, path.startsWith("/dev/pts/"), DEFAULT_POLL_INTERVAL);
  }

  /**
   * Settings for a configured device path, which is usually a stable symlink such as
   * {@code /dev/serial/by-id/...}: whether it is a pseudo-terminal is decided on the path's real
   * target (see {@link #isPseudoTerminal(String)}), since a symlink hides the {@code /dev/pts/}
   * prefix that {@link #of(String, int)} looks at.
   *
   * @param path the device path, possibly a symlink
   * @param baudRate bits per second
   * @param parity the frame parity
   * @return the settings, with the default poll interval
   */
  public static SerialSettings forDevice(String path, int baudRate, Parity parity) {
    Objects.requireNonNull(path, "path");
    return new SerialSettings(
        path, baudRate, parity, isPseudoTerminal(path), DEFAULT_POLL_INTERVAL);
  }

  /**
   * Whether the path, after following symlinks, is under {@code /dev/pts/}. A path that does not
   * exist (a device unplugged, its symlink gone) is judged by its own name.
   *
   * @param path the device path, possibly a symlink
   * @return true for a pseudo-terminal slave
   */
  public static boolean isPseudoTerminal(String path) {
    String real = path;
    try {
      Path file = Path.of(path);
      if (Files.exists(file)) {
        real = file.toRealPath().toString();
      }
    } catch (IOException | RuntimeException e) {
      // Unresolvable (removed in between, or not a valid path): fall back to the name as given.
    }
    return real.startsWith("/dev/pts/");
  }

  /** @return a copy with the given parity */
  public SerialSettings withParity(Parity newParity) {
    return new SerialSettings(path, baudRate, newParity, pseudoTerminal, pollInterval);
  }
}
