package hallq.http;

import hallq.DomainException;
import hallq.report.DaySummaries;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The manager's summary of a service day (日终汇总). */
final class DaySummaryApi {
  private final DaySummaries summaries;

  DaySummaryApi(DaySummaries summaries) {
    this.summaries = summaries;
  }

  void getDaySummary(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, summaries.summary(day(ctx.pathParam("date"))));
  }

  private static LocalDate day(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw DomainException.invalid("date", "must be a date like 2026-11-27");
    }
  }
}
