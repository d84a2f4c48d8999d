package hallq.bench;

import hallq.bench.BusyDay.Citizen;
import hallq.bench.BusyDay.Counter;
import hallq.queue.HandlingProfile;
import hallq.queue.HandlingTimes;
import hallq.queue.WaitBand;
import hallq.queue.WaitEstimator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a {@link BusyDay} second by second and asks the estimator, as the server does at issue time,
 * for each citizen's band; then records when the citizen was really called. What the server reads
 * from PostgreSQL is modelled here the same way: the tickets ahead (the service's priority tickets,
 * then earlier walk-ins), the open counters' shares (see {@code PgTicketRepository.Ahead}) and the
 * handling times cache (refreshed every 30 s from the last 40 tickets finished within 3 hours, the
 * standard's profile with fewer than 5). Counters call as
 * {@code CallPolicy} does: priority first, then their services in order, oldest first.
 */
final class WaitReplay {
  private static final double STEP = 1.0 / 60;
  private static final double REFRESH_MINUTES = HandlingTimes.REFRESH.toSeconds() / 60.0;
  private static final double LOOK_BACK_MINUTES = HandlingTimes.LOOK_BACK.toMinutes();

  /** One citizen's band at issue (null: no counter open), the old single estimate, and the real wait. */
  record Outcome(Citizen citizen, WaitBand band, Integer oldEstimate, double waitedMinutes) {}

  /** A ticket done at a counter, and how long it took the counter: called → finished. */
  private record Finished(double endedAt, double minutesAtCounter) {}

  private final BusyDay day;
  private final Map<String, Deque<Citizen>> priority = new HashMap<>();
  private final Map<String, Deque<Citizen>> walkIn = new HashMap<>();
  private final Map<String, List<Finished>> finished = new HashMap<>();
  private final Map<Integer, Double> busyUntil = new HashMap<>();
  private final Map<Integer, WaitBand> bands = new HashMap<>();
  private final Map<Integer, Integer> oldEstimates = new HashMap<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private Map<String, HandlingProfile> profiles = Map.of();

  private WaitReplay(BusyDay day) {
    this.day = day;
    day.standardMinutes.keySet().forEach(s -> {
      priority.put(s, new ArrayDeque<>());
      walkIn.put(s, new ArrayDeque<>());
      finished.put(s, new ArrayList<>());
    });
  }

  static List<Outcome> run(BusyDay day) {
    WaitReplay replay = new WaitReplay(day);
    replay.play();
    return replay.outcomes;
  }

  private void play() {
    int next = 0;
    double nextRefresh = 0;
    for (long step = 0; next < day.citizens.size() || waiting() > 0; step++) {
      double now = step * STEP;
      if (now >= nextRefresh) {
        refreshProfiles(now);
        nextRefresh += REFRESH_MINUTES;
      }
      for (; next < day.citizens.size() && day.citizens.get(next).arrivesAt() <= now; next++) {
        issue(day.citizens.get(next), now);
      }
      for (Counter counter : day.counters) {
        if (counter.openAt(now) && busyUntil.getOrDefault(counter.no(), 0.0) <= now) {
          callNext(counter, now);
        }
      }
    }
  }

  private void issue(Citizen citizen, double now) {
    String service = citizen.service();
    (citizen.priority() ? priority : walkIn).get(service).addLast(citizen);
    int queued = priority.get(service).size() + (citizen.priority() ? 0 : walkIn.get(service).size());
    int ahead = queued - 1;
    HandlingProfile handling = profiles.getOrDefault(service, HandlingProfile.standard(day.standardMinutes.get(service)));
    WaitEstimator.estimate(ahead, capacity(service, now), handling).ifPresent(band -> bands.put(citizen.id(), band));
    long open = day.counters.stream().filter(c -> c.openAt(now) && c.services().contains(service)).count();
    if (open > 0) {
      oldEstimates.put(citizen.id(), (int) Math.ceil((double) ahead * day.standardMinutes.get(service) / open));
    }
  }

  private double capacity(String service, double now) {
    return day.counters.stream()
        .filter(c -> c.openAt(now) && c.services().contains(service))
        .mapToDouble(c -> 1.0 / c.services().subList(0, c.services().indexOf(service) + 1).stream()
            .filter(o -> o.equals(service) || waitingFor(o) > 0).count())
        .sum();
  }

  private void callNext(Counter counter, double now) {
    Citizen called = head(counter, priority);
    if (called == null) {
      called = head(counter, walkIn);
    }
    if (called == null) {
      return;
    }
    outcomes.add(new Outcome(called, bands.get(called.id()), oldEstimates.get(called.id()), now - called.arrivesAt()));
    if (called.noShow()) {
      busyUntil.put(counter.no(), now + BusyDay.NO_SHOW_MINUTES);
      return;
    }
    double ended = now + called.walkMinutes() + called.handlingMinutes();
    busyUntil.put(counter.no(), ended);
    finished.get(called.service()).add(new Finished(ended, ended - now));
  }

  private static Citizen head(Counter counter, Map<String, Deque<Citizen>> queues) {
    for (String service : counter.services()) {
      Citizen head = queues.get(service).pollFirst();
      if (head != null) {
        return head;
      }
    }
    return null;
  }

  /** What the server's cache would hold now: only tickets already finished are known. */
  private void refreshProfiles(double now) {
    Map<String, HandlingProfile> read = new HashMap<>();
    finished.forEach((service, all) -> {
      List<Double> recent = all.stream()
          .filter(f -> f.endedAt() <= now && f.endedAt() >= now - LOOK_BACK_MINUTES)
          .sorted((a, b) -> Double.compare(b.endedAt(), a.endedAt()))
          .limit(HandlingTimes.RECENT_TICKETS)
          .map(Finished::minutesAtCounter)
          .toList();
      HandlingProfile.recent(recent).ifPresent(profile -> read.put(service, profile));
    });
    profiles = read;
  }

  private int waitingFor(String service) {
    return priority.get(service).size() + walkIn.get(service).size();
  }

  private int waiting() {
    return day.standardMinutes.keySet().stream().mapToInt(this::waitingFor).sum();
  }
}
