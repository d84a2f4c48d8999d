package hallq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Browser;
import hallq.support.HallTest;
import hallq.support.ReviewScenario;
import hallq.support.TestHall;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/**
 * The review report as a hall manager reads and files it, in a real headless Chromium: opened from
 * the KPI board, a corrective action recorded on the page, the page printed to PDF by the browser, and
 * the PDF's text held against the XLSX workbook, figure by figure.
 */
class ReviewReportBrowserIT extends HallTest {
  private static final String NONE = "—";

  @Test
  @Timeout(120)
  @DisplayName("窗口评价报告：从 KPI 看板打开 11 月报告，为 2 号窗口好评率记录纠正措施；浏览器打印为 A4 PDF，PDF 中的每个数字与 XLSX 一致")
  void theReportPrintedToPdfHoldsTheWorkbooksFigures() throws IOException {
    ReviewScenario.octoberAndNovember(hall);
    hall.clock.set(Instant.parse("2026-11-30T02:00:00Z"));

    try (Browser page = Browser.open(1280, 900)) {
      page.go("http://127.0.0.1:" + hall.server.port() + "/manager/");
      page.find("login-username").sendKeys("manager");
      page.find("login-password").sendKeys(TestHall.MANAGER_PASSWORD);
      page.click("login-submit");
      page.until(d -> d.findElement(By.id("kpi-as-of")).getText().isEmpty() ? null : true);
      // The board opens on the browser's quarter; the manager picks November.
      ((JavascriptExecutor) page.driver()).executeScript(
          "const period = document.getElementById('kpi-period'); period.value = '2026-11'; period.dispatchEvent(new Event('change'));");
      page.until(d -> d.findElement(By.id("kpi-review")).getAttribute("href").endsWith("review.html?period=2026-11") ? true : null);
      page.click("kpi-review");

      page.waitForText("review-title", "窗口评价报告（2026-11）");
      String window4 = page.waitForText("missed-4-goodRate", "午间增开不动产窗口");
      assertTrue(window4.contains("按人员"), window4);
      page.waitForText("action-2-goodRate", "尚未记录纠正措施");
      page.find("action-2-goodRate-rootCause").sendKeys("周五下午社保窗口只开一个");
      page.find("action-2-goodRate-action").sendKeys("周五下午增开 3 号窗口");
      page.find("action-2-goodRate-owner").sendKeys("赵组长");
      ((JavascriptExecutor) page.driver()).executeScript("document.getElementById('action-2-goodRate-dueDate').value = '2026-12-15';");
      page.click("action-2-goodRate-save");
      page.waitForText("action-2-goodRate", "周五下午增开 3 号窗口");
      assertEquals(4L, hall.count("SELECT count(*) FROM corrective_action"));
      page.screenshot("review-report-1280x900");

      String pdfText;
      Path pdf = Browser.SCREENSHOTS.resolve("review-report-2026-11.pdf");
      byte[] printed = Base64.getDecoder().decode(((PrintsPage) page.driver()).print(new PrintOptions().setPageSize(PageSize.ISO_A4)).getContent());
      Files.write(pdf, printed);
      try (PDDocument document = Loader.loadPDF(printed)) {
        PDRectangle a4 = document.getPage(0).getMediaBox();
        assertEquals(210, a4.getWidth() * 25.4 / 72, 1, "A4 is 210 mm wide");
        assertEquals(297, a4.getHeight() * 25.4 / 72, 1, "and 297 mm high");
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        pdfText = normal(stripper.getText(document));
      }
      assertFalse(pdfText.contains("下载XLSX") || pdfText.contains("保存纠正措施"), "the toolbar and the forms are not printed: " + pdfText);

      byte[] xlsx = hall.api.download("/api/v1/kpi/review?period=2026-11&format=xlsx", hall.manager());
      try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
        int compared = comparedWith(book, pdfText);
        // 2 hall rows, 3 windows, 6 missed items × 2, 18 breakdown groups, 2 earlier actions × 7, 2 services.
        assertEquals(51, compared, "every part of the workbook compared");
      }
      page.click("lang-toggle");
      page.waitForText("review-title", "window review (2026-11)");
      page.waitForText("missed-2-goodRate", "Corrective action: 周五下午增开 3 号窗口");
    }
  }

  /** Holds every figure and text of the workbook against the printed page; returns how many it compared. */
  private static int comparedWith(XSSFWorkbook book, String pdf) {
    int compared = 0;
    // The hall's KPIs and the windows: each row reads across the printed table as in the sheet.
    for (Row row : dataRows(book.getSheet("全厅 Hall"), 5)) {
      compared += contains(pdf, String.join("", cells(row)), "hall row");
    }
    for (Row row : dataRows(book.getSheet("窗口评价 Windows"), 1)) {
      compared += contains(pdf, String.join("", cells(row)), "window row");
    }
    // Each 未达标项: its block on the page holds the sheet's figures, its breakdown and its corrective action.
    List<List<String>> missed = new ArrayList<>();
    dataRows(book.getSheet("未达标项 Missed"), 1).forEach(row -> missed.add(cells(row, 10)));
    for (int i = 0; i < missed.size(); i++) {
      List<String> item = missed.get(i);
      String block = block(pdf, missed, i);
      compared += contains(block, "目标" + item.get(2) + "本期" + item.get(3) + "上期" + item.get(4) + "变化" + item.get(5), "figures");
      if (item.get(6).equals(NONE)) {
        compared += contains(block, "尚未记录纠正措施", "no action");
      } else {
        compared += contains(block, "根本原因：" + item.get(6) + "纠正措施：" + item.get(7) + "责任人：" + item.get(8) + "完成期限：" + item.get(9), "action");
      }
    }
    for (Row row : dataRows(book.getSheet("分解 Breakdown"), 1)) {
      List<String> cells = cells(row);
      int item = indexOf(missed, cells.get(0), cells.get(1));
      compared += contains(block(pdf, missed, item), cells.get(3) + cells.get(4) + "（" + cells.get(5) + "件）", "breakdown");
    }
    // Last period's corrective actions, and the consistency of each service's clerks.
    String followUp = pdf.substring(pdf.indexOf("四、上期纠正措施成效"));
    for (Row row : dataRows(book.getSheet("上期措施成效 Follow-up"), 1)) {
      List<String> cells = cells(row);
      for (String text : cells.subList(0, 6)) {
        compared += contains(followUp, text, "follow-up text");
      }
      compared += contains(followUp, String.join("", cells.subList(6, 11)), "follow-up figures");
    }
    String consistency = pdf.substring(pdf.indexOf("五、服务一致性"));
    for (Row row : dataRows(book.getSheet("服务一致性 Consistency"), 1)) {
      compared += contains(consistency, String.join("", cells(row).subList(0, 8)), "consistency");
    }
    return compared;
  }

  /** The printed block of the {@code i}th 未达标项: from its heading to the next one's (or the next section). */
  private static String block(String pdf, List<List<String>> missed, int i) {
    int start = pdf.indexOf(heading(missed.get(i)), pdf.indexOf("三、未达标项"));
    assertTrue(start >= 0, "the page has no block " + heading(missed.get(i)) + ": " + pdf);
    int end = i + 1 < missed.size() ? pdf.indexOf(heading(missed.get(i + 1)), start) : pdf.indexOf("四、上期纠正措施成效");
    return pdf.substring(start, end);
  }

  private static String heading(List<String> item) {
    return item.get(0) + "·" + item.get(1);
  }

  private static int indexOf(List<List<String>> missed, String window, String indicator) {
    for (int i = 0; i < missed.size(); i++) {
      if (missed.get(i).get(0).equals(window) && missed.get(i).get(1).equals(indicator)) {
        return i;
      }
    }
    throw new AssertionError("no 未达标项 " + window + " " + indicator + " in the workbook");
  }

  private static int contains(String text, String expected, String what) {
    assertTrue(text.contains(normal(expected)), what + ": the printed page lacks '" + normal(expected) + "' in: " + text);
    return 1;
  }

  /** Text as compared: without white space (the PDF's spacing is the layout's) or the ≥ ≤ the page puts before a target. */
  private static String normal(String text) {
    return text.replaceAll("[\\s\\u3000≥≤]", "");
  }

  private static List<Row> dataRows(Sheet sheet, int first) {
    List<Row> rows = new ArrayList<>();
    for (int r = first; r <= sheet.getLastRowNum(); r++) {
      rows.add(sheet.getRow(r));
    }
    assertFalse(rows.isEmpty(), sheet.getSheetName() + " is empty");
    return rows;
  }

  /** A row's cells as the sheet shows them; an empty cell is the page's dash. */
  private static List<String> cells(Row row) {
    return cells(row, row.getLastCellNum());
  }

  private static List<String> cells(Row row, int width) {
    DataFormatter format = new DataFormatter();
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      String shown = format.formatCellValue(row.getCell(c));
      cells.add(shown.isEmpty() ? NONE : shown);
    }
    return cells;
  }
}
