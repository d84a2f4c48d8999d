package hallq.push;

/** Event-bus addresses and the push event names that are not {@link hallq.queue.EventType}s. */
public final class PushAddresses {
  /** Local event-bus address: every committed {@link QueueEvent} of this server's hall, in position order. */
  public static final String QUEUE_EVENTS = "hallq.queue.events";
  /** Local event-bus address: a transaction of this server that appended events has committed (body: the hall id). */
  public static final String EVENTS_COMMITTED = "hallq.events.committed";
  /** SSE event name of a full state picture, sent first and whenever a client is too far behind. */
  public static final String SNAPSHOT = "snapshot";

  private PushAddresses() {}
}
