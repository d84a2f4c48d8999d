package hallq.sms;

import hallq.db.PgSmsRepository.Message;

/** The text of a reminder: the hall's name, the ticket's number and where it stands; no personal data. */
public final class SmsText {
  private SmsText() {}

  /** 【大厅名】您的 A012 号前面还有 3 人，请回到等候区。 or 【大厅名】请 A012 号到 3 号窗口办理。 */
  public static String of(String hallName, Message message) {
    return switch (message.kind()) {
      case NEAR -> "【" + hallName + "】您的 " + message.ticketNumber() + " 号前面还有 " + message.ahead() + " 人，请回到等候区。";
      case CALLED -> "【" + hallName + "】请 " + message.ticketNumber() + " 号到 " + message.counterNo() + " 号窗口办理。";
    };
  }
}
