package hallq.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks each request against the contract on the event loop. vertx-openapi's own validation step
 * hands every request to a worker thread and back ({@code executeBlocking}) for checks that take
 * microseconds once schema validators are kept ({@link ValidatorCachingContract}); under load the
 * two thread hops cost more than the checks (a seventh of the server's CPU samples in a flight
 * recording of the issue benchmark). The checks and their failures are the library's: its
 * parameter and body validation, the same validated request in the routing context.
 */
final class InlineRequestValidation {
  private final RequestExtractor extractor;
  private final Checks checks;

  InlineRequestValidation(Vertx vertx, OpenAPIContract contract, RequestExtractor extractor) {
    this.extractor = extractor;
    this.checks = new Checks(vertx, contract);
  }

  /** Replaces the route's validation step with this one; call before adding the route's handler. */
  void install(OpenAPIRoute route) {
    Operation operation = route.getOperation();
    route.setDoValidation(false).addHandler(validate(operation));
  }

  private Handler<RoutingContext> validate(Operation operation) {
    return ctx -> extractor.extractValidatableRequest(ctx, operation)
        .map(request -> checks.validate(request, operation))
        .onSuccess(validated -> {
          ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** The library's checks, called in place. */
  private static final class Checks extends RequestValidatorImpl {
    Checks(Vertx vertx, OpenAPIContract contract) {
      super(vertx, contract);
    }

    /** Throws {@link io.vertx.openapi.validation.ValidatorException} naming what is wrong. */
    ValidatedRequest validate(ValidatableRequest request, Operation operation) {
      Map<Location, Map<String, RequestParameter>> given = Map.of(
          Location.COOKIE, request.getCookies(),
          Location.HEADER, request.getHeaders(),
          Location.PATH, request.getPathParameters(),
          Location.QUERY, request.getQuery());
      Map<Location, Map<String, RequestParameter>> valid = new EnumMap<>(Location.class);
      for (Location location : Location.values()) {
        valid.put(location, new HashMap<>());
      }
      for (Parameter parameter : operation.getParameters()) {
        RequestParameter value = given.get(parameter.getIn()).get(parameter.getName());
        valid.get(parameter.getIn()).put(parameter.getName(), validateParameter(parameter, value));
      }
      RequestParameter body = validateBody(operation.getRequestBody(), request);
      return new ValidatedRequestImpl(valid.get(Location.COOKIE), valid.get(Location.HEADER), valid.get(Location.PATH),
          valid.get(Location.QUERY), body);
    }
  }
}
