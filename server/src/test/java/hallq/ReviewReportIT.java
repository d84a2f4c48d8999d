package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.ReviewScenario;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The monthly review report, its 纠正措施, and the next month's report showing whether the indicators moved. */
class ReviewReportIT extends HallTest {
  @Test
  @DisplayName("10 月 4 号窗口 CSAT 未达标，记录根本原因与纠正措施（达标项不能记）；11 月报告列出各窗口排名、未达标项及其按时段/事项/人员的分解、已记纠正措施，并显示 10 月措施后指标的变化；XLSX 与 JSON 数字一致")
  void aMonthsReviewWithItsCorrectiveActionsAndTheNextMonthsEffect() throws IOException {
    ReviewScenario.octoberAndNovember(hall);
    String manager = hall.manager();
    Reply notMissed = action("2026-10", "1", "goodRate", "-", "-", "-", "2026-11-15");
    assertEquals(409, notMissed.status(), "window 1 met its 好评率 in October");
    assertEquals("NOT_A_MISSED_ITEM", notMissed.body().getJsonObject("error").getString("code"));
    assertEquals("indicator", action("2026-11", "4", "nope", "a", "b", "c", "2026-12-31").errorField());
    assertEquals("dueDate", action("2026-11", "4", "goodRate", "a", "b", "c", "2026-10-31").errorField(), "due before the month");
    assertEquals("rootCause", action("2026-11", "4", "goodRate", "  ", "b", "c", "2026-12-31").errorField());
    assertEquals(403, Api.await(hall.api.send(HttpMethod.PUT, "/api/v1/kpi/corrective-actions/2026-11/4/goodRate", hall.clerk(1),
        ReviewScenario.actionBody("a", "b", "c", "2026-12-31"), null)).status());
    assertEquals(3L, hall.count("SELECT count(*) FROM corrective_action"), "refused actions changed nothing");

    JsonObject report = hall.api.get("/api/v1/kpi/review?period=2026-11", manager).body();
    assertEquals("2026-10", report.getString("previous"));
    assertEquals("2026-11-27", report.getString("asOf"));

    // The hall: 好评率 3 of 6 (October 1 of 3), CSAT 20 / 6 (October 7 / 3), both under target.
    JsonArray hallItems = report.getJsonArray("hall");
    JsonObject csat = hallItems.getJsonObject(0);
    assertEquals("csat", csat.getString("indicator"));
    assertEquals(3.33, csat.getDouble("actual"));
    assertEquals(2.33, csat.getDouble("previousActual"));
    assertEquals("BETTER", csat.getString("moved"));
    assertEquals(false, csat.getBoolean("met"));
    assertEquals(0.5, hallItems.getJsonObject(1).getDouble("actual"));
    assertEquals(0.333, hallItems.getJsonObject(1).getDouble("previousActual"), "rounded as printed");

    // Windows ranked: 1 (met all), 2 (missed two, weighted 65), 4 (missed two, weighted 15; last in October too).
    JsonArray windows = report.getJsonArray("windows");
    assertEquals(List.of(1, 2, 4), windows.stream().map(w -> ((JsonObject) w).getInteger("counterNo")).toList());
    JsonObject window4 = windows.getJsonObject(2);
    assertEquals(3, window4.getInteger("rank"));
    assertEquals(true, window4.getBoolean("lastTwice"));
    assertEquals(2, window4.getInteger("missedCount"));
    assertEquals(1.5, window4.getJsonObject("figures").getJsonObject("csat").getDouble("value"));
    assertEquals(3, window4.getJsonObject("figures").getJsonObject("csat").getInteger("rank"));

    // 未达标项: the hall's two (broken down by window), then window 2's two and window 4's two.
    JsonArray missed = report.getJsonArray("missed");
    assertEquals(6, missed.size(), missed.encode());
    JsonObject hallGood = missed.getJsonObject(1);
    assertNull(hallGood.getValue("counterNo"));
    JsonObject byWindow = hallGood.getJsonArray("breakdown").getJsonObject(0);
    assertEquals("counter", byWindow.getString("by"));
    assertEquals(List.of("4", "2", "1"), keys(byWindow), "worst first");
    assertNull(missed.getJsonObject(0).getValue("action"), "the hall's October action belongs to October, not November");
    JsonObject window4Csat = missed.getJsonObject(4);
    assertEquals(4, window4Csat.getInteger("counterNo"));
    assertEquals("csat", window4Csat.getString("indicator"));
    assertEquals(1.5, window4Csat.getDouble("actual"));
    assertEquals(1.0, window4Csat.getDouble("previousActual"));
    assertEquals("BETTER", window4Csat.getString("moved"));
    JsonArray breakdown = window4Csat.getJsonArray("breakdown");
    assertEquals(List.of("hour", "service", "clerk"), breakdown.stream().map(d -> ((JsonObject) d).getString("by")).toList());
    JsonObject service = breakdown.getJsonObject(1).getJsonArray("groups").getJsonObject(0);
    assertEquals("REAL_ESTATE", service.getString("key"));
    assertEquals(1.5, service.getDouble("value"));
    assertEquals(2L, service.getLong("finished"));
    assertNull(window4Csat.getValue("action"), "none recorded for November's CSAT");
    JsonObject window4Good = missed.getJsonObject(5);
    assertEquals("午间增开不动产窗口", window4Good.getJsonObject("action").getString("action"));
    assertEquals("2026-12-31", window4Good.getJsonObject("action").getString("dueDate"));

    // October's actions, and how their indicator moved since.
    JsonArray followUp = report.getJsonArray("followUp");
    assertEquals(2, followUp.size(), followUp.encode());
    JsonObject hallAction = followUp.getJsonObject(0);
    assertNull(hallAction.getValue("counterNo"));
    assertEquals(2.33, hallAction.getDouble("previousActual"));
    assertEquals(3.33, hallAction.getDouble("actual"));
    JsonObject windowAction = followUp.getJsonObject(1);
    assertEquals(4, windowAction.getInteger("counterNo"));
    assertEquals("一次性告知材料清单", windowAction.getString("action"));
    assertEquals(1.0, windowAction.getDouble("previousActual"));
    assertEquals(1.5, windowAction.getDouble("actual"));
    assertEquals("BETTER", windowAction.getString("moved"));
    assertEquals(false, windowAction.getBoolean("met"), "better, but 1.5 is still under 4.0");

    // The workbook holds the same figures, formatted as the page prints them.
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(hall.api.download("/api/v1/kpi/review?period=2026-11&format=xlsx", manager)))) {
      assertEquals(List.of("全厅 Hall", "窗口评价 Windows", "未达标项 Missed", "分解 Breakdown", "上期措施成效 Follow-up", "服务一致性 Consistency"),
          List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3), book.getSheetName(4), book.getSheetName(5)));
      assertEquals(List.of("4号窗口", "好评率", "90.0%", "0.0%", "0.0%", "持平", "差评集中于午间", "午间增开不动产窗口", "王科长", "2026-12-31"),
          cells(book.getSheet("未达标项 Missed").getRow(6)));
      assertEquals(List.of("4号窗口", "3", "2", "是", "2", "1.50", "3", "0.0%", "3"), cells(book.getSheet("窗口评价 Windows").getRow(3)));
      assertEquals(List.of("4号窗口", "CSAT（平均分）", "不动产材料反复补正", "一次性告知材料清单", "王科长", "2026-11-15", "1.00", "1.50", "4", "改善", "未达标"),
          cells(book.getSheet("上期措施成效 Follow-up").getRow(2)));
    }
    assertEquals(400, hall.api.get("/api/v1/kpi/review?period=2026-13", manager).status());
    assertEquals(403, hall.api.get("/api/v1/kpi/review?period=2026-11", hall.clerk(1)).status());
  }

  private static List<String> keys(JsonObject dimension) {
    return dimension.getJsonArray("groups").stream().map(g -> ((JsonObject) g).getString("key")).toList();
  }

  private static List<String> cells(Row row) {
    DataFormatter format = new DataFormatter();
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < row.getLastCellNum(); c++) {
      cells.add(format.formatCellValue(row.getCell(c)));
    }
    return cells;
  }

  private Reply action(String period, String window, String indicator, String rootCause, String action, String owner, String due) {
    return ReviewScenario.action(hall, period, window, indicator, rootCause, action, owner, due);
  }
}
