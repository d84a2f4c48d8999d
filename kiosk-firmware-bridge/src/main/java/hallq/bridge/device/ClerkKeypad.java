package hallq.bridge.device;

import hallq.bridge.pad.Key;
import hallq.bridge.pad.KeyPressDetector;
import hallq.bridge.pad.KeyReading;
import hallq.bridge.pad.KeypadRegisters;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The clerk keypad (呼叫器) at one unit address on a counter bus, driven per PAD-PROTOCOL.md
 * with fc 0x03 reads and fc 0x10 writes. Blocking; call it from the bus port's worker thread,
 * every 100–200 ms so that presses are rarely overwritten.
 */
public final class ClerkKeypad {

  private final ModbusMaster master;
  private final KeyPressDetector detector = new KeyPressDetector();
  private long lostPresses;

  /**
   * @param port the bus the keypad is on
   * @param unitId the keypad's unit address, 1..247
   */
  public ClerkKeypad(DevicePort port, int unitId) {
    this.master = new ModbusMaster(port, unitId);
  }

  /**
   * Reads registers 0..1 (event counter, last key). The first successful poll only sets the
   * baseline and returns nothing, so presses made before the bridge started are not replayed.
   *
   * @param replyTimeout how long to wait for the reply
   * @return the key pressed since the previous poll, or nothing; when several presses happened
   *     only the last key is known, the others are added to {@link #lostPresses()}
   * @throws DeviceReplyException for a Modbus exception, or a key code that is not 1..7 (the
   *     press is then skipped)
   * @throws DeviceTimeoutException if the keypad does not answer in time
   */
  public List<Key> poll(Duration replyTimeout) {
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    int[] values = master.read(KeypadRegisters.readKeyState(master.unitId()), 2, replyTimeout);
    KeyReading reading = detector.next(values);
    if (reading instanceof KeyReading.KeyPress press) {
      lostPresses += press.missed();
      return List.of(press.key());
    }
    if (reading instanceof KeyReading.Invalid invalid) {
      throw new DeviceReplyException(master.portPath(),
          "keypad unit " + master.unitId() + ": " + invalid.detail());
    }
    return List.of();
  }

  /** @return presses whose keys were overwritten between two polls, since creation */
  public long lostPresses() {
    return lostPresses;
  }

  /**
   * Writes the display text to registers 2..9.
   *
   * @param text up to 16 printable ASCII characters, e.g. {@code A012}, or
   *     {@link KeypadRegisters#NO_ONE_WAITING} for 无人等候
   * @param replyTimeout how long to wait for the reply
   * @throws IllegalArgumentException if the text does not fit the display
   * @throws DeviceReplyException for a Modbus exception or a wrong echo
   * @throws DeviceTimeoutException if the keypad does not answer in time
   */
  public void show(String text, Duration replyTimeout) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    master.write(KeypadRegisters.writeDisplay(master.unitId(), text), KeypadRegisters.DISPLAY,
        KeypadRegisters.DISPLAY_REGISTERS, replyTimeout);
  }

  /** Shows 无人等候 ({@link KeypadRegisters#NO_ONE_WAITING}). */
  public void showNoOneWaiting(Duration replyTimeout) {
    show(KeypadRegisters.NO_ONE_WAITING, replyTimeout);
  }
}
