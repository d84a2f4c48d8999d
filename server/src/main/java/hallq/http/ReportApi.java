package hallq.http;

import hallq.DomainException;
import hallq.quality.Consistency;
import hallq.quality.IndicatorService;
import hallq.quality.KpiBoard;
import hallq.quality.QualityReports;
import hallq.quality.ReviewWorkbook;
import hallq.report.ReportExport;
import hallq.report.ReportGrouping;
import hallq.report.ReportService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reports for managers: JSON, or a CSV / XLSX download; and the 好差评 indicators. */
final class ReportApi {
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private final Vertx vertx;
  private final ReportService reports;
  private final IndicatorService indicators;
  private final KpiBoard kpi;
  private final Consistency consistency;
  private final QualityReports quality;

  ReportApi(Vertx vertx, ReportService reports, IndicatorService indicators, QualityReports quality) {
    this.vertx = vertx;
    this.reports = reports;
    this.indicators = indicators;
    this.kpi = quality.kpi();
    this.consistency = quality.consistency();
    this.quality = quality;
  }

  void getReviewReport(RoutingContext ctx) {
    Access.manager(ctx);
    String period = ctx.request().getParam("period");
    var report = quality.review().of(period);
    if (param(ctx, "format", "json").equals("json")) {
      Replies.json(ctx, report);
      return;
    }
    download(ctx, report.compose(json -> vertx.executeBlocking(() -> ReviewWorkbook.of(json), false)), "hallq-review-" + period + ".xlsx");
  }

  void setCorrectiveAction(RoutingContext ctx) {
    var by = Access.manager(ctx);
    String window = ctx.pathParam("window");
    Integer counterNo = window.equals("HALL") ? null : (int) Replies.wholeNumber("window", window);
    Replies.json(ctx, quality.correctiveActions().record(ctx.pathParam("period"), counterNo, ctx.pathParam("indicator"),
        ctx.body().asJsonObject(), by.name()));
  }

  void getKpiBoard(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, kpi.board(ctx.request().getParam("period")));
  }

  void getConsistency(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, consistency.of(date(ctx, "from"), date(ctx, "to")));
  }

  void evaluateWindows(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, kpi.windows(ctx.request().getParam("period")));
  }

  void setKpiTargets(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, kpi.setTargets(ctx.pathParam("period"), ctx.body().asJsonObject().getJsonObject("targets"), by.name()));
  }

  void listStandardVersions(RoutingContext ctx) {
    Access.manager(ctx);
    // The contract lets " 1", "1.0" and "1e0" through as integers; the days are written in digits.
    int days = (int) Replies.wholeNumber("days", param(ctx, "days", "28"));
    Replies.json(ctx, indicators.standardVersions(ctx.pathParam("serviceCode"), days));
  }

  void getIndicators(RoutingContext ctx) {
    Access.manager(ctx);
    String counter = ctx.request().getParam("counterNo");
    Integer counterNo = counter == null ? null : (int) Replies.wholeNumber("counterNo", counter);
    Replies.json(ctx, indicators.indicators(date(ctx, "from"), date(ctx, "to"), ReportGrouping.parse(param(ctx, "by", "all")), counterNo));
  }

  void getIndicatorRecords(RoutingContext ctx) {
    Access.manager(ctx);
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    download(ctx, indicators.records(from, to), "hallq-indicator-records-" + from + "-" + to + ".csv");
  }

  void getReport(RoutingContext ctx) {
    Access.manager(ctx);
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    ReportGrouping by = ReportGrouping.parse(param(ctx, "by", "service"));
    String format = param(ctx, "format", "json");
    var report = reports.report(from, to, by);
    if (format.equals("json")) {
      Replies.json(ctx, report);
      return;
    }
    String name = "hallq-report-" + from + "-" + to + "-" + by.name().toLowerCase() + "." + format;
    download(ctx, report.compose(json -> vertx.executeBlocking(() -> format.equals("csv") ? ReportExport.csv(json) : ReportExport.xlsx(json),
        false)), name);
  }

  private static void download(RoutingContext ctx, Future<byte[]> file, String name) {
    file.onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", name.endsWith(".csv") ? "text/csv; charset=utf-8" : XLSX)
            .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw DomainException.invalid(name, "must be a date like 2026-11-27");
    }
  }

  private static String param(RoutingContext ctx, String name, String fallback) {
    String value = ctx.request().getParam(name);
    return value == null ? fallback : value;
  }
}
