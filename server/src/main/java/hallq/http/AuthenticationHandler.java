package hallq.http;

import hallq.DomainException;
import hallq.auth.AuthService;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves {@code Authorization: Bearer <token>} to a principal for the later checks in {@link Access}.
 * The event stream and the ticket QR image may carry it as {@code access_token} instead (RFC 6750),
 * because a browser's EventSource and img cannot set headers. No token means an anonymous citizen; an unknown or expired token
 * is refused at once.
 */
final class AuthenticationHandler implements Handler<RoutingContext> {
  private static final String BEARER = "Bearer ";
  private static final String ACCESS_TOKEN = "access_token";

  private final AuthService auth;

  AuthenticationHandler(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (token == null) {
      ctx.next();
      return;
    }
    auth.authenticate(token)
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(DomainException.unauthorized("INVALID_TOKEN", "the bearer token is unknown or expired; sign in again"));
          } else {
            ctx.put(Access.PRINCIPAL, found.get());
            ctx.next();
          }
        })
        .onFailure(ctx::fail);
  }

  /** Only where a browser cannot set a header: the event stream (EventSource) and the ticket QR image (img src). */
  private static boolean acceptsTokenInUrl(RoutingContext ctx) {
    String path = ctx.request().path();
    return ctx.request().method() == HttpMethod.GET && (path.equals("/api/v1/events") || path.endsWith("/qr.png"));
  }

  static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String token;
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      token = header.substring(BEARER.length()).trim();
    } else if (acceptsTokenInUrl(ctx)) {
      token = ctx.request().getParam(ACCESS_TOKEN);
    } else {
      return null;
    }
    return token == null || token.isBlank() ? null : token.trim();
  }
}
