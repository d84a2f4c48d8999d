package hallq.queue;

import java.util.EnumSet;
import java.util.Set;

/** A ticket's life: WAITING → CALLED → SERVING → FINISHED, with the side roads the hall needs. */
public enum TicketStatus {
  WAITING,
  CALLED,
  SERVING,
  FINISHED,
  NO_SHOW,
  CANCELLED,
  TRANSFERRED;

  /** States in which a ticket occupies a counter. */
  public static final Set<TicketStatus> AT_COUNTER = EnumSet.of(CALLED, SERVING);
}
