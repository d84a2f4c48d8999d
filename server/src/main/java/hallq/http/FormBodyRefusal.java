package hallq.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Locale;

/**
 * The API takes JSON only. A form or multipart body is refused (415) before the body handler, which
 * would otherwise decode it, and fail on a malformed percent-escape in it. A platform handler, so
 * Vert.x lets it run before the body handler.
 */
final class FormBodyRefusal implements PlatformHandler {

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String lower = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
      ctx.fail(415);
    } else {
      ctx.next();
    }
  }
}
