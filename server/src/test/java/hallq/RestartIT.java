package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.config.HallqConfig;
import hallq.support.Reply;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default mode: no database configured, so the server runs its own embedded PostgreSQL in dataDir. */
@ExtendWith(VertxExtension.class)
class RestartIT {

  @Test
  @DisplayName("服务器重启后，票、窗口状态和登录都还在")
  void restartOnTheSameDataKeepsEverything(Vertx vertx) {
    Path dataDir = TestHall.tempDir();
    HallqConfig config = TestHall.testConfig("", dataDir, raw -> {});
    assertTrue(config.db().embedded());

    String calledId;
    String waitingId;
    String clerk;
    try (TestHall first = TestHall.start(vertx, config)) {
      assertTrue(Files.isDirectory(dataDir.resolve("pg")), "the embedded PostgreSQL keeps its data under dataDir");
      calledId = first.issue("SOCIAL_INSURANCE").getString("id");
      waitingId = first.issue("SOCIAL_INSURANCE").getString("id");
      clerk = first.clerk(1);
      assertEquals(calledId, first.counterOp(1, "call-next", clerk).ticket().getString("id"));
      assertEquals(200, first.counterOp(2, "pause", first.clerk(2)).status());
    }

    try (TestHall second = TestHall.start(vertx, config)) {
      JsonObject called = second.api.get("/api/v1/tickets/" + calledId, null).ticket();
      assertEquals("CALLED", called.getString("status"));
      assertEquals(1, called.getInteger("counterNo"));
      Reply waiting = second.api.get("/api/v1/tickets/" + waitingId, null);
      assertEquals("WAITING", waiting.ticket().getString("status"));
      assertEquals(0, waiting.body().getInteger("ahead"));

      Reply counter1 = second.api.get("/api/v1/counters/1", clerk);
      assertEquals(200, counter1.status(), "the session survives the restart: " + counter1);
      assertEquals(calledId, counter1.ticket().getString("id"));
      assertEquals(true, second.api.get("/api/v1/counters/2", clerk).body().getBoolean("paused"));
      assertEquals("A003", second.issue("SOCIAL_INSURANCE").getString("number"), "numbering continues");
      assertEquals(200, second.counterOp(1, "start", clerk).status());
    }
  }
}
