package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 好差评 indicators over a generated day: tickets served at three windows by three clerks, rated
 * by their citizens or not (then by default), 差评 followed up on time, late or not at all, some
 * appealed and upheld. Each indicator is computed again here, from what the test did, with the
 * definitions written out afresh, and compared per hall, service, window and clerk.
 */
class IndicatorsIT extends HallTest {
  private static final long SEED = 20261202L;
  private static final int TICKETS = 80;
  private static final int[] WEIGHTS = {0, 30, 60, 80, 100};

  /** What the test did to one ticket it served: finished (then rated, followed up), or not. */
  private record Served(String service, int counter, String clerk, String end, String outcome, boolean overtime, int recalls,
      Integer score, boolean byDefault, boolean excluded, boolean replied, boolean revisited, Boolean satisfied, boolean closedOnTime) {
    boolean finished() {
      return end.equals("FINISHED");
    }

    boolean low() {
      return finished() && !byDefault && !excluded && score <= 2;
    }
  }

  /** How a ticket ends: finished (with an outcome, or none given: the default), a no-show, or transferred. */
  private static final List<String> ENDS = List.of("COMPLETED", "COMPLETED", "ACCEPTED", "RETURNED", "CONSULTED", "REFERRED", "",
      "NO_SHOW", "TRANSFERRED");
  private static final Set<String> ONCE_DONE = Set.of("COMPLETED", "ACCEPTED");
  private static final Set<String> NOT_DONE = Set.of("RETURNED", "REFERRED");

  private record Plan(String service, int counter, String end, boolean overtime, int recalls, Integer score, int caseSteps,
      boolean appeal, boolean late, Boolean satisfied) {
    boolean finished() {
      return !end.equals("NO_SHOW") && !end.equals("TRANSFERRED");
    }

    boolean hasCase() {
      return finished() && score != null && score <= 2;
    }
  }

  @Test
  @DisplayName("好差评指标（主动评价率、默认评价率、未评率、好评率、差评数、差评回复率、回访整改率、回访整改满意率、按期整改率、加权满意度、CSAT）、一次办成率与异常办理（超时、退回补正/转办、弃号、转走、超限重呼）与独立计算一致：全厅、业务、窗口、工作人员")
  void indicatorsMatchAnIndependentComputation() {
    Random random = new Random(SEED);
    Map<Integer, String> clerks = Map.of(1, hall.clerk(1), 2, hall.clerk(2), 4, hall.clerk(4));
    String manager = hall.manager();
    String admin = hall.login("admin", "hallq-admin", null);
    List<Plan> plans = new ArrayList<>();
    List<JsonObject> tickets = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      int counter = List.of(1, 2, 4).get(random.nextInt(3));
      String service = counter == 4 ? "REAL_ESTATE" : "SOCIAL_INSURANCE";
      int roll = random.nextInt(10);
      Integer score = roll < 3 ? null : roll < 6 ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
      Boolean satisfied = switch (random.nextInt(3)) { case 0 -> true; case 1 -> false; default -> null; };
      Plan plan = new Plan(service, counter, ENDS.get(random.nextInt(ENDS.size())), random.nextInt(6) == 0,
          random.nextInt(4), score, Math.min(4, random.nextInt(7)), random.nextInt(6) == 0, random.nextBoolean(), satisfied);
      plans.add(plan);
      tickets.add(serve(plan, clerks.get(counter)));
      if (plan.finished() && score != null) {
        JsonObject rating = new JsonObject().put("score", score);
        if (score <= 2) {
          rating.put("reason", "LONG_WAIT");
        }
        assertEquals(201, hall.asCitizen(tickets.get(i), "rating", rating).status());
      }
    }
    hall.issue("SOCIAL_INSURANCE");
    assertEquals("outcome", hall.api.post("/api/v1/counters/1/finish", clerks.get(1), new JsonObject().put("outcome", "NO_SUCH")).errorField());
    Map<String, Long> caseIds = caseIdsByTicket(manager);

    // On the day: appeals, and the steps of the cases followed up in time.
    for (int i = 0; i < TICKETS; i++) {
      Plan plan = plans.get(i);
      Long caseId = caseIds.get(tickets.get(i).getString("id"));
      if (caseId == null) {
        continue;
      }
      if (plan.appeal()) {
        assertEquals(200, act(caseId, new JsonObject().put("action", "APPEALED"), manager).status());
        assertEquals(200, act(caseId, new JsonObject().put("action", "APPEAL_UPHELD"), admin).status());
      } else if (!plan.late()) {
        steps(caseId, plan, manager);
      }
    }
    // Ten days on (the 5 working days to act and to rate ended on Friday 4 December): late cases, then default ratings.
    hall.clock.set(Instant.parse("2026-12-10T02:00:00Z"));
    String managerLater = hall.manager();
    for (int i = 0; i < TICKETS; i++) {
      Plan plan = plans.get(i);
      Long caseId = caseIds.get(tickets.get(i).getString("id"));
      if (caseId != null && !plan.appeal() && plan.late()) {
        steps(caseId, plan, managerLater);
      }
    }
    int defaults = Api.await(hall.server.defaultRatings().giveDue());

