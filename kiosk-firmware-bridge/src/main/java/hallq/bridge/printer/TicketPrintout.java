package hallq.bridge.printer;

import hallq.bridge.escpos.Alignment;
import hallq.bridge.escpos.ErrorCorrection;
import hallq.bridge.escpos.EscPosEncoder;
import java.util.Objects;

/**
 * What is printed on a 号票 (ticket) at the kiosk.
 *
 * @param hallName the 服务大厅 name, first line
 * @param serviceName the 业务类型 name
 * @param ticketNumber e.g. {@code A012}, printed bold at double width and height
 * @param issuedAt the issue time as it should read, e.g. {@code 2026-11-27 09:05}
 * @param peopleAhead how many tickets wait before this one
 * @param ticketUrl the ticket page, carried by the QR code; keep it ASCII
 */
public record TicketPrintout(
    String hallName,
    String serviceName,
    String ticketNumber,
    String issuedAt,
    int peopleAhead,
    String ticketUrl) {

  /** Dots per QR module, both for {@code GS ( k} function 67 and for the raster. */
  public static final int QR_MODULE_DOTS = 6;
  public static final ErrorCorrection QR_ERROR_CORRECTION = ErrorCorrection.M;
  public static final String SCAN_HINT = "扫码查看排队进度";
  /** Lines fed by {@code ESC d n} so that the last line clears the cutter. */
  public static final int FEED_BEFORE_CUT = 4;

  public TicketPrintout {
    Objects.requireNonNull(hallName, "hallName");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(ticketNumber, "ticketNumber");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(ticketUrl, "ticketUrl");
    if (peopleAhead < 0) {
      throw new IllegalArgumentException("peopleAhead must be >= 0, got " + peopleAhead);
    }
    if (ticketUrl.isEmpty()) {
      throw new IllegalArgumentException("ticketUrl must not be empty");
    }
  }

  /** The "前面还有 N 人" line. */
  public String peopleAheadLine() {
    return "前面还有 " + peopleAhead + " 人";
  }

  /**
   * Lays the ticket out as ESC/POS: {@code ESC @}, {@code FS &}, {@code ESC a 1}, the hall and
   * service names, the number under {@code ESC E 1} and {@code GS ! 0x11}, the people-ahead line,
   * the issue time, the QR code, the scan hint, then {@code ESC d 4} and a partial cut
   * {@code GS V 1}.
   *
   * @throws IllegalArgumentException if a text field holds a character the printer's GBK font
   *     lacks or a control character (see {@link EscPosEncoder#text(String)})
   */
  public byte[] escPos(QrMode mode) {
    Objects.requireNonNull(mode, "mode");
    EscPosEncoder encoder = new EscPosEncoder()
        .initialize()
        .chineseMode(true)
        .align(Alignment.CENTER)
        .text(hallName)
        .newline()
        .text(serviceName)
        .newline()
        .bold(true)
        .size(2, 2)
        .text(ticketNumber)
        .newline()
        .size(1, 1)
        .bold(false)
        .text(peopleAheadLine())
        .newline()
        .text(issuedAt)
        .newline();
    switch (mode) {
      case NATIVE -> encoder.nativeQr(ticketUrl, QR_MODULE_DOTS, QR_ERROR_CORRECTION);
      case RASTER -> encoder.qrRaster(ticketUrl, QR_MODULE_DOTS, QR_ERROR_CORRECTION);
    }
    return encoder
        .text(SCAN_HINT)
        .newline()
        .feed(FEED_BEFORE_CUT)
        .partialCut()
        .toBytes();
  }
}
