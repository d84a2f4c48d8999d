package hallq.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The grouping rules alone, with writes that finish when the test says so. */
class GroupCommitTest {
  private final List<List<String>> groupsWritten = new ArrayList<>();
  private final List<String> writtenAlone = new ArrayList<>();
  private final List<Promise<Void>> pendingWrites = new ArrayList<>();
  private final GroupCommit<String, String> commit = new GroupCommit<>(3, this::writeGroup, this::writeAlone);

  /** Fails the whole group if any request is "bad", as a transaction would roll back; refuses a "refused" request alone. */
  private Future<List<Future<String>>> writeGroup(List<String> requests) {
    groupsWritten.add(requests);
    return pending().map(v -> {
      if (requests.contains("bad")) {
        throw new IllegalStateException("group rolled back");
      }
      return requests.stream()
          .map(r -> r.equals("refused") ? Future.<String>failedFuture("refused in the group") : Future.succeededFuture(r + " written"))
          .toList();
    });
  }

  private Future<String> writeAlone(String request) {
    writtenAlone.add(request);
    return pending().map(v -> {
      if (request.equals("bad")) {
        throw new IllegalArgumentException("bad request");
      }
      return request + " alone";
    });
  }

  private Future<Void> pending() {
    Promise<Void> write = Promise.promise();
    pendingWrites.add(write);
    return write.future();
  }

  private void finishWrites() {
    List<Promise<Void>> now = new ArrayList<>(pendingWrites);
    pendingWrites.clear();
    now.forEach(Promise::complete);
  }

  @Test
  void requestsThatArriveDuringAWriteGoTogetherInTheNextUpToTheLimit() {
    List<Future<String>> replies = IntStream.range(0, 6).mapToObj(i -> commit.submit("r" + i)).toList();
    assertEquals(List.of("r0"), writtenAlone, "the first request finds nothing to wait for");
    assertTrue(groupsWritten.isEmpty());
    finishWrites();
    assertEquals(List.of(List.of("r1", "r2", "r3")), groupsWritten, "then the waiting ones, up to the limit");
    assertFalse(replies.get(1).isComplete(), "no reply before its group is written");
    finishWrites();
    assertEquals(List.of(List.of("r1", "r2", "r3"), List.of("r4", "r5")), groupsWritten);
    finishWrites();
    assertEquals(List.of("r0 alone", "r1 written", "r2 written", "r3 written", "r4 written", "r5 written"),
        replies.stream().map(Future::result).toList());
    assertTrue(pendingWrites.isEmpty(), "nothing left to write");
  }

  @Test
  void aGroupThatFailsIsWrittenAgainOneByOneInOrderSoOnlyTheBadRequestFails() {
    Future<String> first = commit.submit("first");
    List<Future<String>> group = List.of(commit.submit("a"), commit.submit("bad"), commit.submit("b"));
    finishWrites();
    finishWrites();
    assertEquals(List.of("first", "a"), writtenAlone, "the failed group's first request, alone");
    finishWrites();
    assertEquals(List.of("first", "a", "bad"), writtenAlone, "the next only when the one before is written");
    finishWrites();
    finishWrites();
    assertEquals(List.of("first", "a", "bad", "b"), writtenAlone);
    assertEquals("first alone", first.result());
    assertEquals("a alone", group.get(0).result());
    assertEquals("bad request", group.get(1).cause().getMessage());
    assertEquals("b alone", group.get(2).result());
  }

  @Test
  void aRequestRefusedInTheGroupFailsAloneAndTheGroupStands() {
    commit.submit("first");
    List<Future<String>> group = List.of(commit.submit("a"), commit.submit("refused"), commit.submit("b"));
    finishWrites();
    finishWrites();
    assertEquals(List.of("first"), writtenAlone, "nothing written again");
    assertEquals("a written", group.get(0).result());
    assertEquals("refused in the group", group.get(1).cause().getMessage());
    assertEquals("b written", group.get(2).result());
  }

  @Test
  void aGroupWhoseConnectionFailedIsNotWrittenAgainForItMayHaveCommitted() {
    GroupCommit<String, String> lostConnection = new GroupCommit<>(3,
        requests -> Future.failedFuture(new SocketException("Connection reset")), this::writeAlone);
    Future<String> first = lostConnection.submit("first");
    List<Future<String>> group = List.of(lostConnection.submit("a"), lostConnection.submit("b"));
    finishWrites();
    assertEquals(List.of("first"), writtenAlone, "only the lone request was written");
    for (Future<String> reply : group) {
      assertTrue(reply.failed());
      assertEquals("Connection reset", reply.cause().getMessage());
    }
    assertEquals("first alone", first.result());
  }

  @Test
  void aWriterThatThrowsFailsLikeOneThatReturnsAFailure() {
    GroupCommit<String, String> throwing = new GroupCommit<>(3,
        requests -> { throw new IllegalStateException("group"); },
        request -> { throw new IllegalArgumentException("alone " + request); });
    Future<String> reply = throwing.submit("x");
    assertEquals("alone x", reply.cause().getMessage());
    assertEquals("alone y", throwing.submit("y").cause().getMessage(), "the commit goes on after a failure");
  }
}
