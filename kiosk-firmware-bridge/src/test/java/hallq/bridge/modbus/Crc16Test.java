package hallq.bridge.modbus;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16Test {

  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void arcCheckValueIsBb3d() {
    assertEquals(0xBB3D, Crc16.ARC.compute(CHECK));
  }

  @Test
  void modbusCheckValueIs4b37() {
    assertEquals(0x4B37, Crc16.MODBUS.compute(CHECK));
  }

  @Test
  void modbusMatchesTheWriteMultipleRegistersVector() {
    byte[] frame = Hex.bytes("01 10 00 00 00 01 02 00 02 27 91");
    assertEquals(0x9127, Crc16.MODBUS.compute(frame, 0, frame.length - 2));
    assertTrue(Crc16.MODBUS.matchesTrailer(frame, 0, frame.length - 2));
  }

  @Test
  void modbusMatchesTheWriteMultipleRegistersReplyVector() {
    byte[] frame = Hex.bytes("01 10 00 00 00 01 01 C9");
    assertEquals(0xC901, Crc16.MODBUS.compute(frame, 0, frame.length - 2));
  }

  @Test
  void modbusMatchesTheWriteSingleRegisterVector() {
    byte[] frame = Hex.bytes("01 06 00 00 00 01 48 0A");
    assertEquals(0x0A48, Crc16.MODBUS.compute(frame, 0, frame.length - 2));
  }

  @Test
  void arcMatchesTheBx5kPingBody() {
    byte[] body = Hex.bytes("01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A2 00 01 00 00");
    assertEquals(0xF868, Crc16.ARC.compute(body));
  }

  @Test
  void arcMatchesTheBx5kStatusAndClearScreenBodies() {
    String header = "01 00 00 80 00 00 00 00 00 00 FE 02 05 00 ";
    assertEquals(0x402D, Crc16.ARC.compute(Hex.bytes(header + "A1 02 01 00 00")));
    assertEquals(0xF851, Crc16.ARC.compute(Hex.bytes(header + "A3 10 01 00 00")));
  }

  @Test
  void theVariantsDisagreeOnTheSameBytes() {
    byte[] body = Hex.bytes("01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A2 00 01 00 00");
    byte[] modbus = Hex.bytes("01 06 00 00 00 01 48 0A");
    assertFalse(Crc16.ARC.compute(body) == Crc16.MODBUS.compute(body));
    assertFalse(Crc16.ARC.matchesTrailer(modbus, 0, modbus.length - 2));
  }

  @Test
  void computesOverASlice() {
    byte[] padded = new byte[CHECK.length + 4];
    System.arraycopy(CHECK, 0, padded, 2, CHECK.length);
    assertEquals(0x4B37, Crc16.MODBUS.compute(padded, 2, CHECK.length));
  }
}
