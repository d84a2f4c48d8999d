package hallq.bridge.serial;

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

  /** @return a copy with the given parity */
  public SerialSettings withParity(Parity newParity) {
    return new SerialSettings(path, baudRate, newParity, pseudoTerminal, pollInterval);
  }
}
