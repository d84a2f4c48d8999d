package hallq.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/** A real HTTP client for the server under test: async calls return futures, sync calls wait on the test thread. */
public final class Api {
  private static final long TIMEOUT_SECONDS = 30;

  private final WebClient client;

  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(64));
  }

  public Future<Reply> send(HttpMethod method, String path, String token, JsonObject body, MultiMap headers) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (headers != null) {
      request.putHeaders(headers);
    }
    Future<HttpResponse<Buffer>> response = body == null ? request.send() : request.sendJsonObject(body);
    return response.map(Api::reply);
  }

  public Future<Reply> postAsync(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, path, token, body, null);
  }

  public Reply get(String path, String token) {
    return await(send(HttpMethod.GET, path, token, null, null));
  }

  public Reply post(String path, String token) {
    return await(send(HttpMethod.POST, path, token, null, null));
  }

  public Reply post(String path, String token, JsonObject body) {
    return await(send(HttpMethod.POST, path, token, body, null));
  }

  public Reply postRaw(String path, String token, String contentType, String body) {
    return sendRaw(HttpMethod.POST, path, token, contentType, Buffer.buffer(body));
  }

  /** Sends the bytes as they are: a body that is not JSON, or not even UTF-8. */
  public Reply sendRaw(HttpMethod method, String path, String token, String contentType, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, path).putHeader("Content-Type", contentType);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.sendBuffer(body).map(Api::reply));
  }

  /** A file the server sends (an XLSX export): its bytes, after checking the reply is a 200. */
  public byte[] download(String path, String token) {
    HttpResponse<Buffer> response = await(client.request(HttpMethod.GET, path).bearerTokenAuthentication(token).send());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.body().getBytes();
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request did not complete: " + e, e);
    }
  }

  public void close() {
    client.close();
  }

  private static Reply reply(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    String type = response.getHeader("Content-Type");
    boolean json = body != null && body.length() > 0 && type != null && type.startsWith("application/json");
    return new Reply(response.statusCode(), json ? body.toJsonObject() : null);
  }
}
