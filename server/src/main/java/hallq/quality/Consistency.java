package hallq.quality;

import hallq.db.PgConsistencyRepository;
import hallq.db.PgConsistencyRepository.ClerkFigures;
import hallq.report.ReportService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * 服务一致性: per service, how far its clerks differ in handling time and in satisfaction. For each
 * clerk, their median and P90 handling time and mean score; across the clerks, the median, P90 and
 * coefficient of variation (standard deviation ÷ mean) of those figures; and the outliers, named: a
 * clerk whose median handling time is over {@link #SLOW} times the clerks' median, or whose mean
 * score is more than {@link #LOW_SCORE} below the clerks' median.
 */
public final class Consistency {
  static final double SLOW = 1.5;
  static final double LOW_SCORE = 0.5;

  private final Pool pool;
  private final PgConsistencyRepository figures;

  public Consistency(Pool pool, String hallId) {
    this.pool = pool;
    this.figures = new PgConsistencyRepository(hallId);
  }

  public Future<JsonObject> of(LocalDate from, LocalDate to) {
    ReportService.requirePeriod(from, to);
    return pool.withConnection(sql -> figures.figures(sql, from, to)).map(all -> {
      Map<String, List<ClerkFigures>> byService = all.stream()
          .collect(Collectors.groupingBy(ClerkFigures::serviceCode, TreeMap::new, Collectors.toList()));
      JsonArray services = new JsonArray();
      byService.forEach((service, clerks) -> services.add(service(service, clerks)));
      return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("services", services);
    });
  }

  private static JsonObject service(String service, List<ClerkFigures> clerks) {
    List<Double> medians = clerks.stream().map(ClerkFigures::medianSeconds).toList();
    List<Double> scores = clerks.stream().map(ClerkFigures::meanScore).filter(s -> s != null).toList();
    Double medianOfMedians = percentile(medians, 0.5);
    Double medianScore = percentile(scores, 0.5);
    JsonArray outliers = new JsonArray();
    for (ClerkFigures clerk : clerks) {
      if (clerk.medianSeconds() > SLOW * medianOfMedians) {
        outliers.add(new JsonObject().put("clerk", clerk.clerk()).put("why", "SLOW").put("medianSeconds", clerk.medianSeconds()));
      }
      if (clerk.meanScore() != null && clerk.meanScore() < medianScore - LOW_SCORE) {
        outliers.add(new JsonObject().put("clerk", clerk.clerk()).put("why", "LOW_SCORE").put("meanScore", clerk.meanScore()));
      }
    }
    return new JsonObject()
        .put("serviceCode", service)
        .put("clerks", new JsonArray(clerks.stream().map(c -> new JsonObject()
            .put("clerk", c.clerk()).put("finished", c.finished()).put("medianSeconds", c.medianSeconds())
            .put("p90Seconds", c.p90Seconds()).put("meanScore", c.meanScore()).put("ratings", c.ratings())).toList()))
        .put("handling", spread(medians))
        .put("satisfaction", spread(scores))
        .put("outliers", outliers);
  }

  /** The median, P90 and coefficient of variation of the clerks' figures; nulls when there are none. */
  private static JsonObject spread(List<Double> values) {
    return new JsonObject()
        .put("median", percentile(values, 0.5))
        .put("p90", percentile(values, 0.9))
        .put("cv", cv(values));
  }

  /** As PostgreSQL's percentile_cont: linear between the two nearest of the sorted values. */
  static Double percentile(List<Double> values, double fraction) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    double position = fraction * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
  }

  /** Population standard deviation ÷ mean. */
  static Double cv(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    if (mean == 0) {
      return null;
    }
    double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElseThrow();
    return Math.sqrt(variance) / mean;
  }
}
