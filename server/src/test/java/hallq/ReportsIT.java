package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reports against an independent computation: two generated days (fixed seed) of tickets served at
 * counters 1 and 7 with known waits, handling times, no-shows and ratings, read from their roll-ups.
 */
class ReportsIT extends HallTest {
  /** What the test made happen to one ticket. */
  record Served(JsonObject ticket, String serviceCode, int counterNo, long waitSeconds, Long serviceSeconds, boolean noShow, Integer score,
      Instant calledAt, Instant endedAt) {}

  private final List<Served> made = new ArrayList<>();

  @BeforeEach
  void twoGeneratedDays() {
    Random random = new Random(20261127);
    for (String day : List.of("2026-11-27T01:00:00Z", "2026-11-28T01:00:00Z")) {
      hall.clock.set(Instant.parse(day));
      for (int i = 0; i < 14; i++) {
        boolean social = random.nextBoolean();
        made.add(serveOne(social ? "SOCIAL_INSURANCE" : "HOUSING_FUND", social ? 1 : 7, random));
      }
    }
    hall.clock.set(Instant.parse("2026-12-01T02:00:00Z"));  // both days are settled: reports read their roll-ups
  }

  @Test
  @DisplayName("报表按业务：取号、办结、过号、平均和 90% 等候与办理时长、达标率、满意率与其独立计算相同")
  void figuresByServiceEqualAnIndependentComputation() {
    JsonObject report = report("by=service").body();
    for (String code : List.of("SOCIAL_INSURANCE", "HOUSING_FUND")) {
      List<Served> mine = made.stream().filter(s -> s.serviceCode().equals(code)).toList();
      JsonObject row = report.getJsonArray("rows").stream().map(JsonObject.class::cast)
          .filter(r -> r.getString("key").equals(code)).findFirst().orElseThrow();
      assertExpected(mine, row, hall.config.serviceType(code).orElseThrow().targetWaitMinutes());
    }
    assertEquals((long) made.size(), report.getJsonObject("total").getLong("issued"));
    assertEquals(2L, hall.count("SELECT count(*) FROM report_rolled"), "both days rolled up and settled");
  }

  @Test
  @DisplayName("已汇总的日子里来了新评价：该日重新汇总，报表随之更新")
  void aLateRatingRollsItsDayUpAgain() {
    long before = report("by=all").body().getJsonObject("total").getLong("ratings");
    Served unrated = made.stream().filter(s -> !s.noShow() && s.score() == null).findFirst().orElseThrow();
    assertEquals(201, hall.asCitizen(unrated.ticket(), "rating", new JsonObject().put("score", 5)).status());
    assertEquals(1L, hall.count("SELECT count(*) FROM report_rolled"), "the rating's day lost its mark");
    assertEquals(before + 1, report("by=all").body().getJsonObject("total").getLong("ratings"));
  }

  @Test
  @DisplayName("报表按窗口、办事员、时段分组；CSV 和 XLSX 导出与 JSON 数字一致")
  void groupingsAndExportsAgree() {
    JsonObject byCounter = report("by=counter").body();
    assertEquals(List.of("1", "7"), byCounter.getJsonArray("rows").stream().map(r -> ((JsonObject) r).getString("key")).toList());
    for (int counter : new int[] {1, 7}) {
      assertEquals(expectedUtilisation(counter), byCounter.getJsonArray("rows").getJsonObject(counter == 1 ? 0 : 1).getDouble("utilisationPercent"));
    }
    assertEquals(null, report("by=service").body().getJsonArray("rows").getJsonObject(0).getValue("utilisationPercent"),
        "utilisation belongs to counters");
    JsonObject byClerk = report("by=clerk").body();
    assertEquals(List.of("clerk01", "clerk07"), byClerk.getJsonArray("rows").stream()
        .map(r -> ((JsonObject) r).getString("key")).filter(k -> k != null).toList());
    JsonObject byHour = report("by=hour").body();
    assertTrue(byHour.getJsonArray("rows").getJsonObject(0).getString("key").equals("09"), byHour.encode());

    JsonObject json = report("by=service").body();
    String csv = new String(Api.await(raw("by=service&format=csv")).getBytes(), StandardCharsets.UTF_8);
    String[] lines = csv.replace("\uFEFF", "").split("\r\n");
    assertEquals(json.getJsonArray("rows").size() + 2, lines.length, "heading, rows, total");
    JsonObject first = json.getJsonArray("rows").getJsonObject(0);
    String[] cells = lines[1].split(",", -1);
    assertEquals(first.getString("key"), cells[0]);
    assertEquals(String.valueOf(first.getLong("issued")), cells[1]);
    assertEquals(String.valueOf(first.getDouble("p90WaitSeconds")), cells[6]);

    byte[] xlsx = Api.await(raw("by=service&format=xlsx")).getBytes();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertEquals(first.getString("key"), sheet.getRow(1).getCell(0).getStringCellValue());
      assertEquals(first.getLong("issued").doubleValue(), sheet.getRow(1).getCell(1).getNumericCellValue());
      assertEquals(first.getDouble("satisfactionPercent"), sheet.getRow(1).getCell(11).getNumericCellValue());
      assertEquals((double) made.size(), sheet.getRow(sheet.getLastRowNum()).getCell(1).getNumericCellValue(), "the total row");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(400, report("by=weekday").status());
    assertEquals("to", hall.api.get("/api/v1/reports?from=2026-11-28&to=2026-11-27", hall.manager()).errorField());
    assertEquals(403, hall.api.get("/api/v1/reports?from=2026-11-27&to=2026-11-28", hall.clerk(2)).status());
  }

