package hallq.bridge.escpos;

import java.util.HexFormat;

/** Golden vectors are written as in DEVICES.md: space-separated hex bytes. */
final class Hex {

  private Hex() {
  }

  static byte[] bytes(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  static String spaced(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }
}
