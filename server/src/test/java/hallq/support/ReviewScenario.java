package hallq.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Two months of a small hall for the review report. Targets both months: 好评率 ≥ 90%, CSAT ≥ 4.
 * October (on the 15th): window 1 rated 5; window 4 rated 1 and 1, so it misses both, and its CSAT
 * and the hall's get a corrective action. November (on the 27th): window 1 rated 5, 5; window 2 rated
 * 5, 2; window 4 rated 2, 1 (its 好评率 gets a corrective action). The clock is left on 2026-11-27.
 */
public final class ReviewScenario {
  public static final JsonObject TARGETS = new JsonObject().put("targets", new JsonObject().put("goodRate", 0.9).put("csat", 4.0));

  private ReviewScenario() {}

  public static void octoberAndNovember(TestHall hall) {
    hall.clock.set(Instant.parse("2026-10-15T02:00:00Z"));
    hall.servedAndRated(1, 5);
    hall.servedAndRated(4, 1);
    hall.servedAndRated(4, 1);
    assertEquals(200, put(hall, "/api/v1/kpi/targets/2026-10", TARGETS).status());
    assertEquals(200, action(hall, "2026-10", "4", "csat", "不动产材料反复补正", "一次性告知材料清单", "王科长", "2026-11-15").status());
    assertEquals(200, action(hall, "2026-10", "HALL", "csat", "全厅评分偏低", "每周讲评", "李主任", "2026-11-30").status());

    hall.clock.set(Instant.parse("2026-11-27T02:00:00Z"));
    hall.servedAndRated(1, 5);
    hall.servedAndRated(1, 5);
    hall.servedAndRated(2, 5);
    hall.servedAndRated(2, 2);
    hall.servedAndRated(4, 2);
    hall.servedAndRated(4, 1);
    assertEquals(200, put(hall, "/api/v1/kpi/targets/2026-11", TARGETS).status());
    assertEquals(200, action(hall, "2026-11", "4", "goodRate", "差评集中于午间", "午间增开不动产窗口", "王科长", "2026-12-31").status());
  }

  /** PUT a corrective action as the manager. */
  public static Reply action(TestHall hall, String period, String window, String indicator, String rootCause, String action, String owner,
      String due) {
    return put(hall, "/api/v1/kpi/corrective-actions/" + period + "/" + window + "/" + indicator, actionBody(rootCause, action, owner, due));
  }

  public static JsonObject actionBody(String rootCause, String action, String owner, String due) {
    return new JsonObject().put("rootCause", rootCause).put("action", action).put("owner", owner).put("dueDate", due);
  }

  private static Reply put(TestHall hall, String path, JsonObject body) {
    return Api.await(hall.api.send(HttpMethod.PUT, path, hall.manager(), body, null));
  }
}
