package hallq.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A counter as the clerk console and the displays see it: paused or not, what it calls ({@code services},
 * of which {@code assigned} are 潮汐 assignments for now), and the ticket it holds.
 */
public record CounterState(int no, String name, boolean paused, List<String> services, List<String> assigned, Ticket ticket) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("counterNo", no)
        .put("name", name)
        .put("paused", paused)
        .put("services", new JsonArray(services))
        .put("assignedServices", new JsonArray(assigned))
        .put("ticket", ticket == null ? null : ticket.toJson());
  }
}
