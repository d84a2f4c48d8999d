package hallq.bridge.app;

import io.vertx.core.json.JsonObject;

/**
 * A device job from the server: print a ticket ({@code kioskId}), show on a counter's sign or open a
 * rating request on its pad ({@code counterNo}). The server keeps it pending until told its outcome.
 */
public record Job(long id, String kind, String kioskId, Integer counterNo, String ticketId, JsonObject payload) {
  public static final String PRINT_TICKET = "PRINT_TICKET";
  public static final String SHOW_ON_SIGN = "SHOW_ON_SIGN";
  public static final String RATING_REQUEST = "RATING_REQUEST";

  public static Job fromJson(JsonObject json) {
    return new Job(json.getLong("id"), json.getString("kind"), json.getString("kioskId"), json.getInteger("counterNo"),
        json.getString("ticketId"), json.getJsonObject("payload", new JsonObject()));
  }

  @Override
  public String toString() {
    return kind + " #" + id + (kioskId != null ? " for kiosk " + kioskId : " for counter " + counterNo);
  }
}
