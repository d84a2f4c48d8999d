package hallq.bridge.sim;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import hallq.bridge.escpos.Bitmap;

/** Reads a printed raster image the way a phone would: zxing's QR reader on its pixels. */
final class QrImages {

  private static final int BLACK = 0xFF000000;
  private static final int WHITE = 0xFFFFFFFF;

  private QrImages() {
  }

  static String decode(Bitmap image) throws ReaderException {
    int[] argb = new int[image.width() * image.height()];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        argb[y * image.width() + x] = image.isBlack(x, y) ? BLACK : WHITE;
      }
    }
    RGBLuminanceSource source = new RGBLuminanceSource(image.width(), image.height(), argb);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }
}
