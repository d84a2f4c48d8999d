package hallq.bridge.device;

import hallq.bridge.escpos.PrinterStatus;
import hallq.bridge.escpos.PrinterStatus.Condition;
import hallq.bridge.printer.QrMode;
import hallq.bridge.printer.TicketPrintout;
import hallq.bridge.serial.SerialLinkException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The kiosk's ESC/POS ticket printer on its own {@link DevicePort}. Blocking; call it from the
 * port's worker thread.
 */
public final class ReceiptPrinter {

  private static final int STATUS_FIXED_MASK = 0x93;
  private static final int STATUS_FIXED_VALUE = 0x12;

  private final DevicePort port;
  private final QrMode qrMode;

  /**
   * @param port the printer's port
   * @param qrMode how this printer model gets its QR code ({@code GS ( k} or a raster image)
   */
  public ReceiptPrinter(DevicePort port, QrMode qrMode) {
    this.port = Objects.requireNonNull(port, "port");
    this.qrMode = Objects.requireNonNull(qrMode, "qrMode");
  }

  /**
   * Sends the whole ticket, ending with its cut. Returns once the bytes are written to the port,
   * not when the paper is out of the printer.
   *
   * @throws SerialLinkException if the port cannot be opened or the write fails; whether part of
   *     the ticket reached the printer is unknown
   */
  public void print(TicketPrintout printout) {
    Objects.requireNonNull(printout, "printout");
    port.write(printout.escPos(qrMode));
  }

  /**
   * Asks {@code DLE EOT 4} (paper sensor) and {@code DLE EOT 2} (offline cause), and
   * {@code DLE EOT 3} (error cause) only when the offline cause reports an error; see
   * {@link PrinterCondition} for which condition wins.
   *
   * @param timeout how long to wait for each one-byte reply
   * @return the condition; {@link PrinterCondition#OFFLINE} when the printer does not answer in
   *     time or the port cannot be used (the port's state listener has the detail)
   */
  public PrinterCondition status(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    try {
      PrinterStatus paper = ask(PrinterStatus.PAPER_SENSOR, timeout);
      PrinterStatus offline = ask(PrinterStatus.OFFLINE_CAUSE, timeout);
      boolean cutter = offline.has(Condition.ERROR)
          && ask(PrinterStatus.ERROR_CAUSE, timeout).has(Condition.CUTTER_ERROR);
      return combine(paper, offline, cutter);
    } catch (DeviceTimeoutException | SerialLinkException e) {
      return PrinterCondition.OFFLINE;
    }
  }

  private PrinterStatus ask(int function, Duration timeout) {
    byte reply = port.exchange(PrinterStatus.request(function), ReceiptPrinter::statusByte,
        timeout);
    return PrinterStatus.decode(function, reply);
  }

  /** The first byte with a status byte's fixed bits; anything before it is noise or echo. */
  private static Optional<Byte> statusByte(byte[] chunk) {
    for (byte b : chunk) {
      if ((b & STATUS_FIXED_MASK) == STATUS_FIXED_VALUE) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static PrinterCondition combine(
      PrinterStatus paper, PrinterStatus offline, boolean cutterError) {
    if (offline.has(Condition.COVER_OPEN)) {
      return PrinterCondition.COVER_OPEN;
    }
    if (paper.has(Condition.PAPER_END) || offline.has(Condition.STOPPED_AT_PAPER_END)) {
      return PrinterCondition.PAPER_OUT;
    }
    if (cutterError) {
      return PrinterCondition.CUTTER_ERROR;
    }
    if (offline.has(Condition.ERROR)) {
      return PrinterCondition.OFFLINE;
    }
    if (paper.has(Condition.PAPER_NEAR_END)) {
      return PrinterCondition.PAPER_NEAR_END;
    }
    return PrinterCondition.OK;
  }
}
