package hallq.bench;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.CounterConfig;
import hallq.config.HallqConfig.ServiceTypeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated busy day at a hall, from a seed: who comes when and for what, how long each case takes,
 * and when each counter opens and pauses. Times are minutes after opening (09:00).
 *
 * <ul>
 *   <li>Arrivals: a Poisson stream per service whose rate follows the hour (a morning and an
 *       afternoon peak, a lunch dip); each service's share of the work matches the counters that
 *       serve it (a counter serving k services counts 1/k for each), and the whole hall is loaded to
 *       {@link #MEAN_LOAD} of its counters over the day, above 1 at the peaks.
 *   <li>Handling (started → finished): log-normal around the service's standard time, skewed to the
 *       right (a few cases take three times the usual); before it, the walk to the counter.
 *   <li>Some citizens have priority; some do not come when called (the counter waits 2 minutes).
 *   <li>Counters: one opens an hour late, each takes a lunch break (half at 12:00, half at 12:30)
 *       and a few short pauses at random.
 * </ul>
 */
final class BusyDay {
  static final double LAST_ISSUE_MINUTE = 450;
  static final double NO_SHOW_MINUTES = 2;

  /** Arrival rate in each hour from 09:00, relative to the day's mean. */
  private static final double[] HOURLY_WEIGHT = {1.0, 1.5, 1.2, 0.5, 0.7, 1.4, 1.1, 0.6};
  private static final double MEAN_LOAD = 0.75;
  private static final double HANDLING_MEDIAN_OF_STANDARD = 0.9;
  private static final double HANDLING_SIGMA = 0.55;
  private static final double PRIORITY_SHARE = 0.06;
  private static final double NO_SHOW_SHARE = 0.03;
  private static final double SHORT_PAUSES_PER_HOUR = 0.2;
  private static final int LATE_COUNTER = 12;

  record Citizen(int id, double arrivesAt, String service, boolean priority, double walkMinutes, double handlingMinutes,
      boolean noShow) {}

  record Pause(double from, double to) {}

  record Counter(int no, List<String> services, double opensAt, List<Pause> pauses) {
    boolean openAt(double minute) {
      return minute >= opensAt && pauses.stream().noneMatch(p -> minute >= p.from() && minute < p.to());
    }
  }

  final List<Citizen> citizens;
  final List<Counter> counters;
  final Map<String, Integer> standardMinutes;

  private BusyDay(List<Citizen> citizens, List<Counter> counters, Map<String, Integer> standardMinutes) {
    this.citizens = citizens;
    this.counters = counters;
    this.standardMinutes = standardMinutes;
  }

  static BusyDay generate(HallqConfig hall, long seed) {
    Random random = new Random(seed);
    Map<String, Integer> standard = new HashMap<>();
    hall.serviceTypes().forEach(s -> standard.put(s.code(), s.standardServiceMinutes()));
    List<Counter> counters = hall.counters().stream().map(c -> counter(c, random)).toList();
    List<Citizen> citizens = new ArrayList<>();
    for (ServiceTypeConfig service : hall.serviceTypes()) {
      double perHour = MEAN_LOAD * counterShare(hall.counters(), service.code()) * 60 / meanMinutesAtCounter(service);
      for (double minute = 0; ; ) {
        double weight = HOURLY_WEIGHT[Math.min((int) (minute / 60), HOURLY_WEIGHT.length - 1)];
        minute += -Math.log(1 - random.nextDouble()) * 60 / (perHour * weight);
        if (minute >= LAST_ISSUE_MINUTE) {
          break;
        }
        citizens.add(citizen(minute, service, random));
      }
    }
    citizens.sort(Comparator.comparingDouble(Citizen::arrivesAt));
    List<Citizen> numbered = new ArrayList<>();
    for (Citizen c : citizens) {
      numbered.add(new Citizen(numbered.size(), c.arrivesAt(), c.service(), c.priority(), c.walkMinutes(), c.handlingMinutes(), c.noShow()));
    }
    return new BusyDay(numbered, counters, standard);
  }

  private static Citizen citizen(double minute, ServiceTypeConfig service, Random random) {
    double handling = service.standardServiceMinutes() * HANDLING_MEDIAN_OF_STANDARD * Math.exp(HANDLING_SIGMA * random.nextGaussian());
    return new Citizen(0, minute, service.code(), random.nextDouble() < PRIORITY_SHARE, 0.5 + 1.5 * random.nextDouble(),
        handling, random.nextDouble() < NO_SHOW_SHARE);
  }

  private static double counterShare(List<CounterConfig> counters, String service) {
    return counters.stream().filter(c -> c.services().contains(service)).mapToDouble(c -> 1.0 / c.services().size()).sum();
  }

  /** The walk (1.25 on average) and the handling time's mean. */
  private static double meanMinutesAtCounter(ServiceTypeConfig service) {
    return 1.25 + service.standardServiceMinutes() * HANDLING_MEDIAN_OF_STANDARD * Math.exp(HANDLING_SIGMA * HANDLING_SIGMA / 2);
  }

  private static Counter counter(CounterConfig config, Random random) {
    List<Pause> pauses = new ArrayList<>();
    double lunch = config.no() % 2 == 0 ? 180 : 210;
    pauses.add(new Pause(lunch, lunch + 45));
    for (double minute = 0; ; ) {
      minute += -Math.log(1 - random.nextDouble()) * 60 / SHORT_PAUSES_PER_HOUR;
      if (minute >= LAST_ISSUE_MINUTE) {
        break;
      }
      pauses.add(new Pause(minute, minute + 5 + 15 * random.nextDouble()));
    }
    return new Counter(config.no(), config.services(), config.no() == LATE_COUNTER ? 60 : 0, pauses);
  }
}
