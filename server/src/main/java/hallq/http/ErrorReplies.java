package hallq.http;

import hallq.DomainException;
import hallq.db.DatabaseUnavailable;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves as {@code {"error": {"code", "message", "field"?}}}.
 * Domain failures map by kind, request validation is 400 naming the field, anything unexpected is
 * a 503 when the database cannot be reached, anything unexpected a 500 logged once with its stack trace.
 */
final class ErrorReplies implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final String RETRY_AFTER_SECONDS = "5";
  private static final Pattern PARAMETER = Pattern.compile("parameter (\\S+?)[.:]?(?:\\s|$)");

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpException wrapper && wrapper.getCause() != null) {
      failure = wrapper.getCause();
    }
    if (failure instanceof DomainException e) {
      if (e.kind() == DomainException.Kind.UNAVAILABLE) {
        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      }
      send(ctx, status(e.kind()), e.code(), e.getMessage(), e.field());
    } else if (failure instanceof DecodeException || isUndecodableBody(failure)) {
      send(ctx, 400, "INVALID_JSON", "the request body is not valid JSON", null);
    } else if (failure instanceof ValidatorException e) {
      String field = fieldOf(e);
      String detail = detailOf(e);
      send(ctx, 400, "INVALID_REQUEST", field == null ? detail : field + ": " + detail, field);
    } else if (failure instanceof HttpException e && e.getStatusCode() < 500) {
      send(ctx, e.getStatusCode(), codeFor(e.getStatusCode()), messageFor(ctx, e.getStatusCode()), null);
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), codeFor(ctx.statusCode()), messageFor(ctx, ctx.statusCode()), null);
    } else if (DatabaseUnavailable.is(failure)) {
      LOG.warn("Database unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), failure.toString());
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      send(ctx, 503, "DATABASE_UNAVAILABLE", "the database cannot be reached; try again in a few seconds", null);
    } else {
      LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "INTERNAL_ERROR", "the server failed; the failure is logged", null);
    }
  }

  static void send(RoutingContext ctx, int status, String code, String message, String field) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    send(ctx.response(), status, code, message, field);
  }

  /** The same reply where there is no routing context yet (before the router). */
  static void send(HttpServerResponse response, int status, String code, String message, String field) {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", error).encode());
  }

  private static int status(DomainException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
    };
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "BODY_TOO_LARGE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      default -> "HTTP_" + status;
    };
  }

  private static String messageFor(RoutingContext ctx, int status) {
    return switch (status) {
      case 404 -> "no such resource: " + ctx.request().path();
      case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> "the request body is too large";
      case 415 -> "send the body as application/json";
      default -> "the request was refused (" + status + ")";
    };
  }

  /** vertx-openapi reports a JSON body it cannot parse as an ILLEGAL_VALUE with no schema output. */
  private static boolean isUndecodableBody(Throwable failure) {
    return failure instanceof ValidatorException e
        && !(e instanceof SchemaValidationException)
        && e.type() == ValidatorErrorType.ILLEGAL_VALUE;
  }

  /** The field a validation failure is about: a parameter's name, or the body property's path. */
  private static String fieldOf(ValidatorException e) {
    Matcher parameter = PARAMETER.matcher(e.getMessage() == null ? "" : e.getMessage());
    if (parameter.find()) {
      return parameter.group(1);
    }
    OutputUnit unit = mostSpecific(e);
    if (unit != null) {
      String pointer = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation().replaceFirst("^#?/?", "").replace('/', '.');
      Matcher quoted = QUOTED.matcher(unit.getError() == null ? "" : unit.getError());
      if (pointer.isEmpty() && quoted.find()) {
        return quoted.group(1);
      }
      if (!pointer.isEmpty()) {
        return pointer;
      }
    }
    return null;
  }

  private static String detailOf(ValidatorException e) {
    OutputUnit unit = mostSpecific(e);
    if (unit == null || unit.getError() == null) {
      return e.getMessage();
    }
    String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
    return keyword.endsWith("additionalProperties") ? "is not a known property" : unit.getError();
  }

  /** The schema error deepest in the schema: "does not match pattern" rather than "a subschema had errors". */
  private static OutputUnit mostSpecific(ValidatorException e) {
    if (!(e instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
      return null;
    }
    OutputUnit root = schema.getOutputUnit();
    List<OutputUnit> errors = root.getErrors() == null || root.getErrors().isEmpty() ? List.of(root) : root.getErrors();
    return errors.stream()
        .max(Comparator.comparingInt(u -> u.getKeywordLocation() == null ? 0 : u.getKeywordLocation().length()))
        .orElse(root);
  }
}
