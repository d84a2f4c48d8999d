package hallq.bridge.serial;

import static hallq.bridge.serial.PosixTerminals.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A pseudo-terminal pair made in-process: the slave path stands in for a device's serial port,
 * the master streams are the device's end of the wire.
 *
 * <p>The slave is put in raw mode (no echo, no CR/LF translation, no signals) and one slave
 * descriptor is held open for the pair's life, so the master neither reports EIO nor loses
 * the raw settings while no link has the slave open. {@link #close()} releases both, which
 * hangs up any open slave: that is how a test unplugs the device.
 */
public final class Pty implements AutoCloseable {

  private static final int POLL_SLICE_MILLIS = 50;

  private final int master;
  private final int slave;
  private final String slavePath;
  private final InputStream in = new MasterInput();
  private final OutputStream out = new MasterOutput();
  private volatile boolean closed;

  private Pty(int master, int slave, String slavePath) {
    this.master = master;
    this.slave = slave;
    this.slavePath = slavePath;
  }

  /**
   * Opens a new pair with {@code posix_openpt}, {@code grantpt}, {@code unlockpt} and
   * {@code ptsname_r}, and makes the slave raw with {@code cfmakeraw}.
   *
   * @return the open pair
   * @throws IOException if any call fails
   */
  public static Pty open() throws IOException {
    int master = check(LIBC.posix_openpt(PosixTerminals.O_RDWR | PosixTerminals.O_NOCTTY),
        "posix_openpt");
    try {
      check(LIBC.grantpt(master), "grantpt");
      check(LIBC.unlockpt(master), "unlockpt");
      String path = slaveName(master);
      int slave = check(LIBC.open(path, PosixTerminals.O_RDWR | PosixTerminals.O_NOCTTY),
          "open " + path);
      try {
        makeRaw(slave);
      } catch (IOException e) {
        LIBC.close(slave);
        throw e;
      }
      return new Pty(master, slave, path);
    } catch (IOException e) {
      LIBC.close(master);
      throw e;
    }
  }

  private static String slaveName(int master) throws IOException {
    byte[] buf = new byte[128];
    int err = LIBC.ptsname_r(master, buf, new NativeLong(buf.length));
    if (err != 0) {
      throw new IOException("ptsname_r failed: errno " + err);
    }
    int end = 0;
    while (end < buf.length && buf[end] != 0) {
      end++;
    }
    return new String(buf, 0, end, StandardCharsets.US_ASCII);
  }

  private static void makeRaw(int fd) throws IOException {
    try (Memory termios = new Memory(PosixTerminals.TERMIOS_SIZE)) {
      termios.clear();
      check(LIBC.tcgetattr(fd, termios), "tcgetattr");
      LIBC.cfmakeraw(termios);
      check(LIBC.tcsetattr(fd, PosixTerminals.TCSANOW, termios), "tcsetattr");
    }
  }

  private static int check(int result, String call) throws IOException {
    if (result < 0) {
      throw new IOException(call + " failed: errno " + Native.getLastError());
    }
    return result;
  }

  /** @return the slave device path, e.g. {@code /dev/pts/7}, for a serial link to open */
  public String slavePath() {
    return slavePath;
  }

  /** @return the bytes the link wrote; read blocks until data arrives or the pair is closed */
  public InputStream masterInput() {
    return in;
  }

  /** @return the device's transmit side: bytes written here arrive at the link */
  public OutputStream masterOutput() {
    return out;
  }

  /** Closes the master and the held slave descriptor, hanging up the slave. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LIBC.close(master);
    LIBC.close(slave);
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("pty " + slavePath + " is closed");
    }
  }

  /** Reads by polling in short slices so a reader notices {@link #close()} instead of hanging. */
  private final class MasterInput extends InputStream {

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      try (Memory pollFd = new Memory(PosixTerminals.POLLFD_SIZE)) {
        while (true) {
          if (closed) {
            return -1;
          }
          pollFd.setInt(0, master);
          pollFd.setShort(4, PosixTerminals.POLLIN);
          pollFd.setShort(6, (short) 0);
          int ready = LIBC.poll(pollFd, new NativeLong(1), POLL_SLICE_MILLIS);
          if (ready < 0 && Native.getLastError() != PosixTerminals.EINTR) {
            throw new IOException("poll failed: errno " + Native.getLastError());
          }
          if (ready > 0) {
            return readReady(b, off, len);
          }
        }
      }
    }

    private int readReady(byte[] b, int off, int len) throws IOException {
      byte[] buf = new byte[len];
      long n = LIBC.read(master, buf, new NativeLong(len)).longValue();
      if (n < 0) {
        if (closed) {
          return -1;
        }
        throw new IOException("read failed: errno " + Native.getLastError());
      }
      if (n == 0) {
        return -1;
      }
      System.arraycopy(buf, 0, b, off, (int) n);
      return (int) n;
    }
  }

  private final class MasterOutput extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      byte[] rest = Arrays.copyOfRange(b, off, off + len);
      while (rest.length > 0) {
        ensureOpen();
        long n = LIBC.write(master, rest, new NativeLong(rest.length)).longValue();
        if (n < 0) {
          int errno = Native.getLastError();
          if (errno == PosixTerminals.EINTR || errno == PosixTerminals.EAGAIN) {
            continue;
          }
          throw new IOException("write failed: errno " + errno);
        }
        rest = Arrays.copyOfRange(rest, (int) n, rest.length);
      }
    }
  }
}
