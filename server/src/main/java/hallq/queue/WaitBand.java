package hallq.queue;

import io.vertx.core.json.JsonObject;

/** A wait estimate as an optimistic and a pessimistic bound, in whole minutes ({@code min <= max}). */
public record WaitBand(int minMinutes, int maxMinutes) {

  public WaitBand {
    if (minMinutes < 0 || maxMinutes < minMinutes) {
      throw new IllegalArgumentException("not a wait band: " + minMinutes + "–" + maxMinutes);
    }
  }

  public double midpointMinutes() {
    return (minMinutes + maxMinutes) / 2.0;
  }

  public boolean contains(double minutes) {
    return minutes >= minMinutes && minutes <= maxMinutes;
  }

  public JsonObject toJson() {
    return new JsonObject().put("minMinutes", minMinutes).put("maxMinutes", maxMinutes);
  }
}
