package hallq.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deciding "pseudo-terminal" on a symlink's real target, as by-id style configs need. */
class SerialSettingsForDeviceTest {

  @TempDir
  Path dir;

  @Test
  void aSymlinkToAPtyIsAPseudoTerminalThoughItsNameIsNot() throws Exception {
    try (Pty pty = Pty.open()) {
      Path link = Files.createSymbolicLink(dir.resolve("usb-printer"), Path.of(pty.slavePath()));

      SerialSettings settings = SerialSettings.forDevice(link.toString(), 9600, Parity.EVEN);

      assertTrue(settings.pseudoTerminal());
      assertEquals(link.toString(), settings.path());
      assertEquals(9600, settings.baudRate());
      assertEquals(Parity.EVEN, settings.parity());
      assertEquals(SerialSettings.DEFAULT_POLL_INTERVAL, settings.pollInterval());
      assertFalse(SerialSettings.of(link.toString(), 9600).pseudoTerminal());
    }
  }

  @Test
  void aSymlinkedPtyOpensThroughJssc() throws Exception {
    try (Pty pty = Pty.open()) {
      Path link = Files.createSymbolicLink(dir.resolve("pad"), Path.of(pty.slavePath()));

      JsscSerialLink opened =
          JsscSerialLink.open(SerialSettings.forDevice(link.toString(), 9600, Parity.NONE));

      opened.close();
    }
  }

  @Test
  void aRegularFileOrAMissingPathIsJudgedByItsName() throws Exception {
    Path file = Files.createFile(dir.resolve("ttyUSB0"));

    assertFalse(SerialSettings.forDevice(file.toString(), 9600, Parity.NONE).pseudoTerminal());
    assertFalse(SerialSettings.isPseudoTerminal(dir.resolve("missing").toString()));
    assertTrue(SerialSettings.isPseudoTerminal("/dev/pts/does-not-exist"));
  }

  @Test
  void aDirectPtsPathIsAPseudoTerminal() throws Exception {
    try (Pty pty = Pty.open()) {
      assertTrue(SerialSettings.forDevice(pty.slavePath(), 9600, Parity.NONE).pseudoTerminal());
    }
  }
}
