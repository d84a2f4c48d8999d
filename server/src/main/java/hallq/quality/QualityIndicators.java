package hallq.quality;

import io.vertx.core.json.JsonObject;

/**
 * The 好差评 indicators, each defined here and nowhere else. Shares are fractions (0..1), null when
 * there is nothing to divide by. Tickets whose rating an upheld appeal took out count in none.
 *
 *
 * <p>NPS counts the citizens' answers to the optional 0..10 question, like their ratings only where
 * no upheld appeal took the rating out; default ratings carry none.
 *
 * @param weights the weighted satisfaction score's points per level, {@code weights[s - 1]} for score s
 * @param defaultsCount whether default ratings count in 好评率, the weighted score and CSAT (they
 *     never count as the citizen's own, in 主动评价率)
 * @param recallLimit a ticket recalled more often than this counts as 异常办理
 */
public record QualityIndicators(int[] weights, boolean defaultsCount, int recallLimit) {

  public JsonObject of(IndicatorCounts c) {
    long base = c.finished() - c.excluded();
    long[] counted = countedByLevel(c);
    long rated = counted[0] + counted[1] + counted[2] + counted[3] + counted[4];
    return new JsonObject()
        .put("finished", c.finished())
        .put("activeRatings", c.activeTotal())
        .put("defaultRatings", c.defaultTotal())
        .put("excludedRatings", c.excluded())
        .put("countedRatings", rated)
        // 主动评价率 + 默认评价率 + 未评率 = 1: every finished ticket is rated by its citizen, by default, or not yet.
        .put("activeRate", share(c.activeTotal(), base))
        .put("defaultRate", share(c.defaultTotal(), base))
        .put("unratedRate", share(base - c.activeTotal() - c.defaultTotal(), base))
        // 好评率: 非常满意 and 满意 among the ratings that count.
        .put("goodRate", share(counted[3] + counted[4], rated))
        .put("lowCount", c.low())
        .put("replyRate", share(c.replied(), c.low()))
        .put("revisitRate", share(c.revisited(), c.low()))
        .put("revisitSatisfiedRate", share(c.revisitSatisfied(), c.revisitAnswered()))
        .put("onTimeRate", share(c.casesOnTime(), c.casesDue()))
        .put("overdueCases", c.casesDue() - c.casesOnTime())
        // 重开率: cases reopened among those ever closed.
        .put("reopenRate", share(c.casesReopened(), c.casesClosedEver()))
        .put("weightedScore", mean(counted, weights))
        .put("csat", mean(counted, new int[] {1, 2, 3, 4, 5}))
        .put("nps", nps(c))
        .put("npsAnswers", c.recommendTotal())
        // Judged by the standard in force when each ticket was called.
        .put("withinTargetWaitRate", share(c.handling().withinTargetWait(), c.handling().called()))
        .put("withinStandardTimeRate", share(c.finished() - c.handling().overtime(), c.finished()))
        // 一次办成率: matters done on the visit among the finished tickets that were a matter to do (not enquiries).
        .put("onceDoneRate", share(c.handling().onceDone(), c.handling().onceDone() + c.handling().notDone()))
        .put("abnormal", new JsonObject()
            .put("overtime", c.handling().overtime())
            .put("abnormalOutcome", c.handling().abnormalOutcome())
            .put("noShow", c.handling().noShow())
            .put("transferred", c.handling().transferred())
            .put("recalledOverLimit", c.handling().recalledOverLimit()));
  }

  private long[] countedByLevel(IndicatorCounts c) {
    long[] counted = c.active().clone();
    if (defaultsCount) {
      for (int i = 0; i < counted.length; i++) {
        counted[i] += c.defaults()[i];
      }
    }
    return counted;
  }

  /** NPS: the % of answers 9–10 (promoters) minus the % of answers 0–6 (detractors), -100..100. */
  private static Double nps(IndicatorCounts c) {
    long[] answers = c.recommend();
    long detractors = 0;
    for (int n = 0; n <= 6; n++) {
      detractors += answers[n];
    }
    long promoters = answers[9] + answers[10];
    return c.recommendTotal() == 0 ? null : 100.0 * (promoters - detractors) / c.recommendTotal();
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static Double mean(long[] byLevel, int[] points) {
    long n = 0;
    long sum = 0;
    for (int i = 0; i < byLevel.length; i++) {
      n += byLevel[i];
      sum += byLevel[i] * points[i];
    }
    return n == 0 ? null : (double) sum / n;
  }
}
