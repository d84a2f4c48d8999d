package hallq.http;

import hallq.DomainException;
import hallq.quality.Consistency;
import hallq.quality.IndicatorService;
import hallq.quality.KpiBoard;
import hallq.report.ReportExport;
import hallq.report.ReportGrouping;
import hallq.report.ReportService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reports for managers: JSON, or a CSV / XLSX download; and the 好差评 indicators. */
final class ReportApi {
  private final Vertx vertx;
  private final ReportService reports;
  private final IndicatorService indicators;
  private final KpiBoard kpi;
  private final Consistency consistency;

  ReportApi(Vertx vertx, ReportService reports, IndicatorService indicators, KpiBoard kpi, Consistency consistency) {
    this.consistency = consistency;
    this.vertx = vertx;
    this.reports = reports;
    this.indicators = indicators;
    this.kpi = kpi;
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
    String name = "hallq-report-" + from + "-" + to + "-" + by.name().toLowerCase();
    report.compose(json -> vertx.executeBlocking(() -> format.equals("csv") ? ReportExport.csv(json) : ReportExport.xlsx(json), false))
        .onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", format.equals("csv")
                ? "text/csv; charset=utf-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .putHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"")
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
