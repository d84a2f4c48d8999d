package hallq.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import hallq.bridge.escpos.Bitmap;
import hallq.bridge.pad.Key;
import hallq.bridge.pad.RatingReason;
import hallq.bridge.pad.Score;
import hallq.bridge.sim.PrintedTicket;
import hallq.bridge.sim.SimulatedDevices;
import hallq.support.Api;
import hallq.support.CuttableProxy;
import hallq.support.Eventually;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole path over real pseudo-terminals: server → bridge (jssc) → simulated printer, LED signs,
 * pads and keypads, and back. The bridge is the demo hall's (kiosk-1, counters 1–3).
 */
class DevicesEndToEndIT extends HallTest {
  private static final String PRINTER = "printer-kiosk-1";

  @BeforeEach
  void hallTimeIsNow() {
    hall.clock.set(Instant.now());
  }

  @Test
  @DisplayName("取号 → 打印机打出号票，光栅二维码解码回号票页面链接；任务确认完成")
  void anIssuedTicketIsPrintedWithItsQrCode(Vertx vertx) throws Exception {
    try (BridgeBench bench = BridgeBench.start(vertx, hall.server.port(),
        json -> json.getJsonArray("ports").getJsonObject(0).getJsonArray("devices").getJsonObject(0).put("qrMode", "RASTER"))) {
      Reply issued = hall.api.post("/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", "SOCIAL_INSURANCE"));
      PrintedTicket printed = printedTickets(bench, 1).get(0);
      String number = issued.ticket().getString("number");
      assertTrue(printed.texts().contains(number), printed.texts().toString());
      assertTrue(printed.texts().contains("前面还有 0 人"), printed.texts().toString());
      assertEquals(issued.body().getString("ticketPageUrl"), decode(printed.images().get(0)));
      Eventually.await("the print job is done", () -> hall.count("SELECT count(*) FROM device_job WHERE kind = 'PRINT_TICKET' AND outcome = 'DONE'") == 1);
      Eventually.await("the printer reported OK", () -> "OK".equals(hall.api.get("/api/v1/devices/kiosk-1/printer", TestHall.KIOSK).body().getString("printer")));
    }
  }

  @Test
  @DisplayName("叫号显示在 BX-5K 条屏；暂停显示在 Modbus 数码屏")
  void callsAndPausesShowOnTheSigns(Vertx vertx) {
    try (BridgeBench bench = BridgeBench.start(vertx, hall.server.port(), json -> {})) {
      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      assertEquals(200, hall.counterOp(1, "call-next", hall.clerk(1)).status());
      Eventually.await("sign 1 shows the call", () -> bench.devices.sign("sign-1").describe(),
          text -> text.contains("请" + ticket.getString("number") + "号到1号窗口"));
      assertEquals(200, hall.counterOp(3, "pause", hall.clerk(3)).status());
      Eventually.await("sign 3 shows 暂停服务", () -> bench.devices.sign("sign-3").describe(), text -> text.contains("暂停服务"));
    }
  }

  @Test
  @DisplayName("办结后评价器亮起，按键成为该号评价；超时则不评价")
  void aPadKeyPressBecomesTheTicketsRating(Vertx vertx) {
    try (BridgeBench bench = BridgeBench.start(vertx, hall.server.port(), json -> {})) {
      JsonObject rated = serveAndFinish(2);
      SimulatedDevices.Pad pad = bench.devices.pad("pad-2");
      Eventually.await("pad 2 asks for a rating", pad::asking);
      assertTrue(pad.press(Score.fromWire(2).orElseThrow(), RatingReason.POOR_ATTITUDE));
      JsonObject rating = Eventually.await("the rating reaches the server", () -> rating(rated), r -> r != null);
      assertEquals(2, rating.getInteger("score"));
      assertEquals("EVALUATION_PAD", rating.getString("channel"));
      assertEquals("POOR_ATTITUDE", rating.getString("reason"));

      JsonObject ignored = serveAndFinish(2);
      Eventually.await("pad 2 asks again", pad::asking);
      Eventually.await("the 2 s window passes", () -> hall.count("SELECT count(*) FROM device_job WHERE outcome = 'TIMED_OUT'") == 1);
      assertEquals(null, rating(ignored), "a timeout leaves the ticket unrated");
    }
  }

  @Test
  @DisplayName("呼叫器按叫号键叫下一位，小屏显示号码；无人登录的窗口显示拒绝原因")
  void aKeypadKeyCallsTheNextTicket(Vertx vertx) {
    try (BridgeBench bench = BridgeBench.start(vertx, hall.server.port(), json -> {})) {
      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      hall.clerk(1);
      SimulatedDevices.Keypad keypad = bench.devices.keypad("keypad-1");
      Eventually.await("the bridge has read keypad 1's baseline",
          () -> hall.count("SELECT count(*) FROM bridge_device WHERE device_id = 'keypad-1' AND online") == 1);
      pressUntilShown(keypad, Key.CALL_NEXT, ticket.getString("number"));
      assertEquals("CALLED", hall.api.get("/api/v1/tickets/" + ticket.getString("id"), TestHall.KIOSK).ticket().getString("status"));
      pressUntilShown(keypad, Key.CALL_NEXT, "COUNTER_BUSY");

      pressUntilShown(bench.devices.keypad("keypad-3"), Key.CALL_NEXT, "NO_CLERK_SIGNED_");
    }
  }

  @Test
  @DisplayName("取号机的身份证读卡器以 IDREADER 上报在线，拔出后上报离线")
  void theKiosksIdCardReaderReportsItsState(Vertx vertx) {
    try (BridgeBench bench = BridgeBench.start(vertx, hall.server.port(), json -> json.getJsonObject("timing").put("idCardPollMillis", 100))) {
      String reader = "SELECT count(*) FROM bridge_device WHERE device_id = 'idreader-kiosk-1' AND kind = 'IDREADER' AND kiosk_id = 'kiosk-1'";
      Eventually.await("the reader is reported online", () -> hall.count(reader + " AND online AND detail LIKE '%0 bad frames dropped'") == 1);
      bench.devices.wire("idreader-kiosk-1").unplug();
      Eventually.await("the reader is reported offline", () -> hall.count(reader + " AND NOT online") == 1);
    }
  }

  @Test
  @DisplayName("打印中拔掉打印机：桥接上报离线，插回后任务完成，只打印一次")
  void anUnpluggedPrinterPrintsWhenItIsBack(Vertx vertx) throws Exception {
    try (BridgeBench bench = BridgeBench.start(vertx, hall.server.port(), json -> {})) {
      printedTickets(bench, 0);
      bench.devices.wire(PRINTER).unplug();
      JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
      Eventually.await("the bridge reports the printer offline",
          () -> hall.count("SELECT count(*) FROM bridge_device WHERE device_id = '" + PRINTER + "' AND NOT online") == 1);
      assertEquals(0L, hall.count("SELECT count(*) FROM device_job WHERE outcome = 'DONE' AND kind = 'PRINT_TICKET'"));

      bench.devices.wire(PRINTER).plug();
      PrintedTicket printed = printedTickets(bench, 1).get(0);
      assertTrue(printed.texts().contains(ticket.getString("number")));
      Eventually.await("the job is done", () -> hall.count("SELECT count(*) FROM device_job WHERE outcome = 'DONE' AND kind = 'PRINT_TICKET'") == 1);
      Eventually.await("the bridge reports the printer online again",
          () -> hall.count("SELECT count(*) FROM bridge_device WHERE device_id = '" + PRINTER + "' AND online") == 1);
      Thread.sleep(500);
      assertEquals(1, bench.devices.printer(PRINTER).printed().size(), "printed once");
    }
  }

  @Test
  @DisplayName("与服务器断线：断线时的任务重连后送达；打印后确认丢失的任务重发也不重复打印")
  void aDroppedServerConnectionLosesNothingAndPrintsNothingTwice(Vertx vertx) {
    try (CuttableProxy proxy = CuttableProxy.to(vertx, hall.server.port());
        BridgeBench bench = BridgeBench.start(vertx, proxy.port(), json -> {})) {
      Eventually.await("the bridge reaches the server", () -> printerState().equals("OK"));
      disconnect(proxy);
      JsonObject whileAway = hall.issue("SOCIAL_INSURANCE");
      proxy.block(false);
      assertTrue(printedTickets(bench, 1).get(0).texts().contains(whileAway.getString("number")));

      bench.devices.printer(PRINTER).paperOut(true);
      JsonObject held = hall.issue("SOCIAL_INSURANCE");
      Eventually.await("the bridge holds the ticket for lack of paper", () -> printerState().equals("PAPER_OUT"));
      // The test holds the job's row: the bridge's report that it printed cannot land until released.
      SqlConnection lock = Api.await(hall.db.getConnection());
      Transaction tx = Api.await(lock.begin());
      Api.await(lock.query("SELECT id FROM device_job WHERE kind = 'PRINT_TICKET' AND done_at IS NULL FOR UPDATE").execute());
      bench.devices.printer(PRINTER).paperOut(false);
      assertTrue(printedTickets(bench, 2).get(1).texts().contains(held.getString("number")));
      long repeatsBefore = bench.bridge.repeatedJobs();
      proxy.cut();
      Eventually.await("the server sends the unreported job again", () -> bench.bridge.repeatedJobs() > repeatsBefore);
      Api.await(tx.rollback());
      Api.await(lock.close());
      Eventually.await("the report reaches the server",
          () -> hall.count("SELECT count(*) FROM device_job WHERE kind = 'PRINT_TICKET' AND outcome = 'DONE'") == 2);
      hall.issue("SOCIAL_INSURANCE");
      List<PrintedTicket> printed = printedTickets(bench, 3);
      List<String> numbers = printed.stream()
          .map(t -> t.texts().stream().filter(text -> text.matches("A\\d{3}")).findFirst().orElseThrow()).toList();
      assertEquals(List.of("A001", "A002", "A003"), numbers, "each ticket printed once, in order");
    }
  }

  private static void disconnect(CuttableProxy proxy) {
    proxy.block(true);
    proxy.cut();
  }

  private String printerState() {
    return hall.api.get("/api/v1/devices/kiosk-1/printer", TestHall.KIOSK).body().getString("printer");
  }

  private JsonObject serveAndFinish(int counterNo) {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String clerk = hall.clerk(counterNo);
    for (String op : new String[] {"call-next", "start", "finish"}) {
      assertEquals(200, hall.counterOp(counterNo, op, clerk).status(), op);
    }
    return ticket;
  }

  private JsonObject rating(JsonObject ticket) {
    return hall.api.get("/api/v1/tickets/" + ticket.getString("id"), hall.manager()).body().getJsonObject("rating");
  }

  /** Presses until the keypad shows {@code expected}: the first poll after a (re)start only sets the keypad's baseline. */
  private static void pressUntilShown(SimulatedDevices.Keypad keypad, Key key, String expected) {
    keypad.press(key);
    Eventually.await("keypad shows " + expected, keypad::display, expected::equals);
  }

  static List<PrintedTicket> printedTickets(BridgeBench bench, int count) {
    return Eventually.await(count + " printed tickets", () -> bench.devices.printer(PRINTER).printed(), printed -> printed.size() == count);
  }

  static String decode(Bitmap image) throws Exception {
    int[] argb = new int[image.width() * image.height()];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        argb[y * image.width() + x] = image.isBlack(x, y) ? 0xFF000000 : 0xFFFFFFFF;
      }
    }
    RGBLuminanceSource source = new RGBLuminanceSource(image.width(), image.height(), argb);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }
}
