package hallq.bridge.escpos;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/** Renders a QR code into a {@link Bitmap} for printers without a usable {@code GS ( k}. */
final class QrRasterizer {

  /** ISO/IEC 18004 asks for four light modules around the symbol; phone scanners need them. */
  static final int QUIET_ZONE_MODULES = 4;

  private QrRasterizer() {
  }

  static Bitmap render(String data, int dotsPerModule, ErrorCorrection level) {
    BitMatrix modules = encode(data, level);
    int width = modules.getWidth() * dotsPerModule;
    int height = modules.getHeight() * dotsPerModule;
    BitSet pixels = new BitSet(width * height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (modules.get(x / dotsPerModule, y / dotsPerModule)) {
          pixels.set(y * width + x);
        }
      }
    }
    return new Bitmap(width, height, pixels);
  }

  private static BitMatrix encode(String data, ErrorCorrection level) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    // Without an explicit character set zxing writes ISO-8859-1 and non-Latin text becomes '?'.
    hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
    hints.put(EncodeHintType.ERROR_CORRECTION, toZxing(level));
    hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
    try {
      // Width and height 0 yield one pixel per module; scaling stays an exact integer factor.
      return new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode QR code: " + e.getMessage(), e);
    }
  }

  private static ErrorCorrectionLevel toZxing(ErrorCorrection level) {
    return switch (level) {
      case L -> ErrorCorrectionLevel.L;
      case M -> ErrorCorrectionLevel.M;
      case Q -> ErrorCorrectionLevel.Q;
      case H -> ErrorCorrectionLevel.H;
    };
  }
}
