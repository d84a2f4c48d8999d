package hallq.device;

/** What a kiosk's ticket printer last reported (from ESC/POS {@code DLE EOT n}, read by the bridge). */
public enum PrinterState {
  OK(true),
  PAPER_NEAR_END(true),
  PAPER_OUT(false),
  COVER_OPEN(false),
  CUTTER_ERROR(false),
  OFFLINE(false);

  private final boolean canPrint;

  PrinterState(boolean canPrint) {
    this.canPrint = canPrint;
  }

  public boolean canPrint() {
    return canPrint;
  }
}
