package hallq.device;

/** What a bridge's serial device is asked to do. */
public enum JobKind {
  /** The kiosk's printer prints a newly issued ticket. */
  PRINT_TICKET,
  /** The counter's LED sign shows a call, 暂停服务, or its idle text; only the newest one matters. */
  SHOW_ON_SIGN,
  /** The counter's evaluation pad asks the citizen who was just served for a rating. */
  RATING_REQUEST
}
