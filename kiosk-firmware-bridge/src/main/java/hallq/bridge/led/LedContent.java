package hallq.bridge.led;

/**
 * What a counter's LED sign (窗口屏) shows: the called ticket, a paused counter, or nothing to
 * call. Each {@link LedProtocol} turns it into its device's frames; a sign that can draw
 * Chinese text shows {@link #text()}.
 */
public sealed interface LedContent {

  /** Longest ticket number a sign is asked to show: eight ASCII characters, e.g. {@code A012}. */
  int MAX_TICKET_LENGTH = 8;

  /** @return the counter (窗口) this sign belongs to, 1..65535 */
  int counterNo();

  /** @return the Chinese text a text-capable sign shows for this content */
  String text();

  /**
   * 叫号: a ticket is called to this counter; shown as {@code 请A012号到3号窗口}.
   *
   * @param ticketNumber 1..8 ASCII letters and digits, e.g. {@code A012}
   * @param counterNo 1..65535
   */
  record Call(String ticketNumber, int counterNo) implements LedContent {

    public Call {
      requireTicketNumber(ticketNumber);
      requireCounterNo(counterNo);
    }

    @Override
    public String text() {
      return "请" + ticketNumber + "号到" + counterNo + "号窗口";
    }
  }

  /** 暂停: the counter is paused; shown as {@code 暂停服务}. */
  record Paused(int counterNo) implements LedContent {

    public Paused {
      requireCounterNo(counterNo);
    }

    @Override
    public String text() {
      return "暂停服务";
    }
  }

  /**
   * The counter is open but calls no one. Shown as {@code 欢迎光临} rather than a dark sign: a
   * dark sign cannot be told from a switched-off or broken one, a greeting shows the bridge is
   * driving it.
   */
  record Idle(int counterNo) implements LedContent {

    public Idle {
      requireCounterNo(counterNo);
    }

    @Override
    public String text() {
      return "欢迎光临";
    }
  }

  private static void requireCounterNo(int counterNo) {
    if (counterNo < 1 || counterNo > 0xFFFF) {
      throw new IllegalArgumentException("counter number must be 1..65535: " + counterNo);
    }
  }

  private static void requireTicketNumber(String ticketNumber) {
    if (ticketNumber == null || ticketNumber.isEmpty()
        || ticketNumber.length() > MAX_TICKET_LENGTH) {
      throw new IllegalArgumentException(
          "ticket number must be 1.." + MAX_TICKET_LENGTH + " characters: " + ticketNumber);
    }
    for (int i = 0; i < ticketNumber.length(); i++) {
      char c = ticketNumber.charAt(i);
      boolean asciiLetterOrDigit =
          c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
      if (!asciiLetterOrDigit) {
        throw new IllegalArgumentException(
            "ticket number must be ASCII letters and digits: " + ticketNumber);
      }
    }
  }
}
