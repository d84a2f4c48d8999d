package hallq.push;

/** Event-bus addresses and the push event names that are not {@link hallq.queue.EventType}s. */
public final class PushAddresses {
  /** Local event-bus address: every committed {@link QueueEvent} of this server's hall, in id order. */
  public static final String QUEUE_EVENTS = "hallq.queue.events";
  /** SSE event name of a full state picture, sent first and whenever a client is too far behind. */
  public static final String SNAPSHOT = "snapshot";

  private PushAddresses() {}
}
