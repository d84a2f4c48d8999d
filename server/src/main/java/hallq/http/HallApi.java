package hallq.http;

import hallq.config.HallqConfig;
import hallq.queue.CounterState;
import hallq.queue.QueueService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The hall as configured (public) and its live queue and counters (staff and devices). */
final class HallApi {
  private final HallqConfig config;
  private final QueueService queue;
  private final JsonObject hall;

  HallApi(HallqConfig config, QueueService queue) {
    this.config = config;
    this.queue = queue;
    this.hall = describeHall(config);
  }

  /** For a load balancer: is this server able to serve, i.e. to reach its database? */
  void getHealth(RoutingContext ctx) {
    Replies.json(ctx, queue.ping().map(v -> new JsonObject().put("status", "UP")));
  }

  void getHall(RoutingContext ctx) {
    Replies.json(ctx, Future.succeededFuture(hall));
  }

  void listServiceTypes(RoutingContext ctx) {
    Replies.json(ctx, Future.succeededFuture(new JsonObject().put("serviceTypes", hall.getJsonArray("serviceTypes"))));
  }

  void getQueueOverview(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, queue.overview());
  }

  void listCounters(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, queue.counters()
        .map(all -> new JsonObject().put("counters", new JsonArray(all.stream().map(CounterState::toJson).toList()))));
  }

  void getCounter(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, queue.counter(Replies.counterNo(ctx)).map(CounterState::toJson));
  }

  private static JsonObject describeHall(HallqConfig config) {
    JsonArray services = new JsonArray(config.serviceTypes().stream().map(s -> new JsonObject()
        .put("code", s.code())
        .put("prefix", s.prefix())
        .put("name", s.name())
        .put("nameEn", s.nameEn())
        .put("targetWaitMinutes", s.targetWaitMinutes())
        .put("standardServiceMinutes", s.standardServiceMinutes())).toList());
    JsonArray reasons = new JsonArray(config.lowRatingReasons().stream().map(r -> named(r.code(), r.name(), r.nameEn())).toList());
    JsonArray priorities = new JsonArray(config.priorities().stream().map(p -> named(p.code(), p.name(), p.nameEn())).toList());
    JsonArray outcomes = new JsonArray(config.outcomes().stream().map(o -> named(o.code(), o.name(), o.nameEn())).toList());
    JsonArray counters = new JsonArray(config.counters().stream().map(c -> new JsonObject()
        .put("counterNo", c.no())
        .put("name", c.name())
        .put("services", new JsonArray(c.services()))).toList());
    return new JsonObject()
        .put("hall", new JsonObject()
            .put("id", config.hall().id())
            .put("name", config.hall().name())
            .put("nameEn", config.hall().nameEn())
            .put("timeZone", config.hall().timeZone().getId()))
        .put("publicBaseUrl", config.http().publicBaseUrl())
        .put("display", new JsonObject()
            .put("announcement", config.display().announcement())
            .put("announcementEn", config.display().announcementEn())
            .put("repeat", config.display().repeat()))
        .put("serviceTypes", services)
        .put("priorities", priorities)
        .put("lowRatingReasons", reasons)
        .put("nps", new JsonObject().put("enabled", config.nps().enabled()))
        .put("outcomes", outcomes)
        .put("counters", counters);
  }

  private static JsonObject named(String code, String name, String nameEn) {
    return new JsonObject().put("code", code).put("name", name).put("nameEn", nameEn);
  }
}
