package hallq.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese) or XLSX (Apache POI). */
public final class ReportExport {
  /** Columns: JSON field and heading. */
  private static final String[][] COLUMNS = {
      {"key", "分组 Group"}, {"issued", "取号 Issued"}, {"served", "办结 Served"}, {"noShow", "过号 No-show"},
      {"noShowPercent", "过号率% No-show %"}, {"avgWaitSeconds", "平均等候秒 Avg wait s"}, {"p90WaitSeconds", "90%等候秒 P90 wait s"},
      {"avgServiceSeconds", "平均办理秒 Avg service s"}, {"p90ServiceSeconds", "90%办理秒 P90 service s"},
      {"withinTargetPercent", "等候达标% Within target %"}, {"ratings", "评价数 Ratings"},
      {"satisfactionPercent", "满意率% Satisfaction %"}, {"score5", "非常满意 5"}, {"score4", "满意 4"}, {"score3", "基本满意 3"},
      {"score2", "不满意 2"}, {"score1", "非常不满意 1"}, {"followUps", "整改件 Follow-ups"},
      {"followUpsOnTimePercent", "按时整改% On time %"}, {"utilisationPercent", "窗口利用率% Utilisation %"},
      {"servedLate", "延时服务 Served late"}, {"closedUnserved", "闭厅未办理 Closed unserved"}};

  private ReportExport() {}

  public static byte[] csv(JsonObject report) {
    List<String> headings = new ArrayList<>();
    for (String[] column : COLUMNS) {
      headings.add(column[1]);
    }
    List<List<Object>> lines = new ArrayList<>();
    for (JsonObject row : rows(report)) {
      List<Object> cells = new ArrayList<>();
      for (String[] column : COLUMNS) {
        cells.add(value(row, column[0]));
      }
      lines.add(cells);
    }
    return csv(headings, lines);
  }

  /** A table as CSV: a heading line, then a line a row; an empty cell for null, text quoted where it must be. */
  public static byte[] csv(List<String> headings, List<List<Object>> rows) {
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append(String.join(",", headings)).append("\r\n");
    for (List<Object> row : rows) {
      out.append(String.join(",", row.stream().map(ReportExport::csvCell).toList())).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] xlsx(JsonObject report) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(report.getString("from") + "_" + report.getString("to"));
      Row heading = sheet.createRow(0);
      for (int c = 0; c < COLUMNS.length; c++) {
        heading.createCell(c).setCellValue(COLUMNS[c][1]);
      }
      List<JsonObject> rows = rows(report);
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int c = 0; c < COLUMNS.length; c++) {
          Object value = value(rows.get(r), COLUMNS[c][0]);
          if (value instanceof Number number) {
            row.createCell(c).setCellValue(number.doubleValue());
          } else if (value != null) {
            row.createCell(c).setCellValue(value.toString());
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows, then the total. */
  private static List<JsonObject> rows(JsonObject report) {
    List<JsonObject> rows = new ArrayList<>();
    JsonArray array = report.getJsonArray("rows");
    array.forEach(row -> rows.add((JsonObject) row));
    rows.add(report.getJsonObject("total"));
    return rows;
  }

  private static Object value(JsonObject row, String field) {
    return field.startsWith("score") ? row.getJsonObject("scores").getValue(field.substring(5)) : row.getValue(field);
  }

  private static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
