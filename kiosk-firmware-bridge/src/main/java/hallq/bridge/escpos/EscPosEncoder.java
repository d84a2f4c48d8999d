package hallq.bridge.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds an ESC/POS byte stream for a ticket printer. Pure: it only appends to an in-memory
 * buffer; writing the bytes to a port is the transport's job.
 *
 * <p>Not thread-safe; use one encoder per ticket.
 */
public final class EscPosEncoder {

  private static final byte ESC = 0x1B;
  private static final byte FS = 0x1C;
  private static final byte GS = 0x1D;
  private static final byte LF = 0x0A;

  private static final Charset GB18030 = Charset.forName("GB18030");

  private static final int QR_MAX_MODULE_DOTS = 16;
  private static final int QR_STORE_HEADER = 3;
  private static final int MAX_UINT16 = 0xFFFF;

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  /** {@code ESC @}: resets the printer to its power-on settings. */
  public EscPosEncoder initialize() {
    return write(ESC, 0x40);
  }

  /** {@code FS &} (on) / {@code FS .} (off): selects or cancels 2-byte (GB) character mode. */
  public EscPosEncoder chineseMode(boolean on) {
    return write(FS, on ? 0x26 : 0x2E);
  }

  /** {@code ESC a n}: justification of the following lines. */
  public EscPosEncoder align(Alignment alignment) {
    return write(ESC, 0x61, alignment.wireValue());
  }

  /** {@code ESC E n}: emphasised (bold) printing on or off. */
  public EscPosEncoder bold(boolean on) {
    return write(ESC, 0x45, on ? 0x01 : 0x00);
  }

  /**
   * {@code GS ! n}: character magnification, {@code n = (width - 1) << 4 | (height - 1)}.
   *
   * @param width horizontal magnification 1..8
   * @param height vertical magnification 1..8
   */
  public EscPosEncoder size(int width, int height) {
    requireRange("width", width, 1, 8);
    requireRange("height", height, 1, 8);
    return write(GS, 0x21, (width - 1) << 4 | (height - 1));
  }

  /**
   * Appends text encoded in GB18030, which is GBK for every character a GBK-font printer can show.
   *
   * @throws IllegalArgumentException for a character that needs a 4-byte GB18030 sequence (GBK
   *     fonts cannot print it; render such text with {@link #rasterImage(Bitmap)}), for an unpaired
   *     surrogate, or for a control character (use {@link #newline()} and the command methods)
   */
  public EscPosEncoder text(String text) {
    Objects.requireNonNull(text, "text");
    ByteArrayOutputStream encoded = new ByteArrayOutputStream(text.length() * 2);
    text.codePoints().forEach(codePoint -> encoded.writeBytes(encodeGb(codePoint)));
    buffer.writeBytes(encoded.toByteArray());
    return this;
  }

  /** {@code LF}: prints the line buffer and advances one line. */
  public EscPosEncoder newline() {
    return write(LF);
  }

  /** {@code ESC d n}: prints the line buffer and feeds {@code lines} (0..255) lines. */
  public EscPosEncoder feed(int lines) {
    requireRange("lines", lines, 0, 255);
    return write(ESC, 0x64, lines);
  }

  /** {@code GS V 0}: full cut. */
  public EscPosEncoder fullCut() {
    return write(GS, 0x56, 0x00);
  }

  /** {@code GS V 1}: partial cut (one point left uncut). */
  public EscPosEncoder partialCut() {
    return write(GS, 0x56, 0x01);
  }

