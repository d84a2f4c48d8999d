package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CounterViewsIT extends HallTest {

  @Test
  @DisplayName("窗口的待叫队列按叫号顺序列出")
  void waitingListFollowsTheCallOrder() {
    hall.issue("CONSULTATION");
    hall.clock.advance(Duration.ofMinutes(1));
    hall.issue("SOCIAL_INSURANCE");
    hall.clock.advance(Duration.ofMinutes(1));
    hall.issue("SOCIAL_INSURANCE", "ELDERLY");
    hall.issue("REAL_ESTATE");
    Reply waiting = hall.api.get("/api/v1/counters/1/waiting", TestHall.DISPLAY);
    assertEquals(200, waiting.status(), waiting.toString());
    assertEquals(List.of("A002", "A001", "F001"),
        waiting.body().getJsonArray("tickets").stream().map(t -> ((JsonObject) t).getString("number")).toList());
    String clerk = hall.clerk(1);
    assertEquals("A002", hall.counterOp(1, "call-next", clerk).ticket().getString("number"));
    assertEquals(404, hall.api.get("/api/v1/counters/13/waiting", TestHall.DISPLAY).status());
  }

  @Test
  @DisplayName("窗口今日统计：办结数、平均等候和办理时长")
  void todayFiguresAverageTheCountersFinishedTickets() {
    String clerk = hall.clerk(3);
    for (int minutes : new int[] {4, 8}) {
      hall.issue("SOCIAL_INSURANCE");
      hall.clock.advance(Duration.ofMinutes(minutes));
      hall.counterOp(3, "call-next", clerk);
      hall.counterOp(3, "start", clerk);
      hall.clock.advance(Duration.ofMinutes(minutes * 2L));
      hall.counterOp(3, "finish", clerk);
    }
    JsonObject today = hall.api.get("/api/v1/counters/3/today", clerk).body();
    assertEquals(2, today.getLong("finished"));
    assertEquals(360, today.getLong("averageWaitSeconds"));
    assertEquals(720, today.getLong("averageServiceSeconds"));
    JsonObject idle = hall.api.get("/api/v1/counters/4/today", clerk).body();
    assertEquals(0, idle.getLong("finished"));
    assertNull(idle.getValue("averageWaitSeconds"));
  }

  @Test
  @DisplayName("号票二维码指向市民的排队进度页面")
  void ticketQrOpensTheTicketPage(Vertx vertx) throws Exception {
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    String id = ticket.getString("id");
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hall.server.port()));
    try {
      assertEquals(401, Api.await(client.get("/api/v1/tickets/" + id + "/qr.png").send()).statusCode(),
          "the QR carries the citizen's key: kiosks only");
      HttpResponse<Buffer> png = Api.await(client.get("/api/v1/tickets/" + id + "/qr.png?access_token=" + TestHall.KIOSK).send());
      assertEquals(200, png.statusCode());
      assertEquals("image/png", png.getHeader("Content-Type"));
      var image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
      int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
      var luminance = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
      String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(luminance))).getText();
      assertEquals(hall.config.http().publicBaseUrl() + "/ticket.html?id=" + id + "&key=" + ticket.getString("citizenKey"), text);
      assertEquals(404, Api.await(client.get("/api/v1/tickets/" + UUID.randomUUID() + "/qr.png")
          .bearerTokenAuthentication(TestHall.KIOSK).send()).statusCode());
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName("大厅信息包含语音播报模板")
  void hallDescribesTheAnnouncement() {
    JsonObject display = hall.api.get("/api/v1/hall", null).body().getJsonObject("display");
    assertEquals("请{number}号到{counter}号窗口办理", display.getString("announcement"));
    assertEquals(2, display.getInteger("repeat"));
  }
}
