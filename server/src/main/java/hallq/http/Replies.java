package hallq.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Sends a future's JSON once it succeeded, or hands its failure to {@link ErrorReplies}. */
final class Replies {
  private Replies() {}

  static void json(RoutingContext ctx, Future<JsonObject> reply) {
    json(ctx, 200, reply);
  }

  static void json(RoutingContext ctx, int status, Future<JsonObject> reply) {
    reply.onSuccess(body -> ctx.response()
            .setStatusCode(status)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(body.encode()))
        .onFailure(ctx::fail);
  }

  static int counterNo(RoutingContext ctx) {
    return Integer.parseInt(ctx.pathParam("counterNo"));
  }
}
