package hallq.device;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One piece of work for a bridge: for a kiosk's printer ({@code kioskId}) or a counter's sign or
 * pad ({@code counterNo}). Pending until the bridge reports an outcome.
 */
public record DeviceJob(long id, JobKind kind, String kioskId, Integer counterNo, UUID ticketId, JsonObject payload,
    Instant createdAt, JobOutcome outcome) {

  public boolean pending() {
    return outcome == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind.name())
        .put("kioskId", kioskId)
        .put("counterNo", counterNo)
        .put("ticketId", ticketId == null ? null : ticketId.toString())
        .put("payload", payload)
        .put("createdAt", createdAt.toString())
        .put("outcome", outcome == null ? null : outcome.name());
  }
}
