package hallq.bridge.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import org.junit.jupiter.api.Test;

class LedProtocolTest {

  private static final LedContent CALL = new LedContent.Call("A012", 3);

  @Test
  void bx5kCodecAddressesTheGivenScreen() {
    LedProtocol protocol = LedProtocol.forName("BX5K", 1);
    assertInstanceOf(Bx5kLedProtocol.class, protocol);
    assertEquals("BX5K", protocol.name());
    assertEquals(Bx5kLedProtocolTest.CALL_A012_TO_3, Hex.spaced(protocol.request(CALL)));
  }

  @Test
  void modbusDigitsCodecAddressesTheGivenUnit() {
    LedProtocol protocol = LedProtocol.forName("MODBUS_DIGITS", 1);
    assertInstanceOf(ModbusDigitDisplay.class, protocol);
    assertEquals("MODBUS_DIGITS", protocol.name());
    assertEquals(ModbusDigitDisplayTest.CALL_A012_TO_3, Hex.spaced(protocol.request(CALL)));
    assertEquals(7, LedProtocol.forName(" modbus_digits ", 7).request(CALL)[0]);
  }

  @Test
  void unknownCodecIsNamedInTheError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LedProtocol.forName("SWIFT_LED", 1));
    assertTrue(e.getMessage().contains("SWIFT_LED"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LedProtocol.forName(null, 1));
  }

  @Test
  void addressesOutOfRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LedProtocol.forName("BX5K", 0x10000));
    assertThrows(IllegalArgumentException.class, () -> LedProtocol.forName("MODBUS_DIGITS", 0));
    assertThrows(IllegalArgumentException.class, () -> LedProtocol.forName("MODBUS_DIGITS", 248));
  }
}
