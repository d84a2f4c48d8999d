package hallq.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pair alone, with plain file streams on the slave: jssc's termios is not involved. */
class PtyTest {

  private static final long WAIT_MILLIS = 5000;

  private Pty pty;
  private FileInputStream slaveIn;
  private FileOutputStream slaveOut;
  private ExecutorService readers;

  @BeforeEach
  void open() throws IOException {
    pty = Pty.open();
    slaveIn = new FileInputStream(pty.slavePath());
    slaveOut = new FileOutputStream(pty.slavePath());
    readers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "pty-test-reader");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void close() throws Exception {
    // Closing the master hangs up the slave, which releases a reader blocked on it.
    pty.close();
    slaveIn.close();
    slaveOut.close();
    readers.shutdownNow();
    readers.awaitTermination(5, TimeUnit.SECONDS);
  }

  private byte[] readExactly(InputStream in, int count) throws Exception {
    Future<byte[]> read = readers.submit(() -> {
      byte[] buf = new byte[count];
      int got = 0;
      while (got < count) {
        int n = in.read(buf, got, count - got);
        if (n < 0) {
          throw new IOException("EOF after " + got + " bytes");
        }
        got += n;
      }
      return buf;
    });
    return read.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static byte[] allByteValues() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    return all;
  }

  @Test
  void slavePathIsADevicePseudoTerminal() {
    assertTrue(pty.slavePath().startsWith("/dev/pts/"), pty.slavePath());
  }

  @Test
  void slaveOutputIsNotTranslated() throws Exception {
    slaveOut.write(allByteValues());

    assertArrayEquals(allByteValues(), readExactly(pty.masterInput(), 256));
  }

  @Test
  void slaveInputIsNotTranslatedNorEchoed() throws Exception {
    pty.masterOutput().write(allByteValues());
    assertArrayEquals(allByteValues(), readExactly(slaveIn, 256));

    // An echo of the 256 bytes would reach the master before this marker.
    slaveOut.write(0x7e);
    assertArrayEquals(new byte[] {0x7e}, readExactly(pty.masterInput(), 1));
  }

  @Test
  void closedMasterInputReportsEndOfStream() throws Exception {
    pty.close();

    assertEquals(-1, pty.masterInput().read());
  }
}
