package hallq.http;

import hallq.auth.AuthService;
import hallq.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Sign-in and sign-out for staff. */
final class AuthApi {
  private final AuthService auth;

  AuthApi(AuthService auth) {
    this.auth = auth;
  }

  void login(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Replies.json(ctx, auth.login(body.getString("username"), body.getString("password"), body.getInteger("counterNo"))
        .map(session -> new JsonObject()
            .put("token", session.token())
            .put("username", session.principal().name())
            .put("displayName", session.displayName())
            .put("role", session.principal().role().name())
            .put("counterNo", session.principal().counterNo())
            .put("expiresAt", session.expiresAt().toString())));
  }

  void logout(RoutingContext ctx) {
    Access.staff(ctx);
    auth.logout(AuthenticationHandler.bearerToken(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  void whoAmI(RoutingContext ctx) {
    Principal caller = Access.caller(ctx);
    Replies.json(ctx, Future.succeededFuture(new JsonObject()
        .put("name", caller.name())
        .put("role", caller.role() == null ? null : caller.role().name())
        .put("device", caller.device() == null ? null : caller.device().name())
        .put("counterNo", caller.counterNo())));
  }
}
