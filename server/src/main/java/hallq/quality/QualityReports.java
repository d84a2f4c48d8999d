package hallq.quality;

import hallq.config.HallqConfig;
import hallq.queue.HallClock;
import io.vertx.sqlclient.Pool;

/** The hall's quality reviews: the KPI board and 窗口评价, 服务一致性, the review report and its 纠正措施. */
public record QualityReports(KpiBoard kpi, Consistency consistency, ReviewReport review, CorrectiveActions correctiveActions) {
  public static QualityReports of(Pool pool, HallqConfig config, HallClock clock, IndicatorService indicators) {
    String hallId = config.hall().id();
    KpiBoard kpi = new KpiBoard(pool, hallId, clock, indicators);
    Consistency consistency = new Consistency(pool, hallId);
    return new QualityReports(kpi, consistency, new ReviewReport(pool, config, clock, indicators, kpi, consistency),
        new CorrectiveActions(pool, hallId, clock, kpi));
  }
}
