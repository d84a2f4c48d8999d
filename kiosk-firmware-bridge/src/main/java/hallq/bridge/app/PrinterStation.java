package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.device.PrinterCondition;
import hallq.bridge.device.ReceiptPrinter;
import hallq.bridge.printer.TicketPrintout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A kiosk's ticket printer. Before each ticket it asks the printer's status ({@code DLE EOT}); a
 * printer out of paper or with its cover open keeps the ticket until it can print. The status is
 * also polled on its own and each change reported to the server, where the kiosk screen learns to
 * show the number on screen instead.
 */
final class PrinterStation extends JobStation {
  private static final Set<PrinterCondition> PRINTS = Set.of(PrinterCondition.OK, PrinterCondition.PAPER_NEAR_END);

  private final ReceiptPrinter printer;
  private final ServerApi server;
  private PrinterCondition reported;

  PrinterStation(Vertx vertx, DeviceConfig device, PortRunner runner, BridgeConfig.Timing timing, JobBook book, ServerApi server) {
    super(vertx, device, runner, timing, book);
    this.printer = new ReceiptPrinter(runner.port(), device.qrMode());
    this.server = server;
  }

  @Override
  boolean takes(Job job) {
    return Job.PRINT_TICKET.equals(job.kind()) && device.kioskId().equals(job.kioskId());
  }

  @Override
  void start() {
    status();
    vertx.setPeriodic(timing.printerStatus().toMillis(), id -> status());
  }

  @Override
  protected Future<Report> perform(Job job) {
    TicketPrintout printout = printout(job.payload());
    return status().compose(condition -> {
      if (!PRINTS.contains(condition)) {
        return Future.failedFuture("the printer is " + condition);
      }
      return runner.run(() -> {
        printer.print(printout);
        return Report.DONE;
      });
    });
  }

  private Future<PrinterCondition> status() {
    return runner.run(() -> printer.status(timing.reply())).onSuccess(condition -> {
      if (condition != reported) {
        reported = condition;
        server.printer(device.kioskId(), condition.name());
      }
    });
  }

  static TicketPrintout printout(JsonObject payload) {
    return new TicketPrintout(payload.getString("hallName"), payload.getString("serviceName"), payload.getString("number"),
        payload.getString("issuedAt"), payload.getInteger("peopleAhead"), payload.getString("ticketUrl"));
  }
}
