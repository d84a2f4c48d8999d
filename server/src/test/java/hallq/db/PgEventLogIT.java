package hallq.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.queue.EventType;
import hallq.support.Api;
import hallq.support.HallTest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PgEventLogIT extends HallTest {

  @Test
  @DisplayName("事件编号按提交顺序分配：后来的事务要等先写事件的事务提交")
  void eventIdsAreHandedOutInCommitOrder() throws Exception {
    PgEventLog log = new PgEventLog(hall.config.hall().id());
    SqlConnection first = Api.await(hall.db.getConnection());
    SqlConnection second = Api.await(hall.db.getConnection());
    try {
      Transaction firstTx = Api.await(first.begin());
      Transaction secondTx = Api.await(second.begin());
      long firstId = Api.await(append(log, first, 1));
      Future<Long> secondId = append(log, second, 2);

      assertThrows(TimeoutException.class, () -> secondId.await(500, TimeUnit.MILLISECONDS),
          "the second append waits while the first transaction is open");
      assertFalse(secondId.isComplete());
      Api.await(firstTx.commit());
      long id = Api.await(secondId);
      Api.await(secondTx.commit());
      assertTrue(id > firstId, "the later commit has the larger id");
      assertEquals(2L, hall.count("SELECT count(*) FROM ticket_event"));
    } finally {
      Api.await(first.close());
      Api.await(second.close());
    }
  }

  private Future<Long> append(PgEventLog log, SqlConnection connection, int counterNo) {
    return log.append(connection, EventType.COUNTER_PAUSED, null, counterNo, "test", hall.clock.instant(), new JsonObject());
  }
}
