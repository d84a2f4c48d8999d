package hallq.bridge;

import java.util.HexFormat;

/** Golden vectors are written as in DEVICES.md: space-separated hex bytes. */
public final class Hex {

  private Hex() {
  }

  public static byte[] bytes(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  public static String spaced(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }
}