  /**
   * Prints a QR code with the printer's own generator, {@code GS ( k}: select model 2 (fn 65),
   * module size (fn 67), error correction (fn 69), store the data (fn 80) and print it (fn 81).
   * The data is sent as UTF-8 bytes; keep ticket payloads ASCII.
   *
   * @param moduleSize dots per module, 1..16
   */
  public EscPosEncoder nativeQr(String data, int moduleSize, ErrorCorrection level) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(level, "level");
    requireRange("moduleSize", moduleSize, 1, QR_MAX_MODULE_DOTS);
    byte[] payload = data.getBytes(StandardCharsets.UTF_8);
    if (payload.length == 0) {
      throw new IllegalArgumentException("QR data must not be empty");
    }
    int storeLength = payload.length + QR_STORE_HEADER;
    if (storeLength > MAX_UINT16) {
      throw new IllegalArgumentException("QR data too long: " + payload.length + " bytes");
    }
    write(GS, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    write(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, moduleSize);
    write(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, level.wireValue());
    write(GS, 0x28, 0x6B, storeLength & 0xFF, storeLength >>> 8, 0x31, 0x50, 0x30);
    buffer.writeBytes(payload);
    return write(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  /**
   * {@code GS v 0} in normal mode: prints a raster image. Each row is packed into whole bytes,
   * leftmost dot in the most significant bit, 1 = black, and padded with white dots.
   */
  public EscPosEncoder rasterImage(Bitmap image) {
    int bytesPerRow = (image.width() + 7) / 8;
    if (bytesPerRow > MAX_UINT16 || image.height() > MAX_UINT16) {
      throw new IllegalArgumentException(
          "raster image too large: " + image.width() + "x" + image.height());
    }
    write(GS, 0x76, 0x30, 0x00);
    write(bytesPerRow & 0xFF, bytesPerRow >>> 8, image.height() & 0xFF, image.height() >>> 8);
    for (int y = 0; y < image.height(); y++) {
      for (int column = 0; column < bytesPerRow; column++) {
        buffer.write(packByte(image, column * 8, y));
      }
    }
    return this;
  }

  /** {@code GS v 0} for {@code rows[y][x]}, {@code true} = black; see {@link Bitmap#of}. */
  public EscPosEncoder rasterImage(boolean[][] rows) {
    return rasterImage(Bitmap.of(rows));
  }

  /**
   * Prints a QR code drawn here (zxing, UTF-8, error correction M) as a {@code GS v 0} raster
   * image with a four-module quiet zone, for printers whose {@code GS ( k} is missing or broken.
   *
   * @param dotsPerModule integer scale factor, 1..16
   */
  public EscPosEncoder qrRaster(String data, int dotsPerModule) {
    return qrRaster(data, dotsPerModule, ErrorCorrection.M);
  }

  /** As {@link #qrRaster(String, int)} with the given error correction level. */
  public EscPosEncoder qrRaster(String data, int dotsPerModule, ErrorCorrection level) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(level, "level");
    requireRange("dotsPerModule", dotsPerModule, 1, QR_MAX_MODULE_DOTS);
    return rasterImage(QrRasterizer.render(data, dotsPerModule, level));
  }

  /** A copy of everything encoded so far. */
  public byte[] toBytes() {
    return buffer.toByteArray();
  }

  private EscPosEncoder write(int... bytes) {
    for (int b : bytes) {
      buffer.write(b);
    }
    return this;
  }

  private static byte[] encodeGb(int codePoint) {
    if (isSurrogate(codePoint)) {
      throw new IllegalArgumentException(
          "unpaired surrogate " + describe(codePoint) + " cannot be printed");
    }
    if (Character.isISOControl(codePoint)) {
      // A raw control byte would be executed as a printer command.
      throw new IllegalArgumentException(
          "control character " + describe(codePoint) + " in text; use the command methods");
    }
    byte[] bytes = Character.toString(codePoint).getBytes(GB18030);
    if (bytes.length == 4) {
      throw new IllegalArgumentException("character " + describe(codePoint)
          + " needs a 4-byte GB18030 sequence, which GBK printer fonts lack;"
          + " print it as a raster image");
    }
    return bytes;
  }

  private static String describe(int codePoint) {
    String hex = String.format("U+%04X", codePoint);
    return Character.isISOControl(codePoint) || isSurrogate(codePoint)
        ? hex
        : hex + " '" + Character.toString(codePoint) + "'";
  }

  private static boolean isSurrogate(int codePoint) {
    return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
  }

  private static int packByte(Bitmap image, int firstX, int y) {
    int packed = 0;
    for (int bit = 0; bit < 8; bit++) {
      int x = firstX + bit;
      if (x < image.width() && image.isBlack(x, y)) {
        packed |= 0x80 >>> bit;
      }
    }
    return packed;
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
