package hallq.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.queue.EventType;
import hallq.support.Api;
import hallq.support.HallTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PgEventLogIT extends HallTest {

  @Test
  @DisplayName("写事件的事务互不等待；事件的推送位置按可见（提交）顺序分配，而不是按行号")
  void positionsFollowCommitOrderAndWritersDoNotWait() throws Exception {
    PgEventLog log = new PgEventLog(hall.config.hall().id());
    SqlConnection first = Api.await(hall.db.getConnection());
    SqlConnection second = Api.await(hall.db.getConnection());
    try {
      Transaction firstTx = Api.await(first.begin());
      Transaction secondTx = Api.await(second.begin());
      long earlierRow = Api.await(append(log, first, 1));
      long laterRow = append(log, second, 2).await(2, TimeUnit.SECONDS);
      assertTrue(laterRow > earlierRow);

      Api.await(secondTx.commit());
      Api.await(log.positionNew(hall.db));
      assertNull(position(earlierRow), "an event not yet committed has no position");
      assertTrue(position(laterRow) != null, "a committed one has");
      long laterRowPosition = position(laterRow);

      Api.await(firstTx.commit());
      Api.await(log.positionNew(hall.db));
      assertTrue(position(earlierRow) > laterRowPosition,
          "the row committed last is positioned last, though its row id is smaller");
    } finally {
      Api.await(first.close());
      Api.await(second.close());
    }
  }

  @Test
  @DisplayName("快照读取时它能看到的事件都已定位，之后提交的事件位置都更大")
  void consistentReadSeesExactlyThePositionedEvents() throws Exception {
    PgEventLog log = new PgEventLog(hall.config.hall().id());
    Api.await(hall.db.withTransaction(sql -> append(log, sql, 1)));
    SqlConnection writer = Api.await(hall.db.getConnection());
    try {
      Transaction open = Api.await(writer.begin());
      long pendingRow = Api.await(append(log, writer, 2));
      long last = Api.await(log.consistentRead(hall.db, sql -> log.latestPosition(sql)
          .compose(latest -> sql.query("SELECT count(*) FROM ticket_event WHERE position IS NULL").execute()
              .map(rows -> {
                assertEquals(0L, rows.iterator().next().getLong(0), "every event the read can see has a position");
                return latest;
              }))));
      assertTrue(last > 0);
      Api.await(open.commit());
      Api.await(log.positionNew(hall.db));
      assertTrue(position(pendingRow) > last, "an event committed after the read comes after its last position");
    } finally {
      Api.await(writer.close());
    }
  }

  @Test
  @DisplayName("快照顺带为事件定位时也通知其他服务器")
  void aSnapshotThatPositionsEventsTellsTheOtherServers(Vertx vertx) throws Exception {
    PgEventLog log = new PgEventLog(hall.config.hall().id());
    PgSubscriber otherServer = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(hall.config.db().url()));
    CompletableFuture<String> heard = new CompletableFuture<>();
    otherServer.channel(PgEventLog.CHANNEL).handler(heard::complete);
    Api.await(otherServer.connect());
    try {
      // Committed behind this server's back (no local signal), so only the snapshot positions it.
      Api.await(hall.db.query("INSERT INTO ticket_event (hall_id, type, at, counter_no, actor) "
          + "VALUES ('demo', 'COUNTER_PAUSED', now(), 1, 'test')").execute());
      Api.await(log.consistentRead(hall.db, log::latestPosition));
      assertEquals(hall.config.hall().id(), heard.get(5, TimeUnit.SECONDS));
    } finally {
      Api.await(otherServer.close());
    }
  }

  /** The event's position as other sessions see it: null while it has none or is not yet committed. */
  private Long position(long rowId) {
    var rows = Api.await(hall.db.preparedQuery("SELECT position FROM ticket_event WHERE id = $1").execute(Tuple.of(rowId)));
    return rows.size() == 0 ? null : rows.iterator().next().getLong(0);
  }

  private Future<Long> append(PgEventLog log, io.vertx.sqlclient.SqlClient sql, int counterNo) {
    return log.append(sql, EventType.COUNTER_PAUSED, null, counterNo, "test", hall.clock.instant(), new JsonObject());
  }
}
