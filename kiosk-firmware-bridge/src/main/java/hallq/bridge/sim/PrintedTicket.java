package hallq.bridge.sim;

import hallq.bridge.escpos.Bitmap;
import java.util.List;

/**
 * What came out of the printer between two cuts ({@code GS V}).
 *
 * @param lines the text lines in print order
 * @param qrPayloads the data stored by {@code GS ( k} fn 80, once for each fn 81 that printed it
 * @param images the {@code GS v 0} raster images, each row padded to whole bytes
 */
public record PrintedTicket(List<PrintedLine> lines, List<String> qrPayloads, List<Bitmap> images) {

  public PrintedTicket {
    lines = List.copyOf(lines);
    qrPayloads = List.copyOf(qrPayloads);
    images = List.copyOf(images);
  }

  /** The text of each line, without styles. */
  public List<String> texts() {
    return lines.stream()
        .map(PrintedLine::text)
        .toList();
  }
}
