package hallq.standards;

/** What a hall manager is alerted to, and what the alert's subject names. */
public enum AlertKind {
  /** A waiting citizen has waited longer than the service's target (subject: ticket id). */
  WAIT_OVER_TARGET,
  /** Service at a counter has taken longer than the standard handling time (subject: ticket id). */
  HANDLING_TOO_LONG,
  /** More citizens wait for a service than its queue alert length: open another counter for it (subject: service code). */
  QUEUE_TOO_LONG,
  /** A counter has been paused longer than {@code alerts.counterPausedMinutes} (subject: counter number). */
  COUNTER_PAUSED_TOO_LONG,
  /** A kiosk's printer cannot print: out of paper, cover open, cutter error, offline (subject: kiosk id). */
  PRINTER_PROBLEM,
  /** A bridge reports one of its serial devices offline (subject: bridge/device). */
  DEVICE_OFFLINE,
  /** A 差评整改 case is past its deadline and not closed (subject: case id). */
  FOLLOW_UP_OVERDUE
}
