package hallq.bridge.printer;

/** How the ticket's QR code reaches the paper. */
public enum QrMode {
  /** The printer's own generator, {@code GS ( k} (functions 65, 67, 69, 80, 81). */
  NATIVE,
  /**
   * A zxing symbol sent as a {@code GS v 0} raster image, for printers without a usable
   * {@code GS ( k}.
   */
  RASTER
}
