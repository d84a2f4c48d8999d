package hallq.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of the server whose connections a test can cut, to play a
 * display losing its network. While {@link #block(boolean) blocked}, new connections are dropped.
 */
public final class CuttableProxy implements AutoCloseable {
  private final NetClient client;
  private final int targetPort;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final NetServer server;
  private volatile boolean blocked;

  private CuttableProxy(Vertx vertx, int targetPort) {
    this.client = vertx.createNetClient();
    this.targetPort = targetPort;
    this.server = vertx.createNetServer().connectHandler(this::accept);
  }

  public static CuttableProxy to(Vertx vertx, int targetPort) {
    CuttableProxy proxy = new CuttableProxy(vertx, targetPort);
    Api.await(proxy.server.listen(0, "127.0.0.1"));
    return proxy;
  }

  public int port() {
    return server.actualPort();
  }

  /** Closes every open connection. */
  public void cut() {
    sockets.forEach(NetSocket::close);
    sockets.clear();
  }

  public void block(boolean refuse) {
    blocked = refuse;
  }

  @Override
  public void close() {
    cut();
    Api.await(server.close());
    Api.await(client.close());
  }

  private void accept(NetSocket incoming) {
    if (blocked) {
      incoming.close();
      return;
    }
    incoming.pause();
    client.connect(targetPort, "127.0.0.1").onSuccess(outgoing -> {
      sockets.add(incoming);
      sockets.add(outgoing);
      incoming.pipeTo(outgoing);
      outgoing.pipeTo(incoming);
      incoming.resume();
    }).onFailure(e -> incoming.close());
  }
}
