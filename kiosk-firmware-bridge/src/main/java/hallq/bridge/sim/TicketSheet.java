package hallq.bridge.sim;

import hallq.bridge.escpos.Alignment;
import hallq.bridge.escpos.Bitmap;
import java.util.ArrayList;
import java.util.List;

/** The paper between two cuts and the print modes that shape it. */
final class TicketSheet {

  private final List<PrintedLine> lines = new ArrayList<>();
  private final List<String> qrPayloads = new ArrayList<>();
  private final List<Bitmap> images = new ArrayList<>();
  private final StringBuilder line = new StringBuilder();
  private PrintedLine lineStyle;
  private Alignment alignment;
  private boolean bold;
  private int width;
  private int height;

  TicketSheet() {
    resetModes();
  }

  /** {@code ESC @}: modes back to power-on values, unprinted text discarded. */
  void initialize() {
    resetModes();
    line.setLength(0);
    lineStyle = null;
  }

  void align(Alignment alignment) {
    this.alignment = alignment;
  }

  void bold(boolean on) {
    bold = on;
  }

  void size(int width, int height) {
    this.width = width;
    this.height = height;
  }

  void append(String text) {
    if (lineStyle == null) {
      lineStyle = new PrintedLine("", alignment, bold, width, height);
    }
    line.append(text);
  }

  /** {@code LF}: prints the buffer, an empty line if nothing is in it. */
  void newline() {
    PrintedLine style = lineStyle != null
        ? lineStyle
        : new PrintedLine("", alignment, bold, width, height);
    lines.add(new PrintedLine(line.toString(), style.alignment(), style.bold(), style.width(),
        style.height()));
    line.setLength(0);
    lineStyle = null;
  }

  /** {@code ESC d n}, images and QR codes: print pending text, if any, before moving on. */
  void flushLine() {
    if (lineStyle != null) {
      newline();
    }
  }

  void qr(String payload) {
    flushLine();
    qrPayloads.add(payload);
  }

  void image(Bitmap image) {
    flushLine();
    images.add(image);
  }

  /** {@code GS V}: the sheet leaves the printer; modes stay as they are. */
  PrintedTicket cut() {
    flushLine();
    PrintedTicket ticket = new PrintedTicket(lines, qrPayloads, images);
    lines.clear();
    qrPayloads.clear();
    images.clear();
    return ticket;
  }

  private void resetModes() {
    alignment = Alignment.LEFT;
    bold = false;
    width = 1;
    height = 1;
  }
}
