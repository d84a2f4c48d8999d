package hallq.bridge.led;

import java.util.Locale;

/**
 * A counter LED sign's wire protocol, chosen per device in config by {@link #name()}. Pure: it
 * builds bytes and reads replies; the serial link, timeouts and retries belong to the caller.
 * Another vendor's sign is one more implementation plus its name in {@link #forName}.
 */
public interface LedProtocol {

  /** Codec name of the Onbon BX-5K / 5MK controllers, {@link Bx5kLedProtocol}. */
  String BX5K = "BX5K";

  /** Codec name of the Modbus RTU digit displays, {@link ModbusDigitDisplay}. */
  String MODBUS_DIGITS = "MODBUS_DIGITS";

  /** @return the codec name used in config, e.g. {@value #BX5K} */
  String name();

  /**
   * @return the bytes to write for {@code content}: one frame, or several concatenated, each
   *     answered by the sign
   */
  byte[] request(LedContent content);

  /** @return a fresh reader for the reply to one {@link #request(LedContent)} */
  LedReplyReader newReplyReader();

  /**
   * The protocol for a device in config.
   *
   * @param codec {@value #BX5K} or {@value #MODBUS_DIGITS}, in any letter case
   * @param address the BX-5K screen address (0..65535) or the Modbus unit id (1..247)
   * @throws IllegalArgumentException for an unknown codec, naming it, or an address out of range
   */
  static LedProtocol forName(String codec, int address) {
    String name = codec == null ? "" : codec.trim().toUpperCase(Locale.ROOT);
    return switch (name) {
      case BX5K -> new Bx5kLedProtocol(address);
      case MODBUS_DIGITS -> new ModbusDigitDisplay(address);
      default -> throw new IllegalArgumentException("unknown LED codec '" + codec
          + "'; known: " + BX5K + ", " + MODBUS_DIGITS);
    };
  }
}
