package hallq.support;

import io.vertx.core.json.JsonObject;

/** An HTTP reply as a test reads it. */
public record Reply(int status, JsonObject body) {

  public JsonObject ticket() {
    return body.getJsonObject("ticket");
  }

  public String errorCode() {
    return error().getString("code");
  }

  public String errorField() {
    return error().getString("field");
  }

  public String errorMessage() {
    return error().getString("message");
  }

  private JsonObject error() {
    JsonObject error = body == null ? null : body.getJsonObject("error");
    if (error == null) {
      throw new AssertionError("expected an error reply, got " + status + " " + body);
    }
    return error;
  }

  @Override
  public String toString() {
    return status + " " + (body == null ? "" : body.encode());
  }
}
