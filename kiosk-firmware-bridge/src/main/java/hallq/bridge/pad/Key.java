package hallq.bridge.pad;

import java.util.Optional;

/** The keys of the clerk keypad (呼叫器), as the last-key register (1) carries them. */
public enum Key {

  /** 叫号. */
  CALL_NEXT(1),

  /** 重呼. */
  RECALL(2),

  /** 过号. */
  NO_SHOW(3),

  /** 开始办理. */
  START(4),

  /** 办结. */
  FINISH(5),

  /** 暂停 / 恢复. */
  PAUSE_RESUME(6),

  /** 请评价: the bridge opens a rating request on the counter's pad. */
  REQUEST_RATING(7);

  private final int value;

  Key(int value) {
    this.value = value;
  }

  /** @return the key code 1..7 as written in register 1 */
  public int value() {
    return value;
  }

  /** @return the key for a register value, empty if the value is not 1..7 */
  public static Optional<Key> fromWire(int value) {
    for (Key key : values()) {
      if (key.value == value) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
