package hallq.queue;

/** A ticket's life: WAITING → CALLED → SERVING → FINISHED, with the side roads the hall needs. */
public enum TicketStatus {
  WAITING,
  CALLED,
  SERVING,
  FINISHED,
  NO_SHOW,
  CANCELLED,
  TRANSFERRED,
  /** 挂起: away to fetch a document, keeping its place until called back. */
  PARKED,
  /** Still waiting when the hall closed, under a service's CLOSE_UNSERVED rule (闭厅未办理), or when its day ended. */
  CLOSED_UNSERVED
}
