package hallq.queue;

/** What the append-only event log records; push clients see these names. */
public enum EventType {
  TICKET_ISSUED,
  TICKET_CALLED,
  TICKET_RECALLED,
  TICKET_NO_SHOW,
  TICKET_REQUEUED,
  SERVICE_STARTED,
  SERVICE_FINISHED,
  TICKET_TRANSFERRED,
  TICKET_CANCELLED,
  TICKET_RATED,
  COUNTER_PAUSED,
  COUNTER_RESUMED,
  PRINTER_STATUS
}
