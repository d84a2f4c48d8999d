package hallq.bridge.sim;

import hallq.bridge.escpos.Alignment;
import java.util.Objects;

/**
 * One printed text line, with the style in force when its first character arrived.
 *
 * @param text the decoded characters; empty for a bare {@code LF}
 * @param alignment from {@code ESC a n}
 * @param bold from {@code ESC E n}
 * @param width horizontal magnification 1..8 from {@code GS ! n}
 * @param height vertical magnification 1..8 from {@code GS ! n}
 */
public record PrintedLine(String text, Alignment alignment, boolean bold, int width, int height) {

  public PrintedLine {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(alignment, "alignment");
  }
}
