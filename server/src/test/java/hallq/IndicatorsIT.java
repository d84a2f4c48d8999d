package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The 好差评 indicators over a generated day, and a generated quarter: tickets served at three windows by three clerks, rated
 * by their citizens or not (then by default), 差评 followed up on time, late or not at all, some
 * appealed and upheld. Each indicator is computed again here, from what the test did, with the
 * definitions written out afresh, and compared per hall, service, window and clerk.
 */
class IndicatorsIT extends HallTest {
  private static final long SEED = 20261202L;
  private static final int TICKETS = 80;
  private static final int QUARTER_TICKETS_A_DAY = 30;
  private static final int[] WEIGHTS = {0, 30, 60, 80, 100};

  /** What the test did to one ticket it served: finished (then rated, followed up), or not. */
  private record Served(LocalDate day, String number, String service, int counter, String clerk, String end, String outcome, boolean overtime, int recalls,
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
    LocalDate day = LocalDate.parse("2026-11-27");
    List<Served> served = generate(List.of(day), TICKETS, SEED);
    assertTrue(served.stream().filter(Served::low).count() >= 8, "enough 差评 to follow up");
    compareAll(day, day, served);

    String manager = hall.manager();
    assertEquals("outcome", hall.api.post("/api/v1/counters/1/finish", hall.clerk(1), new JsonObject().put("outcome", "NO_SUCH")).errorField());
    JsonObject empty = indicators("2026-11-28", "2026-11-30", "all").getJsonObject("total");
    assertEquals(0L, empty.getLong("finished"));
    assertNull(empty.getValue("goodRate"), "nothing to divide by: " + empty.encode());
    assertEquals("to", hall.api.get("/api/v1/indicators?from=2026-11-28&to=2026-11-27", manager).errorField());
    assertEquals(403, hall.api.get("/api/v1/indicators?from=2026-11-27&to=2026-11-27", hall.clerk(1)).status());
  }

  @Test
  @DisplayName("生成的一个季度（2026 年第三季度每个工作日 30 人）：指标与独立计算一致；逐件记录导出（CSV）可在 HallQ 之外重算，与生成的数据逐件相符；导出写入 target/quarter")
  void aGeneratedQuarterMatchesAnIndependentComputationAndItsRecordsAreExported() throws IOException {
    LocalDate first = LocalDate.parse("2026-07-01");
    LocalDate last = LocalDate.parse("2026-09-30");
    List<LocalDate> days = first.datesUntil(last.plusDays(1))
        .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).toList();
    List<Served> served = generate(days, QUARTER_TICKETS_A_DAY, SEED + 1);
    assertEquals(days.size() * QUARTER_TICKETS_A_DAY, served.size());
    compareAll(first, last, served);