    List<Served> served = new ArrayList<>();
    for (Plan plan : plans) {
      boolean closed = plan.hasCase() && !plan.appeal() && plan.caseSteps() == 4;
      String end = plan.finished() ? "FINISHED" : plan.end();
      String outcome = !plan.finished() ? null : plan.end().isEmpty() ? "COMPLETED" : plan.end();
      served.add(new Served(plan.service(), plan.counter(), String.format("clerk%02d", plan.counter()), end, outcome,
          plan.finished() && plan.overtime(), plan.recalls(), plan.score() == null ? 4 : plan.score(),
          plan.finished() && plan.score() == null, plan.hasCase() && plan.appeal(),
          plan.hasCase() && !plan.appeal() && plan.caseSteps() >= 3, closed, closed ? plan.satisfied() : null, closed && !plan.late()));
    }
    assertEquals(served.stream().filter(s -> s.finished() && s.byDefault()).count(), defaults);
    assertTrue(served.stream().filter(Served::low).count() >= 8, "enough 差评 to follow up");
    assertTrue(served.stream().anyMatch(Served::excluded) && served.stream().anyMatch(Served::closedOnTime)
        && served.stream().anyMatch(s -> s.low() && s.revisited() && !s.closedOnTime()), "every kind of case happened");
    assertTrue(served.stream().anyMatch(Served::overtime) && served.stream().anyMatch(s -> s.recalls() > 2) && served.stream().anyMatch(s -> s.recalls() == 2)
        && served.stream().anyMatch(s -> s.end().equals("NO_SHOW")) && served.stream().anyMatch(s -> s.end().equals("TRANSFERRED")),
        "every kind of abnormal handling happened");

    compare("all", s -> "all", served);
    compare("service", Served::service, served);
    compare("counter", s -> String.valueOf(s.counter()), served);
    compare("clerk", Served::clerk, served);

