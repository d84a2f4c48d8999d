package hallq.bridge.led;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;

/**
 * Text for a BX-5K real-time dynamic area, the data of command {@code A3 06}.
 *
 * <p><b>Unverified layout.</b> The field order below follows the public BX-5K protocol write-up;
 * unlike the ping, status and clear-screen frames it has no known-good capture, so check it
 * against a real controller before relying on it. All multi-byte fields are little-endian:
 * <pre>
 * DeleteAreaNum(1) = 00   AreaNum(1) = 01   AreaDataLen(2)
 * area: AreaType(1) = 00  AreaX(2, 8-pixel units)  AreaY(2, pixels)
 *       AreaWidth(2, 8-pixel units)  AreaHeight(2, pixels)  DynamicAreaLoc(1) = area id
 *       LinesSizes(1) = 00  RunMode(1) = 00  Timeout(2) = 0  Reserved(3)
 *       SingleLine(1) = 01  NewLine(1) = 01  DisplayMode(1)  ExitMode(1) = 00
 *       Speed(1)  StayTime(1)  TextLen(4)  text (GB2312)
 * </pre>
 * AreaDataLen counts the area bytes from AreaType to the end of the text.
 *
 * @param areaId dynamic area number, 0..255
 * @param x left edge in 8-pixel units
 * @param y top edge in pixels
 * @param width width in 8-pixel units
 * @param height height in pixels
 * @param mode display mode
 * @param speed speed level as the controller defines it, 0..255
 * @param stayTime how long a page stays, 0..255, in the controller's unit
 * @param text characters that GB2312 can encode
 */
public record DynamicAreaText(
    int areaId,
    int x,
    int y,
    int width,
    int height,
    DisplayMode mode,
    int speed,
    int stayTime,
    String text) {

  private static final Charset GB2312 = Charset.forName("GB2312");
  private static final int AREA_FIXED_LENGTH = 27;

  public DynamicAreaText {
    requireByte("areaId", areaId);
    requireWord("x", x);
    requireWord("y", y);
    requireWord("width", width);
    requireWord("height", height);
    requireByte("speed", speed);
    requireByte("stayTime", stayTime);
    if (mode == null || text == null) {
      throw new IllegalArgumentException("mode and text are required");
    }
  }

  /** The {@code A3 06} data bytes, before framing. */
  byte[] encode() {
    byte[] textBytes = gb2312(text);
    int areaLength = AREA_FIXED_LENGTH + textBytes.length;
    ByteBuffer out = ByteBuffer.allocate(4 + areaLength).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x00)
        .put((byte) 0x01)
        .putShort((short) areaLength)
        .put((byte) 0x00)
        .putShort((short) x)
        .putShort((short) y)
        .putShort((short) width)
        .putShort((short) height)
        .put((byte) areaId)
        .put((byte) 0x00)
        .put((byte) 0x00)
        .putShort((short) 0)
        .put(new byte[3])
        .put((byte) 0x01)
        .put((byte) 0x01)
        .put((byte) mode.code())
        .put((byte) 0x00)
        .put((byte) speed)
        .put((byte) stayTime)
        .putInt(textBytes.length)
        .put(textBytes);
    return out.array();
  }

  /**
   * The controller's side of {@code A3 06}: reads data laid out as {@link #encode()} writes it,
   * after skipping any area ids to delete. For simulators; never throws.
   *
   * @return the one area the data carries, or empty if the data is not exactly one well-formed
   *     area (lengths disagree, unknown display mode, text that is not GB2312)
   */
  public static Optional<DynamicAreaText> decode(byte[] data) {
    if (data.length < 1) {
      return Optional.empty();
    }
    int start = 1 + (data[0] & 0xFF);
    if (data.length < start + 3 || data[start] != 0x01) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(data, start + 1, data.length - start - 1)
        .order(ByteOrder.LITTLE_ENDIAN);
    int areaLength = Short.toUnsignedInt(in.getShort());
    if (areaLength < AREA_FIXED_LENGTH || in.remaining() != areaLength) {
      return Optional.empty();
    }
    in.get();
    int x = Short.toUnsignedInt(in.getShort());
    int y = Short.toUnsignedInt(in.getShort());
    int width = Short.toUnsignedInt(in.getShort());
    int height = Short.toUnsignedInt(in.getShort());
    int areaId = Byte.toUnsignedInt(in.get());
    // LinesSizes, RunMode, Timeout, Reserved, SingleLine, NewLine: fixed by encode()
    in.position(in.position() + 1 + 1 + 2 + 3 + 1 + 1);
    Optional<DisplayMode> mode = DisplayMode.fromWire(Byte.toUnsignedInt(in.get()));
    in.get();
    int speed = Byte.toUnsignedInt(in.get());
    int stayTime = Byte.toUnsignedInt(in.get());
    long textLength = Integer.toUnsignedLong(in.getInt());
    if (mode.isEmpty() || textLength != in.remaining()) {
      return Optional.empty();
    }
    try {
      String text = GB2312.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in)
          .toString();
      return Optional.of(
          new DynamicAreaText(areaId, x, y, width, height, mode.get(), speed, stayTime, text));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** @return this area's geometry and style with another text */
  public DynamicAreaText withText(String newText) {
    return new DynamicAreaText(areaId, x, y, width, height, mode, speed, stayTime, newText);
  }

  private static byte[] gb2312(String text) {
    try {
      ByteBuffer encoded = GB2312.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text has characters outside GB2312: " + text, e);
    }
  }

  private static void requireByte(String name, int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(name + " must be 0..255: " + value);
    }
  }

  private static void requireWord(String name, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(name + " must be 0..65535: " + value);
    }
  }
}
