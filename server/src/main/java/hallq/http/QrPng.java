package hallq.http;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** A QR code as a PNG, drawn from zxing's module matrix at a whole number of pixels per module. */
final class QrPng {
  private static final int QUIET_ZONE_MODULES = 4;

  private static final int PIXELS_PER_MODULE = 8;

  private QrPng() {}

  /** Replies with the QR code of the text {@code content} yields, drawn on a worker (image encoding blocks). */
  static void reply(Vertx vertx, RoutingContext ctx, Future<String> content) {
    content.compose(text -> vertx.executeBlocking(() -> render(text, PIXELS_PER_MODULE), false))
        .onSuccess(png -> ctx.response()
            .putHeader("Content-Type", "image/png")
            .putHeader("Cache-Control", "private, max-age=86400")
            .end(Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  /** Blocking (image encoding): call on a worker. */
  static byte[] render(String text, int pixelsPerModule) {
    try {
      BitMatrix modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.CHARACTER_SET, "UTF-8",
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
          EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
      int size = modules.getWidth() * pixelsPerModule;
      BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          image.setRGB(x, y, modules.get(x / pixelsPerModule, y / pixelsPerModule) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.setUseCache(false);
      ImageIO.write(image, "png", png);
      return png.toByteArray();
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