    JsonObject empty = indicators("2026-11-28", "2026-11-30", "all").getJsonObject("total");
    assertEquals(0L, empty.getLong("finished"));
    assertNull(empty.getValue("goodRate"), "nothing to divide by: " + empty.encode());
    assertEquals("to", hall.api.get("/api/v1/indicators?from=2026-11-28&to=2026-11-27", managerLater).errorField());
    assertEquals(403, hall.api.get("/api/v1/indicators?from=2026-11-27&to=2026-11-27", hall.clerk(1)).status());
  }

  private void compare(String by, Function<Served, String> key, List<Served> served) {
    JsonObject reply = indicators("2026-11-27", "2026-11-27", by);
    Map<String, List<Served>> groups = served.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    JsonArray rows = by.equals("all") ? new JsonArray().add(reply.getJsonObject("total").copy().put("key", "all")) : reply.getJsonArray("rows");
    assertEquals(groups.size(), rows.size(), by + ": " + rows.encode());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      List<Served> group = groups.get(row.getString("key"));
      String where = by + " " + row.getString("key");
      JsonObject abnormal = row.getJsonObject("abnormal");
      assertEquals(count(group, s -> s.recalls() > 2), abnormal.getLong("recalledOverLimit"), where + " 超限重呼");
      assertEquals(count(group, s -> s.end().equals("NO_SHOW")), abnormal.getLong("noShow"), where + " 弃号");
      assertEquals(count(group, s -> s.end().equals("TRANSFERRED")), abnormal.getLong("transferred"), where + " 转走");
      group = group.stream().filter(Served::finished).toList();
      assertEquals(group.size(), row.getLong("finished"), where);
      assertEquals(count(group, Served::overtime), abnormal.getLong("overtime"), where + " 超时办理");
      assertEquals(count(group, s -> NOT_DONE.contains(s.outcome())), abnormal.getLong("abnormalOutcome"), where + " 退回补正、转办");
      same(where + " 一次办成率", ratio(count(group, s -> ONCE_DONE.contains(s.outcome())),
          count(group, s -> ONCE_DONE.contains(s.outcome()) || NOT_DONE.contains(s.outcome()))), row.getDouble("onceDoneRate"));
      long base = count(group, s -> !s.excluded());
      long active = count(group, s -> !s.excluded() && !s.byDefault());
      long byDefault = count(group, s -> !s.excluded() && s.byDefault());
      long low = count(group, Served::low);
      List<Served> counted = group.stream().filter(s -> !s.excluded()).toList();
      same(where + " 主动评价率", ratio(active, base), row.getDouble("activeRate"));
      same(where + " 默认评价率", ratio(byDefault, base), row.getDouble("defaultRate"));
      same(where + " 未评率", ratio(base - active - byDefault, base), row.getDouble("unratedRate"));
      same(where + " 好评率", ratio(count(counted, s -> s.score() >= 4), counted.size()), row.getDouble("goodRate"));
      assertEquals(low, row.getLong("lowCount"), where + " 差评数");
      same(where + " 差评回复率", ratio(count(group, s -> s.low() && s.replied()), low), row.getDouble("replyRate"));
      same(where + " 回访整改率", ratio(count(group, s -> s.low() && s.revisited()), low), row.getDouble("revisitRate"));
      same(where + " 回访整改满意率", ratio(count(group, s -> s.low() && Boolean.TRUE.equals(s.satisfied())),
          count(group, s -> s.low() && s.satisfied() != null)), row.getDouble("revisitSatisfiedRate"));
      // Every case is due ten days on: closed by its deadline or not.
      same(where + " 按期整改率", ratio(count(group, s -> s.low() && s.closedOnTime()), low), row.getDouble("onTimeRate"));
      assertEquals(low - count(group, s -> s.low() && s.closedOnTime()), row.getLong("overdueCases"), where + " 逾期");
      same(where + " 重开率", ratio(0, count(group, s -> s.low() && s.revisited())), row.getDouble("reopenRate"));
      same(where + " 加权满意度", counted.isEmpty() ? null
          : counted.stream().mapToDouble(s -> WEIGHTS[s.score() - 1]).average().orElseThrow(), row.getDouble("weightedScore"));
      same(where + " CSAT", counted.isEmpty() ? null : counted.stream().mapToDouble(Served::score).average().orElseThrow(),
          row.getDouble("csat"));
    }
  }

  private static long count(List<Served> group, Predicate<Served> which) {
    return group.stream().filter(which).count();
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : part / (double) whole;
  }

  private static void same(String what, Double expected, Double actual) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, what);
    } else {
      assertEquals(expected, actual, 1e-9, what);
    }
  }

  /** Issues a ticket and takes it through the plan at its counter; handling past the standard moves the clock on. */
  private JsonObject serve(Plan plan, String clerk) {
    JsonObject ticket = hall.issue(plan.service());
    ok(hall.counterOp(plan.counter(), "call-next", clerk));
    for (int i = 0; i < plan.recalls(); i++) {
      ok(hall.counterOp(plan.counter(), "recall", clerk));
    }
    if (plan.end().equals("NO_SHOW")) {
      ok(hall.counterOp(plan.counter(), "no-show", clerk));
      return ticket;
    }
    ok(hall.counterOp(plan.counter(), "start", clerk));
    if (plan.end().equals("TRANSFERRED")) {
      ok(hall.api.post("/api/v1/counters/" + plan.counter() + "/transfer", clerk, new JsonObject().put("serviceCode", "HOUSING_FUND")));
      return ticket;
    }
    hall.clock.advance(Duration.ofMinutes(plan.overtime() ? 25 : 3));
    ok(plan.end().isEmpty() ? hall.counterOp(plan.counter(), "finish", clerk)
        : hall.api.post("/api/v1/counters/" + plan.counter() + "/finish", clerk, new JsonObject().put("outcome", plan.end())));
    return ticket;
  }

  private static void ok(Reply reply) {
    assertEquals(200, reply.status(), reply.toString());
  }

  /** The case's steps in order, as many as planned: 核实, 整改, 反馈, 回访 (closes it, with the citizen's answer). */
  private void steps(long caseId, Plan plan, String manager) {
    List<String> actions = List.of("VERIFIED", "RECTIFIED", "FED_BACK", "REVISITED");
    for (int step = 0; step < plan.caseSteps() && step < actions.size(); step++) {
      JsonObject body = new JsonObject().put("action", actions.get(step)).put("note", "已处理");
      if (step == 0) {
        body.put("finding", "TRUE");
      }
      if (step == 3) {
        body.put("reached", true).put("satisfied", plan.satisfied());
      }
      Reply reply = act(caseId, body, manager);
      assertEquals(200, reply.status(), reply.toString());
    }
  }

  private Reply act(long caseId, JsonObject body, String token) {
    return hall.api.post("/api/v1/follow-ups/" + caseId + "/actions", token, body);
  }

  private Map<String, Long> caseIdsByTicket(String manager) {
    JsonArray cases = hall.api.get("/api/v1/follow-ups", manager).body().getJsonArray("cases");
    Map<String, Long> ids = new TreeMap<>();
    cases.forEach(c -> ids.put(((JsonObject) c).getString("ticketId"), ((JsonObject) c).getLong("id")));
    return ids;
  }

  private JsonObject indicators(String from, String to, String by) {
    Reply reply = hall.api.get("/api/v1/indicators?from=" + from + "&to=" + to + "&by=" + by, hall.manager());
    assertEquals(200, reply.status(), reply.toString());
    return reply.body();
  }
}