    // The records an auditor recomputes the indicators from, outside HallQ: one per ticket, as generated.
    String manager = hall.manager();
    String query = "?from=" + first + "&to=" + last;
    byte[] csv = hall.api.download("/api/v1/indicators/records" + query, manager);
    List<Map<String, String>> records = parseCsv(new String(csv, StandardCharsets.UTF_8));
    assertEquals(served.size(), records.size());
    Map<String, Served> byNumber = new TreeMap<>();
    served.forEach(s -> byNumber.put(s.day() + " " + s.number(), s));
    for (Map<String, String> record : records) {
      Served s = byNumber.get(record.get("service_day") + " " + record.get("number"));
      String where = "record " + record;
      assertEquals(s.service(), record.get("service_code"), where);
      assertEquals(String.valueOf(s.counter()), record.get("counter_no"), where);
      assertEquals(s.end(), record.get("status"), where);
      assertEquals(s.recalls(), Integer.parseInt(record.get("recall_count")), where);
      assertEquals(s.finished() ? String.valueOf(s.score()) : "", record.get("score"), where);
      assertEquals(s.finished() && s.byDefault() ? "DEFAULT" : s.finished() ? "TICKET_PAGE" : "", record.get("channel"), where);
      assertEquals(s.excluded() ? "true" : s.finished() ? "false" : "", record.get("excluded"), where);
      if (s.low() && s.revisited()) {
        assertEquals("true", record.get("revisited"), where);
      }
    }
    Path out = Path.of("target", "quarter");
    Files.createDirectories(out);
    Files.write(out.resolve("indicator-records-2026-Q3.csv"), csv);
    for (String by : List.of("all", "service", "counter", "clerk")) {
      Files.writeString(out.resolve("indicators-2026-Q3-" + by + ".json"),
          hall.api.get("/api/v1/indicators" + query + "&by=" + by, manager).body().encodePrettily());
    }
    assertEquals(200, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/kpi/targets/2026-Q3", manager,
        new JsonObject().put("targets", new JsonObject().put("goodRate", 0.6).put("csat", 3.5).put("onTimeRate", 0.9)), null)).status());
    Files.write(out.resolve("review-2026-Q3.xlsx"), hall.api.download("/api/v1/kpi/review?period=2026-Q3&format=xlsx", manager));
    assertEquals(403, hall.api.get("/api/v1/indicators/records" + query, hall.clerk(1)).status());
  }

  /**
   * Serves {@code perDay} tickets on each of these days by plan (random, from the seed), rates them,
   * appeals and follows up the 差评 (on the day, or ten days after the last day: late), gives the
   * default ratings as the server does each night, and returns what was done, ticket by ticket.
   */
  private List<Served> generate(List<LocalDate> days, int perDay, long seed) {
    Random random = new Random(seed);
    List<Plan> plans = new ArrayList<>();
    List<JsonObject> tickets = new ArrayList<>();
    Map<String, Long> caseIds = new TreeMap<>();
    int defaults = 0;
    for (LocalDate day : days) {
      hall.clock.set(day.atTime(1, 30).toInstant(ZoneOffset.UTC));
      defaults += Api.await(hall.server.defaultRatings().giveDue());
      Map<Integer, String> clerks = Map.of(1, hall.clerk(1), 2, hall.clerk(2), 4, hall.clerk(4));
      String manager = hall.manager();
      String admin = hall.login("admin", "hallq-admin", null);
      int firstToday = plans.size();
      for (int i = 0; i < perDay; i++) {
        Plan plan = plan(random);
        plans.add(plan);
        JsonObject ticket = serve(plan, clerks.get(plan.counter()));
        tickets.add(ticket);
        if (plan.finished() && plan.score() != null) {
          JsonObject rating = new JsonObject().put("score", plan.score());
          if (plan.score() <= 2) {
            rating.put("reason", "LONG_WAIT");
          }
          assertEquals(201, hall.asCitizen(ticket, "rating", rating).status());
        }
      }
      caseIds.putAll(caseIdsByTicket(manager));
      // On the day: appeals, and the steps of the cases followed up in time.
      for (int i = firstToday; i < plans.size(); i++) {
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
    }
    // Ten days after the last (its 5 working days to act and to rate have ended): late cases, then default ratings.
    hall.clock.set(days.get(days.size() - 1).plusDays(13).atTime(2, 0).toInstant(ZoneOffset.UTC));
    String managerLater = hall.manager();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      Long caseId = caseIds.get(tickets.get(i).getString("id"));
      if (caseId != null && !plan.appeal() && plan.late()) {
        steps(caseId, plan, managerLater);
      }
    }
    defaults += Api.await(hall.server.defaultRatings().giveDue());

    List<Served> served = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      boolean closed = plan.hasCase() && !plan.appeal() && plan.caseSteps() == 4;
      String end = plan.finished() ? "FINISHED" : plan.end();
      String outcome = !plan.finished() ? null : plan.end().isEmpty() ? "COMPLETED" : plan.end();
      served.add(new Served(days.get(i / perDay), tickets.get(i).getString("number"), plan.service(), plan.counter(), String.format("clerk%02d", plan.counter()), end, outcome,
          plan.finished() && plan.overtime(), plan.recalls(), plan.score() == null ? 4 : plan.score(),
          plan.finished() && plan.score() == null, plan.hasCase() && plan.appeal(),
          plan.hasCase() && !plan.appeal() && plan.caseSteps() >= 3, closed, closed ? plan.satisfied() : null, closed && !plan.late()));
    }
    assertEquals(served.stream().filter(s -> s.finished() && s.byDefault()).count(), defaults);
    assertTrue(served.stream().anyMatch(Served::excluded) && served.stream().anyMatch(Served::closedOnTime)
        && served.stream().anyMatch(s -> s.low() && s.revisited() && !s.closedOnTime()), "every kind of case happened");
    assertTrue(served.stream().anyMatch(Served::overtime) && served.stream().anyMatch(s -> s.recalls() > 2) && served.stream().anyMatch(s -> s.recalls() == 2)
        && served.stream().anyMatch(s -> s.end().equals("NO_SHOW")) && served.stream().anyMatch(s -> s.end().equals("TRANSFERRED")),
        "every kind of abnormal handling happened");
    return served;
  }

  private static Plan plan(Random random) {
    int counter = List.of(1, 2, 4).get(random.nextInt(3));
    String service = counter == 4 ? "REAL_ESTATE" : "SOCIAL_INSURANCE";
    int roll = random.nextInt(10);
    Integer score = roll < 3 ? null : roll < 6 ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
    Boolean satisfied = switch (random.nextInt(3)) { case 0 -> true; case 1 -> false; default -> null; };
    return new Plan(service, counter, ENDS.get(random.nextInt(ENDS.size())), random.nextInt(6) == 0,
        random.nextInt(4), score, Math.min(4, random.nextInt(7)), random.nextInt(6) == 0, random.nextBoolean(), satisfied);
  }

  private void compareAll(LocalDate from, LocalDate to, List<Served> served) {
    compare(from, to, "all", s -> "all", served);
    compare(from, to, "service", Served::service, served);
    compare(from, to, "counter", s -> String.valueOf(s.counter()), served);
    compare(from, to, "clerk", Served::clerk, served);
  }

  /** A CSV of HallQ's (a heading line, then records; UTF-8 with a byte-order mark; no quoted commas in these columns). */
  private static List<Map<String, String>> parseCsv(String text) {
    String[] lines = text.replace("\uFEFF", "").split("\r\n");
    String[] heading = lines[0].split(",", -1);
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", -1);
      Map<String, String> record = new LinkedHashMap<>();
      for (int c = 0; c < heading.length; c++) {
        record.put(heading[c], cells[c]);
      }
      records.add(record);
    }
    return records;
  }

  private void compare(LocalDate from, LocalDate to, String by, Function<Served, String> key, List<Served> served) {
    JsonObject reply = indicators(from.toString(), to.toString(), by);
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
