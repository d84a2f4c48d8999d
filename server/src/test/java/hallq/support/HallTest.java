package hallq.support;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test that gets a fresh demo hall (server, database, clock) for each test method. */
@ExtendWith(VertxExtension.class)
public abstract class HallTest {
  protected TestHall hall;

  @BeforeEach
  void startHall(Vertx vertx) {
    hall = TestHall.start(vertx);
  }

  @AfterEach
  void stopHall() {
    if (hall != null) {
      hall.close();
    }
  }
}
