package hallq.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request body that is not well-formed UTF-8 (RFC 8259 §8.1) before anything parses it:
 * the JSON parser would otherwise decode bad bytes leniently (an overlong {@code C0 AF} as "/",
 * {@code FF} as "?") and store what the client never sent.
 */
final class Utf8Body implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body != null && body.length() > 0 && !isUtf8(body)) {
      ctx.fail(new DecodeException("the request body is not well-formed UTF-8"));
      return;
    }
    ctx.next();
  }

  private static boolean isUtf8(Buffer body) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
