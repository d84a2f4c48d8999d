package hallq.bridge.escpos;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QrRasterTest {

  private static final int HEADER_LENGTH = 8;

  @Test
  void rasterQrDecodesBackToTheTicketUrl() throws Exception {
    String url = "https://hallq.example/t/AbC123x";
    byte[] bytes = new EscPosEncoder().qrRaster(url, 4).toBytes();

    assertEquals(url, decode(bytes));
  }

  @Test
  @DisplayName("UTF-8 提示让中文内容不变成问号")
  void rasterQrKeepsChineseTextThroughUtf8() throws Exception {
    String text = "请A001号到3号窗口办理";
    byte[] bytes = new EscPosEncoder().qrRaster(text, 3, ErrorCorrection.Q).toBytes();

    assertEquals(text, decode(bytes));
  }

  @Test
  void rasterQrIsScaledWithAFourModuleQuietZone() {
    // 31 ASCII bytes at level M need version 3: 29 modules, plus 4 quiet modules on each side.
    int dots = 4;
    int side = (29 + 2 * 4) * dots;
    byte[] bytes = new EscPosEncoder().qrRaster("https://hallq.example/t/AbC123x", dots).toBytes();
    int bytesPerRow = (side + 7) / 8;

    assertEquals("1D 76 30 00", Hex.spaced(Arrays.copyOf(bytes, 4)));
    assertEquals(bytesPerRow, (bytes[4] & 0xFF) | (bytes[5] & 0xFF) << 8);
    assertEquals(side, (bytes[6] & 0xFF) | (bytes[7] & 0xFF) << 8);
    assertEquals(HEADER_LENGTH + bytesPerRow * side, bytes.length);

    int quiet = 4 * dots;
    assertFalse(dot(bytes, quiet - 1, quiet - 1));
    // The finder pattern's outer ring starts right after the quiet zone and is one module thick.
    for (int d = 0; d < dots; d++) {
      assertTrue(dot(bytes, quiet + d, quiet + d));
    }
    assertFalse(dot(bytes, quiet + dots, quiet + dots));
  }

  private static boolean dot(byte[] raster, int x, int y) {
    int bytesPerRow = (raster[4] & 0xFF) | (raster[5] & 0xFF) << 8;
    int packed = raster[HEADER_LENGTH + y * bytesPerRow + x / 8] & 0xFF;
    return (packed & 0x80 >>> (x % 8)) != 0;
  }

  private static String decode(byte[] raster)
      throws NotFoundException, ChecksumException, FormatException {
    BinaryBitmap image = new BinaryBitmap(new HybridBinarizer(new RasterLuminanceSource(raster)));
    return new QRCodeReader().decode(image).getText();
  }

  /** Reads a {@code GS v 0} stream back as pixels: black dots dark, everything else light. */
  private static final class RasterLuminanceSource extends LuminanceSource {
    private static final byte DARK = 0;
    private static final byte LIGHT = (byte) 0xFF;

    private final byte[] luminance;

    RasterLuminanceSource(byte[] raster) {
      super(((raster[4] & 0xFF) | (raster[5] & 0xFF) << 8) * 8,
          (raster[6] & 0xFF) | (raster[7] & 0xFF) << 8);
      luminance = new byte[getWidth() * getHeight()];
      for (int y = 0; y < getHeight(); y++) {
        for (int x = 0; x < getWidth(); x++) {
          luminance[y * getWidth() + x] = dot(raster, x, y) ? DARK : LIGHT;
        }
      }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
      byte[] target = row == null || row.length < getWidth() ? new byte[getWidth()] : row;
      System.arraycopy(luminance, y * getWidth(), target, 0, getWidth());
      return target;
    }

    @Override
    public byte[] getMatrix() {
      return luminance.clone();
    }
  }
}