  private void assertExpected(List<Served> mine, JsonObject row, int targetMinutes) {
    List<Served> served = mine.stream().filter(s -> !s.noShow()).toList();
    List<Double> waits = mine.stream().map(s -> (double) s.waitSeconds()).sorted().toList();
    List<Double> services = served.stream().map(s -> (double) s.serviceSeconds()).sorted().toList();
    List<Double> waitMinutes = waits.stream().map(w -> 60.0 * Math.floor(w / 60)).toList();
    List<Double> serviceMinutes = services.stream().map(w -> 60.0 * Math.floor(w / 60)).toList();
    List<Served> rated = mine.stream().filter(s -> s.score() != null).toList();
    assertEquals(mine.size(), row.getLong("issued"));
    assertEquals(served.size(), row.getLong("served"));
    assertEquals(mine.size() - served.size(), row.getLong("noShow"));
    assertEquals(average(waits), row.getDouble("avgWaitSeconds"), 0.051);
    assertEquals(percentileCont(waitMinutes, 0.9), row.getDouble("p90WaitSeconds"), 0.001, "P90 over whole minutes");
    assertEquals(average(services), row.getDouble("avgServiceSeconds"), 0.051);
    assertEquals(percentileCont(serviceMinutes, 0.9), row.getDouble("p90ServiceSeconds"), 0.001);
    assertEquals(percent(waits.stream().filter(w -> w <= targetMinutes * 60).count(), waits.size()), row.getDouble("withinTargetPercent"));
    assertEquals(rated.size(), row.getLong("ratings"));
    assertEquals(percent(rated.stream().filter(s -> s.score() >= 4).count(), rated.size()), row.getDouble("satisfactionPercent"));
    assertEquals(rated.stream().filter(s -> s.score() <= 2).count(), row.getLong("followUps"));
    assertEquals(percent(mine.size() - served.size(), mine.size()), row.getDouble("noShowPercent"));
  }

  /** Time with a citizen (called → ended) over the counter's working span of each day (first call → last end). */
  private Double expectedUtilisation(int counter) {
    double busy = 0;
    double span = 0;
    for (String day : List.of("2026-11-27", "2026-11-28")) {
      List<Served> mine = made.stream()
          .filter(s -> s.counterNo() == counter && s.calledAt().atZone(hall.config.hall().timeZone()).toLocalDate().toString().equals(day))
          .toList();
      if (mine.isEmpty()) {
        continue;
      }
      busy += mine.stream().mapToLong(s -> Duration.between(s.calledAt(), s.endedAt()).toSeconds()).sum();
      span += Duration.between(mine.stream().map(Served::calledAt).min(Instant::compareTo).orElseThrow(),
          mine.stream().map(Served::endedAt).max(Instant::compareTo).orElseThrow()).toSeconds();
    }
    return percent(Math.round(busy), Math.round(span));
  }

  private Served serveOne(String serviceCode, int counterNo, Random random) {
    JsonObject ticket = hall.issue(serviceCode);
    long wait = 60L * random.nextInt(35) + random.nextInt(60);
    hall.clock.advance(Duration.ofSeconds(wait));
    String clerk = hall.clerk(counterNo);
    assertEquals(200, hall.counterOp(counterNo, "call-next", clerk).status());
    Instant calledAt = hall.clock.instant();
    if (random.nextInt(8) == 0) {
      hall.counterOp(counterNo, "no-show", clerk);
      return new Served(ticket, serviceCode, counterNo, wait, null, true, null, calledAt, calledAt);
    }
    hall.counterOp(counterNo, "start", clerk);
    long service = 60L + random.nextInt(20 * 60);
    hall.clock.advance(Duration.ofSeconds(service));
    hall.counterOp(counterNo, "finish", clerk);
    Integer score = null;
    if (random.nextInt(3) > 0) {
      score = 1 + random.nextInt(5);
      JsonObject body = new JsonObject().put("score", score);
      if (score <= 2) {
        body.put("reason", "LONG_WAIT");
      }
      assertEquals(201, hall.asCitizen(ticket, "rating", body).status());
    }
    return new Served(ticket, serviceCode, counterNo, wait, service, false, score, calledAt, calledAt.plusSeconds(service));
  }

  private Reply report(String query) {
    return hall.api.get("/api/v1/reports?from=2026-11-27&to=2026-11-28&" + query, hall.manager());
  }

  private io.vertx.core.Future<Buffer> raw(String query) {
    String token = hall.manager();
    return hall.vertx.createHttpClient()
        .request(HttpMethod.GET, hall.server.port(), "127.0.0.1", "/api/v1/reports?from=2026-11-27&to=2026-11-28&" + query)
        .compose(request -> request.putHeader("Authorization", "Bearer " + token).send())
        .compose(response -> response.body());
  }

  /** PostgreSQL's percentile_cont: linear interpolation at position p·(n−1) of the sorted values. */
  static double percentileCont(List<Double> sorted, double p) {
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    double fraction = position - lower;
    return lower + 1 < sorted.size() ? sorted.get(lower) + fraction * (sorted.get(lower + 1) - sorted.get(lower)) : sorted.get(lower);
  }

  private static double average(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }
}
