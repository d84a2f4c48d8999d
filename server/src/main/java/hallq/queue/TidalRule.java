package hallq.queue;

import hallq.DomainException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A service's automatic 潮汐 rule: when its queue-length alert fires, these {@code counters} take the
 * service on for {@code minutes}; no counters, no rule (a manager can still assign counters by hand).
 */
public record TidalRule(List<Integer> counters, Integer minutes) {
  public static final TidalRule NONE = new TidalRule(List.of(), null);

  /** @throws DomainException (400, naming the field) for counters that are not counter numbers, or a rule without its minutes */
  public TidalRule {
    counters = List.copyOf(counters);
    if (counters.size() > 50 || counters.stream().anyMatch(n -> n < 1 || n > 9999) || counters.stream().distinct().count() != counters.size()) {
      throw DomainException.invalid("counters", "must list different counter numbers (1–9999), at most 50");
    }
    if (counters.isEmpty()) {
      minutes = null;
    } else if (minutes == null || minutes < TidalCounters.MIN_MINUTES || minutes > TidalCounters.MAX_MINUTES) {
      throw DomainException.invalid("minutes", "must be a whole number of minutes from " + TidalCounters.MIN_MINUTES + " to "
          + TidalCounters.MAX_MINUTES);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("counters", new JsonArray(counters)).put("minutes", minutes);
  }

  public static TidalRule fromJson(JsonObject json) {
    Object counters = json.getValue("counters");
    if (!(counters instanceof JsonArray array) || !array.stream().allMatch(n -> n instanceof Integer)) {
      throw DomainException.invalid("counters", "must list the counter numbers that take the service on");
    }
    Object minutes = json.getValue("minutes");
    if (minutes != null && !(minutes instanceof Integer)) {
      throw DomainException.invalid("minutes", "must be a whole number of minutes");
    }
    return new TidalRule(array.stream().map(n -> (Integer) n).toList(), (Integer) minutes);
  }
}
