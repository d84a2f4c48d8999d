package hallq.bridge.pad;

/**
 * Turns successive polls of one keypad into key presses, each reported once: a press is the
 * event counter changing (modulo 65536). The first poll only sets the baseline, so presses made
 * before the bridge started are not replayed.
 */
public final class KeyPressDetector {

  private static final int NO_BASELINE = -1;

  private int lastCounter = NO_BASELINE;

  /**
   * @param values registers 0..1 from the latest poll
   * @return a {@link KeyReading.KeyPress} when the counter moved since the previous poll
   */
  public KeyReading next(int[] values) {
    if (values == null || values.length != 2) {
      return KeypadRegisters.interpret(0, values);
    }
    int counter = values[KeypadRegisters.EVENT_COUNTER] & 0xFFFF;
    KeyReading reading = lastCounter == NO_BASELINE
        ? new KeyReading.NoPress(counter)
        : KeypadRegisters.interpret(lastCounter, values);
    lastCounter = counter;
    return reading;
  }
}
