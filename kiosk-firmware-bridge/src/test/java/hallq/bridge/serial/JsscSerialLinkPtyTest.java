package hallq.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsscSerialLinkPtyTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final List<AutoCloseable> opened = new ArrayList<>();
  private ExecutorService deviceSide;

  @BeforeEach
  void startDeviceSide() {
    deviceSide = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "pty-master-test");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    deviceSide.shutdownNow();
    deviceSide.awaitTermination(5, TimeUnit.SECONDS);
  }

  private Pty pty() throws IOException {
    Pty pty = Pty.open();
    opened.add(pty);
    return pty;
  }

  private JsscSerialLink link(Pty pty, Received received) {
    JsscSerialLink link = JsscSerialLink.open(SerialSettings.of(pty.slavePath(), 9600));
    opened.add(link);
    link.receive(received::add, received::fail);
    return link;
  }

  private byte[] readFromMaster(Pty pty, int count) throws Exception {
    Future<byte[]> read = deviceSide.submit(() -> readExactly(pty.masterInput(), count));
    return read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static byte[] readExactly(InputStream in, int count) throws IOException {
    byte[] buf = new byte[count];
    int got = 0;
    while (got < count) {
      int n = in.read(buf, got, count - got);
      if (n < 0) {
        throw new IOException("EOF after " + got + " of " + count + " bytes");
      }
      got += n;
    }
    return buf;
  }

  private static byte[] allByteValues() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    return all;
  }

  @Test
  void opensPseudoTerminalDespiteSetParamsReturningFalse() throws Exception {
    Pty pty = pty();
    JsscSerialLink link = link(pty, new Received());

    assertEquals(pty.slavePath(), link.portName());
  }

  @Test
  void refusesFalseSetParamsWhenThePortIsNotDeclaredAPty() throws Exception {
    Pty pty = pty();
    SerialSettings realPort = new SerialSettings(
        pty.slavePath(), 9600, Parity.NONE, false, SerialSettings.DEFAULT_POLL_INTERVAL);

    SerialLinkException e =
        assertThrows(SerialLinkException.class, () -> JsscSerialLink.open(realPort));
    assertEquals(pty.slavePath(), e.portName());
  }

  @Test
  void failsToOpenAMissingPortNamingIt() {
    SerialLinkException e = assertThrows(
        SerialLinkException.class,
        () -> JsscSerialLink.open(SerialSettings.of("/dev/pts/does-not-exist", 9600)));

    assertEquals("/dev/pts/does-not-exist", e.portName());
  }

  @Test
  void everyByteValueWrittenToTheLinkArrivesUnchangedAtTheDevice() throws Exception {
    Pty pty = pty();
    JsscSerialLink link = link(pty, new Received());

    link.write(allByteValues());

    assertArrayEquals(allByteValues(), readFromMaster(pty, 256));
  }

  @Test
  void everyByteValueSentByTheDeviceArrivesUnchangedWithoutEcho() throws Exception {
    Pty pty = pty();
    Received received = new Received();
    JsscSerialLink link = link(pty, received);

    pty.masterOutput().write(allByteValues());
    assertArrayEquals(allByteValues(), received.await(256, WAIT));

    // An echo of the 256 bytes would reach the device before this marker.
    link.write(new byte[] {0x7e});
    assertArrayEquals(new byte[] {0x7e}, readFromMaster(pty, 1));
  }

  @Test
  void transfers64KibInEachDirectionComplete() throws Exception {
    byte[] payload = new byte[64 * 1024];
    new Random(42).nextBytes(payload);
    Pty pty = pty();
    Received received = new Received();
    JsscSerialLink link = link(pty, received);

    Future<byte[]> atDevice =
        deviceSide.submit(() -> readExactly(pty.masterInput(), payload.length));
    link.write(payload);
    assertArrayEquals(payload, atDevice.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));

    Future<?> fromDevice = deviceSide.submit(() -> {
      pty.masterOutput().write(payload);
      return null;
    });
    assertArrayEquals(payload, received.await(payload.length, WAIT));
    fromDevice.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void unpluggingTheDeviceIsReportedAsAFailure() throws Exception {
    Pty pty = pty();
    Received received = new Received();
    JsscSerialLink link = link(pty, received);

    pty.close();

    SerialLinkException failure = received.failure.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(pty.slavePath(), failure.portName());
    assertThrows(SerialLinkException.class, () -> link.write(new byte[] {1}));
  }

  @Test
  void aNewLinkOnANewPtyWorksAfterAnUnplug() throws Exception {
    Pty first = pty();
    Received firstReceived = new Received();
    link(first, firstReceived);
    first.close();
    firstReceived.failure.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    Pty second = pty();
    Received received = new Received();
    JsscSerialLink link = link(second, received);

    link.write(new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, readFromMaster(second, 3));
    second.masterOutput().write(new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, received.await(2, WAIT));
  }

  @Test
  void closingTheLinkStopsItsReaderAndRefusesWrites() throws Exception {
    Pty pty = pty();
    JsscSerialLink link = link(pty, new Received());

    link.close();

    assertEquals(0, Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("serial-reader " + pty.slavePath()))
        .count());
    assertThrows(SerialLinkException.class, () -> link.write(new byte[] {1}));
  }
}
