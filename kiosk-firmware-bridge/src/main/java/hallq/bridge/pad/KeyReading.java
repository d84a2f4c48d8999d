package hallq.bridge.pad;

import java.util.Objects;

/** What one read of the keypad's registers 0..1 says, compared with the previous read. */
public sealed interface KeyReading {

  /** The event counter did not change (or this was the first read, which sets the baseline). */
  record NoPress(int counter) implements KeyReading {
  }

  /**
   * The event counter moved: the clerk pressed {@code key}.
   *
   * @param key the last key pressed
   * @param counter the event counter now
   * @param missed presses between the two reads whose keys were overwritten (0 normally)
   */
  record KeyPress(Key key, int counter, int missed) implements KeyReading {

    public KeyPress {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * The counter moved but the last-key register holds no known key, or the reply had the wrong
   * number of registers.
   *
   * @param detail what was wrong, for the log
   */
  record Invalid(String detail) implements KeyReading {

    public Invalid {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
