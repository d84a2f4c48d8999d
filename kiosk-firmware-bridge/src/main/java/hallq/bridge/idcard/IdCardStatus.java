package hallq.bridge.idcard;

/** A reply's {@code SW1 SW2 SW3}, as far as HallQ tells them apart. */
public enum IdCardStatus {
  /** {@code 00 00 90}: the command succeeded. */
  SUCCESS(0x90),
  /** {@code 00 00 9F}: find card found one. */
  CARD_FOUND(0x9F),
  /** {@code 00 00 80}: find card found none. */
  NO_CARD(0x80),
  /** {@code 00 00 81}: select card failed (the card left, or none). */
  SELECT_FAILED(0x81),
  /** Any other status: an error of the reader or the card. */
  OTHER(-1);

  private final int sw3;

  IdCardStatus(int sw3) {
    this.sw3 = sw3;
  }

  /** The status of {@code SW1 SW2 SW3}; only {@code 00 00 xx} has a name. */
  static IdCardStatus of(int sw1, int sw2, int sw3) {
    if (sw1 == 0 && sw2 == 0) {
      for (IdCardStatus status : values()) {
        if (status.sw3 == sw3) {
          return status;
        }
      }
    }
    return OTHER;
  }

  /** {@code SW3} on the wire (after {@code 00 00}); -1 for {@link #OTHER}. */
  int sw3() {
    return sw3;
  }
}
