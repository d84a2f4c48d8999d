package hallq.quality;

import hallq.rating.Rating;

/**
 * What the indicators are computed from, for one period and one row (the hall, a service, a window,
 * a clerk): finished tickets, ratings by level and kind, the 差评 follow-up cases, and how tickets
 * were handled.
 *
 * @param finished tickets finished (办结) in the period
 * @param excluded ratings an upheld 申诉复核 took out of the indicators (their tickets count nowhere)
 * @param active the citizens' own ratings by level, {@code active[s - 1]} for score s
 * @param defaults default ratings (默认评价) by level
 * @param replied 差评 whose case reported back to the citizen (反馈)
 * @param revisited 差评 whose case was revisited (回访)
 * @param revisitAnswered revisited 差评 whose citizen said whether they were satisfied
 * @param revisitSatisfied of those, the satisfied ones
 * @param casesDue 差评 cases closed, or past their deadline
 * @param casesOnTime of those, closed by the deadline
 * @param casesClosedEver 差评 cases closed at least once
 * @param casesReopened of those, reopened (重开)
 * @param recommend the NPS answers that count by value, {@code recommend[n]} for n = 0..10
 * @param handling how the period's tickets were handled
 */
public record IndicatorCounts(long finished, long excluded, long[] active, long[] defaults, long replied, long revisited,
    long revisitAnswered, long revisitSatisfied, long casesDue, long casesOnTime, long casesClosedEver, long casesReopened,
    long[] recommend, Handling handling) {

  /**
   * @param onceDone finished with an outcome that did the citizen's matter on this visit (一次办成)
   * @param notDone finished with an outcome that did not (退回补正, 转办 …)
   * @param abnormalOutcome finished with an outcome the hall counts as 异常办理
   * @param overtime finished after handling longer than the standard time then in force (超时办理)
   * @param noShow tickets that ended as 过号/弃号
   * @param transferred tickets transferred to another service
   * @param recalledOverLimit tickets recalled more often than the limit
   * @param called tickets called
   * @param withinTargetWait of those, called within the target wait of the standard then in force
   */
  public record Handling(long onceDone, long notDone, long abnormalOutcome, long overtime, long noShow, long transferred,
      long recalledOverLimit, long called, long withinTargetWait) {}

  /** A period with no finished ticket. */
  public static final IndicatorCounts NONE = new IndicatorCounts(0, 0, new long[5], new long[5], 0, 0, 0, 0, 0, 0, 0, 0,
      new long[Rating.MAX_RECOMMEND + 1], new Handling(0, 0, 0, 0, 0, 0, 0, 0, 0));

  /** Both rows' counts together (every count is a number of tickets, cases or ratings). */
  public IndicatorCounts plus(IndicatorCounts o) {
    Handling h = handling;
    Handling g = o.handling;
    return new IndicatorCounts(finished + o.finished, excluded + o.excluded, add(active, o.active), add(defaults, o.defaults),
        replied + o.replied, revisited + o.revisited, revisitAnswered + o.revisitAnswered, revisitSatisfied + o.revisitSatisfied,
        casesDue + o.casesDue, casesOnTime + o.casesOnTime, casesClosedEver + o.casesClosedEver, casesReopened + o.casesReopened,
        add(recommend, o.recommend), new Handling(h.onceDone() + g.onceDone(), h.notDone() + g.notDone(), h.abnormalOutcome() + g.abnormalOutcome(),
            h.overtime() + g.overtime(), h.noShow() + g.noShow(), h.transferred() + g.transferred(),
            h.recalledOverLimit() + g.recalledOverLimit(), h.called() + g.called(), h.withinTargetWait() + g.withinTargetWait()));
  }

  private static long[] add(long[] a, long[] b) {
    long[] sum = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  public long activeTotal() {
    return sum(active);
  }

  public long defaultTotal() {
    return sum(defaults);
  }

  public long recommendTotal() {
    return sum(recommend);
  }

  /** 差评: the citizens' own ratings of 2 (不满意) or 1 (非常不满意). */
  public long low() {
    return active[0] + active[1];
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long n : counts) {
      total += n;
    }
    return total;
  }
}
