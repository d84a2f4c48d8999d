package hallq.bridge.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.sim.SimulatedSerialDevice;
import hallq.bridge.serial.Parity;
import hallq.bridge.serial.SerialSettings;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated device's symlink, pty and reader thread through plug, unplug and close. */
class SimulatedSerialDeviceTest {

  @TempDir
  Path dir;

  @Test
  void theSymlinkFollowsTheCurrentPtyAcrossAReplug() throws Exception {
    try (SimulatedSerialDevice device = new SimulatedSerialDevice("pad-1", dir.resolve("pad-1"))) {
      String first = device.slavePath();
      assertEquals(Path.of(first), Files.readSymbolicLink(device.path()));

      device.unplug();
      assertFalse(Files.exists(device.path(), LinkOption.NOFOLLOW_LINKS));
      assertFalse(device.isPlugged());

      device.plug();
      // The held old pty is gone, so the kernel may hand out the same number again.
      assertEquals(Path.of(device.slavePath()), Files.readSymbolicLink(device.path()));
      assertTrue(device.isPlugged());
    }
  }

  @Test
  void replacesAStaleSymlinkLeftByAnEarlierRun() throws Exception {
    Path link = dir.resolve("printer-kiosk-1");
    Files.createSymbolicLink(link, dir.resolve("gone"));

    try (SimulatedSerialDevice device = new SimulatedSerialDevice("printer-kiosk-1", link)) {
      assertEquals(Path.of(device.slavePath()), Files.readSymbolicLink(link));
    }
  }

  @Test
  void closeRemovesTheSymlinkAndLeavesNoThreadRunning() throws Exception {
    BlockingQueue<byte[]> fed = new LinkedBlockingQueue<>();
    SimulatedSerialDevice device = new SimulatedSerialDevice("keypad-9", dir.resolve("keypad-9"));
    device.start(fed::add);
    assertTrue(deviceThreads("keypad-9") > 0);

    device.close();

    assertFalse(Files.exists(device.path(), LinkOption.NOFOLLOW_LINKS));
    assertEquals(0, deviceThreads("keypad-9"));
    device.send(new byte[] {1});
  }

  @Test
  void aNewPtyAfterPlugIsReadByANewThreadWithTheSameFeed() throws Exception {
    BlockingQueue<byte[]> fed = new LinkedBlockingQueue<>();
    Path link = dir.resolve("printer-2");
    try (SimulatedSerialDevice device = new SimulatedSerialDevice("printer-2", link);
        DevicePort port = new DevicePort(
            SerialSettings.forDevice(device.path().toString(), 9600, Parity.NONE))) {
      device.start(fed::add);
      device.unplug();
      device.plug();

      port.write(new byte[] {7, 8});

      assertArrayEquals(new byte[] {7, 8}, fed.poll(Rig.WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertEquals(1, deviceThreads("printer-2"));
    }
  }

  private static long deviceThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("sim-device " + name) && t.isAlive())
        .count();
  }
}
