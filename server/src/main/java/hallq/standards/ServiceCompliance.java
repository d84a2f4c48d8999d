package hallq.standards;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * How one service meets its standard today, from the waits of the citizens called so far and of
 * those still waiting. Shares count a citizen still waiting beyond the limit as already missed
 * (they cannot be served within it any more); a wait of exactly the limit counts as within.
 *
 * @param waiting citizens waiting now
 * @param longestWait the longest current wait
 * @param averageWait of those waiting now (zero if none)
 * @param byLevel waiting citizens per {@link WaitLevel}
 * @param called citizens called today
 * @param averageCalledWait of those called today (zero if none)
 * @param withinTargetPercent share within the target wait, null when nobody counts yet
 * @param serviceLevelPercent share within the service-level minutes, null when nobody counts yet
 * @param serviceLevelMet whether that share reaches the goal, null when nobody counts yet
 */
public record ServiceCompliance(
    int waiting,
    Duration longestWait,
    Duration averageWait,
    int[] byLevel,
    int called,
    Duration averageCalledWait,
    Double withinTargetPercent,
    Double serviceLevelPercent,
    Boolean serviceLevelMet) {

  public static ServiceCompliance of(ServiceStandard standard, List<Duration> waitingNow, List<Duration> calledToday) {
    int[] byLevel = new int[WaitLevel.values().length];
    waitingNow.forEach(wait -> byLevel[WaitLevel.of(wait, standard).ordinal()]++);
    Duration target = Duration.ofMinutes(standard.targetWaitMinutes());
    Duration level = Duration.ofMinutes(standard.serviceLevelMinutes());
    Double withinTarget = share(calledToday, waitingNow, target);
    Double withinLevel = share(calledToday, waitingNow, level);
    return new ServiceCompliance(
        waitingNow.size(),
        waitingNow.stream().max(Duration::compareTo).orElse(Duration.ZERO),
        average(waitingNow),
        byLevel,
        calledToday.size(),
        average(calledToday),
        withinTarget,
        withinLevel,
        withinLevel == null ? null : withinLevel >= standard.serviceLevelPercent());
  }

  /** Percent of the called within {@code limit}, out of the called plus those already waiting beyond it. */
  private static Double share(List<Duration> called, List<Duration> waiting, Duration limit) {
    long within = called.stream().filter(wait -> wait.compareTo(limit) <= 0).count();
    long missedWhileWaiting = waiting.stream().filter(wait -> wait.compareTo(limit) > 0).count();
    long counted = called.size() + missedWhileWaiting;
    return counted == 0 ? null : Math.round(1000.0 * within / counted) / 10.0;
  }

  private static Duration average(List<Duration> waits) {
    return waits.isEmpty() ? Duration.ZERO : Duration.ofSeconds(Math.round(waits.stream().mapToLong(Duration::toSeconds).average().orElse(0)));
  }

  public JsonObject toJson() {
    JsonObject levels = new JsonObject();
    for (WaitLevel level : WaitLevel.values()) {
      levels.put(level.name(), byLevel[level.ordinal()]);
    }
    return new JsonObject()
        .put("waiting", waiting)
        .put("longestWaitSeconds", longestWait.toSeconds())
        .put("averageWaitSeconds", averageWait.toSeconds())
        .put("waitingByLevel", levels)
        .put("calledToday", called)
        .put("averageCalledWaitSeconds", averageCalledWait.toSeconds())
        .put("withinTargetPercent", withinTargetPercent)
        .put("serviceLevelPercent", serviceLevelPercent)
        .put("serviceLevelMet", serviceLevelMet);
  }
}
