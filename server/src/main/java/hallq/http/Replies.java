package hallq.http;

import hallq.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** Sends a future's JSON once it succeeded, or hands its failure to {@link ErrorReplies}. */
final class Replies {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

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
    return (int) wholeNumber("counterNo", ctx.pathParam("counterNo"));
  }

  /**
   * A parameter the contract declares an integer. The validator also passes {@code 1.0}, {@code 1E3}
   * or {@code " 1"} (numerically whole), which {@code Long.parseLong} refuses: those are a 400, not a 500.
   */
  static long wholeNumber(String name, String text) {
    if (text == null || !DIGITS.matcher(text).matches()) {
      throw DomainException.invalid(name, "must be a whole number written in digits");
    }
    return Long.parseLong(text);
  }
}
