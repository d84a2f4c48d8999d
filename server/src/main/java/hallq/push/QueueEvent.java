package hallq.push;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One row of the event log as clients receive it. {@code id} is the order of truth: a client that
 * reconnects asks for everything after the last id it saw.
 */
public record QueueEvent(long id, String type, String ticketId, Integer counterNo, Instant at, String actor, JsonObject payload) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("ticketId", ticketId)
        .put("counterNo", counterNo)
        .put("at", at.toString())
        .put("actor", actor)
        .put("payload", payload);
  }

  public static QueueEvent fromJson(JsonObject json) {
    return new QueueEvent(
        json.getLong("id"),
        json.getString("type"),
        json.getString("ticketId"),
        json.getInteger("counterNo"),
        Instant.parse(json.getString("at")),
        json.getString("actor"),
        json.getJsonObject("payload"));
  }

  /** A counter screen sees only what happens at its counter. */
  public boolean concernsCounter(int counterNo) {
    return this.counterNo != null && this.counterNo == counterNo;
  }
}
