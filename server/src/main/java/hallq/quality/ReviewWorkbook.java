package hallq.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The review report as an XLSX workbook, one sheet per part of the report page, with the page's
 * figures: shares as percentages to a tenth, scores to two decimals.
 */
public final class ReviewWorkbook {
  static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("activeRate", "主动评价率"), Map.entry("unratedRate", "未评率"), Map.entry("goodRate", "好评率"),
      Map.entry("lowCount", "差评数"), Map.entry("replyRate", "差评回复率"), Map.entry("revisitRate", "回访整改率"),
      Map.entry("revisitSatisfiedRate", "回访整改满意率"), Map.entry("onTimeRate", "按期整改率"), Map.entry("overdueCases", "逾期整改数"),
      Map.entry("reopenRate", "重开率"), Map.entry("weightedScore", "加权满意度"), Map.entry("csat", "CSAT（平均分）"),
      Map.entry("withinTargetWaitRate", "等候达标率"), Map.entry("withinStandardTimeRate", "办理达标率"),
      Map.entry("onceDoneRate", "一次办成率"), Map.entry("nps", "净推荐值（NPS）"));
  private static final Map<String, String> MOVES = Map.of("BETTER", "改善", "WORSE", "变差", "SAME", "持平");
  private static final Map<String, String> DIMENSIONS = Map.of("hour", "时段", "service", "事项", "clerk", "人员", "counter", "窗口");

  private final XSSFWorkbook workbook = new XSSFWorkbook();
  private final CellStyle percent = style("0.0%");
  private final CellStyle decimal = style("0.00");
  private final CellStyle whole = style("0");

  private ReviewWorkbook() {}

  public static byte[] of(JsonObject report) {
    ReviewWorkbook book = new ReviewWorkbook();
    try (XSSFWorkbook workbook = book.workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      book.hall(report);
      book.windows(report);
      book.missed(report);
      book.breakdown(report);
      book.followUp(report);
      book.consistency(report);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void hall(JsonObject report) {
    Sheet sheet = workbook.createSheet("全厅 Hall");
    add(sheet, "报告期间 Period", report.getString("period"), report.getString("from") + " ~ " + report.getString("to"));
    add(sheet, "统计至 Figures up to", report.getString("asOf"));
    add(sheet, "上期 Previous period", report.getString("previous"));
    add(sheet);
    add(sheet, "指标 Indicator", "目标 Target", "本期 Actual", "上期 Previous", "变化 Change", "达标 Met");
    for (JsonObject item : objects(report.getJsonArray("hall"))) {
      String indicator = item.getString("indicator");
      add(sheet, name(indicator), target(item), figure(indicator, item.getValue("actual")), figure(indicator, item.getValue("previousActual")),
          move(item), met(item.getBoolean("met")));
    }
  }

  private void windows(JsonObject report) {
    Sheet sheet = workbook.createSheet("窗口评价 Windows");
    List<String> indicators = indicatorsOf(report);
    List<Object> heading = new ArrayList<>(List.of("窗口 Window", "综合排名 Rank", "未达标项 Missed", "连续两期末位 Last twice", "办结 Finished"));
    indicators.forEach(indicator -> {
      heading.add(name(indicator));
      heading.add("排名 Rank");
    });
    add(sheet, heading.toArray());
    for (JsonObject window : objects(report.getJsonArray("windows"))) {
      List<Object> cells = new ArrayList<>(List.of(window(window.getInteger("counterNo")), window.getInteger("rank"),
          window.getInteger("missedCount"), window.getBoolean("lastTwice") ? "是" : "否", window.getLong("finished")));
      for (String indicator : indicators) {
        JsonObject figure = window.getJsonObject("figures").getJsonObject(indicator);
        cells.add(figure(indicator, figure.getValue("value")));
        cells.add(figure.getValue("rank"));
      }
      add(sheet, cells.toArray());
    }
  }

  private void missed(JsonObject report) {
    Sheet sheet = workbook.createSheet("未达标项 Missed");
    add(sheet, "窗口 Window", "指标 Indicator", "目标 Target", "本期 Actual", "上期 Previous", "变化 Change",
        "根本原因 Root cause", "纠正措施 Corrective action", "责任人 Owner", "完成期限 Due");
    for (JsonObject item : objects(report.getJsonArray("missed"))) {
      String indicator = item.getString("indicator");
      JsonObject action = item.getJsonObject("action") == null ? new JsonObject() : item.getJsonObject("action");
      add(sheet, window(item.getInteger("counterNo")), name(indicator), target(item), figure(indicator, item.getValue("actual")),
          figure(indicator, item.getValue("previousActual")), move(item), action.getString("rootCause"), action.getString("action"),
          action.getString("owner"), action.getString("dueDate"));
    }
  }

  private void breakdown(JsonObject report) {
    Sheet sheet = workbook.createSheet("分解 Breakdown");
    add(sheet, "窗口 Window", "指标 Indicator", "维度 By", "分组 Group", "数值 Value", "办结 Finished");
    for (JsonObject item : objects(report.getJsonArray("missed"))) {
      String indicator = item.getString("indicator");
      for (JsonObject dimension : objects(item.getJsonArray("breakdown"))) {
        for (JsonObject group : objects(dimension.getJsonArray("groups"))) {
          add(sheet, window(item.getInteger("counterNo")), name(indicator), DIMENSIONS.get(dimension.getString("by")),
              group(dimension.getString("by"), group),
              figure(indicator, group.getValue("value")), group.getLong("finished"));
        }
      }
    }
  }

  private void followUp(JsonObject report) {
    Sheet sheet = workbook.createSheet("上期措施成效 Follow-up");
    add(sheet, "窗口 Window", "指标 Indicator", "根本原因 Root cause", "纠正措施 Corrective action", "责任人 Owner", "完成期限 Due",
        "上期 Previous", "本期 Actual", "目标 Target", "变化 Change", "达标 Met");
    for (JsonObject item : objects(report.getJsonArray("followUp"))) {
      String indicator = item.getString("indicator");
      add(sheet, window(item.getInteger("counterNo")), name(indicator), item.getString("rootCause"), item.getString("action"),
          item.getString("owner"), item.getString("dueDate"), figure(indicator, item.getValue("previousActual")),
          figure(indicator, item.getValue("actual")), target(item), move(item), met(item.getBoolean("met")));
    }
  }

  private void consistency(JsonObject report) {
    Sheet sheet = workbook.createSheet("服务一致性 Consistency");
    add(sheet, "事项 Service", "人员 Clerks", "办理时长中位数(秒) Median s", "P90(秒) s", "变异系数 CV",
        "满意度中位数 Median score", "P90", "变异系数 CV", "异常人员 Outliers");
    for (JsonObject service : objects(report.getJsonArray("consistency"))) {
      JsonObject handling = service.getJsonObject("handling");
      JsonObject satisfaction = service.getJsonObject("satisfaction");
      List<String> outliers = new ArrayList<>();
      objects(service.getJsonArray("outliers")).forEach(o -> outliers.add(o.getString("clerk") + (o.getString("why").equals("SLOW") ? " 偏慢" : " 评分偏低")));
      add(sheet, service.getString("name", service.getString("serviceCode")), service.getJsonArray("clerks").size(), decimal(handling.getValue("median")),
          decimal(handling.getValue("p90")), decimal(handling.getValue("cv")), decimal(satisfaction.getValue("median")),
          decimal(satisfaction.getValue("p90")), decimal(satisfaction.getValue("cv")), String.join("、", outliers));
    }
  }

  // ---- cells ----

  /** A number with the format it is shown in. */
  private record Formatted(Number value, CellStyle style) {}

  private Formatted figure(String indicator, Object value) {
    if (!(value instanceof Number number)) {
      return null;
    }
    return new Formatted(number, KpiBoard.isShare(indicator) ? percent : value instanceof Long || value instanceof Integer ? whole : decimal);
  }

  private Formatted decimal(Object value) {
    return value instanceof Number number ? new Formatted(number, decimal) : null;
  }

  private Object target(JsonObject item) {
    String indicator = item.getString("indicator");
    Object target = item.getValue("target");
    if (target == null) {
      return null;
    }
    boolean whole = !KpiBoard.isShare(indicator) && ((Number) target).doubleValue() == Math.rint(((Number) target).doubleValue());
    return new Formatted((Number) target, KpiBoard.isShare(indicator) ? percent : whole ? this.whole : decimal);
  }

  private static String move(JsonObject item) {
    return item.getString("moved") == null ? null : MOVES.get(item.getString("moved"));
  }

  private static String met(Boolean met) {
    return met == null ? null : met ? "达标" : "未达标";
  }

  static String name(String indicator) {
    return NAMES.getOrDefault(indicator, indicator);
  }

  /** A group as the page names it: 09时, a service's name, a clerk, 3号窗口. */
  private static String group(String by, JsonObject group) {
    String key = group.getString("key");
    return switch (by) {
      case "hour" -> key + "时";
      case "service" -> group.getString("name", key);
      case "counter" -> window(Integer.valueOf(key));
      default -> key;
    };
  }

  private static String window(Integer counterNo) {
    return counterNo == null ? "全厅" : counterNo + "号窗口";
  }

  private static List<String> indicatorsOf(JsonObject report) {
    List<String> indicators = new ArrayList<>();
    objects(report.getJsonArray("hall")).forEach(item -> indicators.add(item.getString("indicator")));
    return indicators;
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> objects = new ArrayList<>();
    array.forEach(item -> objects.add((JsonObject) item));
    return objects;
  }

  private CellStyle style(String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.createDataFormat().getFormat(format));
    return style;
  }

  private static void add(Sheet sheet, Object... values) {
    Row row = sheet.createRow(sheet.getPhysicalNumberOfRows());
    for (int c = 0; c < values.length; c++) {
      Object value = values[c];
      if (value == null) {
        continue;
      }
      Cell cell = row.createCell(c);
      if (value instanceof Formatted formatted) {
        cell.setCellValue(formatted.value().doubleValue());
        cell.setCellStyle(formatted.style());
      } else if (value instanceof Number number) {
        cell.setCellValue(number.doubleValue());
      } else {
        cell.setCellValue(value.toString());
      }
    }
  }
}
