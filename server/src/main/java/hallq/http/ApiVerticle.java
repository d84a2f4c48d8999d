package hallq.http;

import hallq.appointment.AppointmentService;
import hallq.auth.AuthService;
import hallq.config.HallqConfig;
import hallq.demo.DemoDevices;
import hallq.device.DeviceJobService;
import hallq.device.DeviceStatusService;
import hallq.push.EventFeed;
import hallq.quality.IndicatorService;
import hallq.quality.QualityReports;
import hallq.queue.ClosingRules;
import hallq.config.HallqConfig.NearCall;
import hallq.config.HallqConfig.QueueRules;
import hallq.queue.HallRules;
import hallq.queue.PriorityRules;
import hallq.queue.QueueService;
import hallq.queue.TidalCounters;
import hallq.rating.FollowUpService;
import hallq.rating.ProvincialFeedSender;
import hallq.sms.SmsSender;
import hallq.sms.TicketContacts;
import hallq.rating.RatingService;
import hallq.report.DaySummaries;
import hallq.report.ReportService;
import hallq.standards.AlertService;
import hallq.standards.ComplianceService;
import hallq.standards.StandardsService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The HTTP API under {@code /api/v1}, validated against {@code openapi/hallq.yaml}, and the browser
 * apps of the display-client module at the site root.
 */
public final class ApiVerticle extends VerticleBase {
  public static final String CONTRACT = "openapi/hallq.yaml";
  private static final long MAX_BODY_BYTES = 64 * 1024;

  /** What the handlers work with: the services of one hall. */
  public record Services(QueueService queue, AuthService auth, RatingService ratings, FollowUpService followUps, DeviceStatusService devices,
      DeviceJobService jobs, DemoDevices demo, StandardsService standards, AlertService alerts, ComplianceService compliance,
      ReportService reports, IndicatorService indicators, QualityReports quality, EventFeed feed, ProvincialFeedSender provincialFeed,
      PriorityRules priorityRules, ClosingRules closingRules, DaySummaries daySummaries,
      HallRules<QueueRules> hallQueueRules, HallRules<NearCall> nearCallRules, TicketContacts contacts, SmsSender sms,
      TidalCounters tidal, AppointmentService appointments) {}

  private final HallqConfig config;
  private final Services services;
  private final IntConsumer onListening;

  public ApiVerticle(HallqConfig config, Services services, IntConsumer onListening) {
    this.config = config;
    this.services = services;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    return OpenAPIContract.from(vertx, CONTRACT)
        .map(this::router)
        .compose(router -> vertx.createHttpServer()
            .requestHandler(request -> route(router, request))
            .listen(config.http().port(), config.http().host()))
        .onSuccess(server -> onListening.accept(server.actualPort()));
  }

  /**
   * A {@code %} not followed by two hex digits makes the router's path normalisation throw while it
   * matches routes, outside any handler, and the request would get no reply: refuse it before routing.
   */
  private static void route(Router router, HttpServerRequest request) {
    if (hasMalformedEscape(request.path())) {
      ErrorReplies.send(request.response(), 400, "INVALID_PATH", "the path has a malformed percent-escape", null);
    } else {
      router.handle(request);
    }
  }

  private static boolean hasMalformedEscape(String path) {
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0 || Character.digit(path.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  private Router router(OpenAPIContract contract) {
    QueueService queue = services.queue();
    AuthService auth = services.auth();
    AuthApi authApi = new AuthApi(auth);
    HallApi hallApi = new HallApi(config, queue);
    TicketApi ticketApi = new TicketApi(vertx, queue, services.ratings(), services.standards(), services.contacts(),
        config.http().publicBaseUrl());
    CounterApi counterApi = new CounterApi(queue);
    DeviceApi deviceApi = new DeviceApi(config, services.devices());
    StandardsApi standardsApi = new StandardsApi(services.standards(), services.alerts(), services.compliance());
    FollowUpApi followUpApi = new FollowUpApi(services.followUps());
    TidalApi tidalApi = new TidalApi(services.tidal());
    QueueRulesApi queueRulesApi = new QueueRulesApi(services.priorityRules(), services.closingRules(), services.hallQueueRules(),
        services.nearCallRules());
    DaySummaryApi daySummaryApi = new DaySummaryApi(services.daySummaries());
    ReportApi reportApi = new ReportApi(vertx, services.reports(), services.indicators(), services.quality());
    BridgeApi bridgeApi = new BridgeApi(vertx, config, auth, queue, services.jobs(), services.devices());
    AppointmentApi appointmentApi = new AppointmentApi(vertx, config, services.appointments());
    EventStreamApi eventStreamApi = new EventStreamApi(vertx, auth, services.feed(), queue, config.push());
    Map<String, Handler<RoutingContext>> operations = Map.ofEntries(
        Map.entry("login", authApi::login),
        Map.entry("logout", authApi::logout),
        Map.entry("whoAmI", authApi::whoAmI),
        Map.entry("getHealth", hallApi::getHealth),
        Map.entry("getHall", hallApi::getHall),
        Map.entry("listServiceTypes", hallApi::listServiceTypes),
        Map.entry("getQueueOverview", hallApi::getQueueOverview),
        Map.entry("listCounters", hallApi::listCounters),
        Map.entry("streamEvents", eventStreamApi::streamEvents),
        Map.entry("reportPrinterStatus", deviceApi::reportPrinterStatus),
        Map.entry("getPrinterStatus", deviceApi::getPrinterStatus),
        Map.entry("getCounter", hallApi::getCounter),
        Map.entry("issueTicket", ticketApi::issueTicket),
        Map.entry("getTicket", ticketApi::getTicket),
        Map.entry("cancelTicket", ticketApi::cancelTicket),
        Map.entry("requeueTicket", ticketApi::requeueTicket),
        Map.entry("getTicketQr", ticketApi::getTicketQr),
        Map.entry("rateTicket", ticketApi::rateTicket),
        Map.entry("listWaitingAtCounter", counterApi::listWaitingAtCounter),
        Map.entry("getCounterToday", counterApi::getCounterToday),
        Map.entry("callNext", counterApi::callNext),
        Map.entry("recall", counterApi::recall),
        Map.entry("markNoShow", counterApi::markNoShow),
        Map.entry("startService", counterApi::startService),
        Map.entry("finishService", counterApi::finishService),
        Map.entry("transferTicket", counterApi::transferTicket),
        Map.entry("pauseCounter", counterApi::pauseCounter),
        Map.entry("resumeCounter", counterApi::resumeCounter),
        Map.entry("requestRating", counterApi::requestRating),
        Map.entry("streamBridgeJobs", bridgeApi::streamBridgeJobs),
        Map.entry("reportJobOutcome", bridgeApi::reportJobOutcome),
        Map.entry("rateFromPad", bridgeApi::rateFromPad),
        Map.entry("pressKeypadKey", bridgeApi::pressKeypadKey),
        Map.entry("reportBridgeDevice", bridgeApi::reportBridgeDevice),
        Map.entry("listDevices", deviceApi::listDevices),
        Map.entry("getStandards", standardsApi::getStandards),
        Map.entry("updateServiceStandard", standardsApi::updateServiceStandard),
        Map.entry("updateOpeningHours", standardsApi::updateOpeningHours),
        Map.entry("listStandardChanges", standardsApi::listStandardChanges),
        Map.entry("listAlerts", standardsApi::listAlerts),
        Map.entry("acknowledgeAlert", standardsApi::acknowledgeAlert),
        Map.entry("getCompliance", standardsApi::getCompliance),
        Map.entry("listFollowUps", followUpApi::listFollowUps),
        Map.entry("actOnFollowUp", followUpApi::actOnFollowUp),
        Map.entry("getProvincialFeed", ctx -> {
          Access.manager(ctx);
          Replies.json(ctx, services.provincialFeed().status());
        }),
        Map.entry("getSmsOutbox", ctx -> {
          Access.manager(ctx);
          Replies.json(ctx, services.sms().status());
        }),
        Map.entry("setTicketContact", ticketApi::setTicketContact),
        Map.entry("setNearCallRules", queueRulesApi::setNearCallRules),
        Map.entry("getReport", reportApi::getReport),
        Map.entry("getIndicators", reportApi::getIndicators),
        Map.entry("getIndicatorRecords", reportApi::getIndicatorRecords),
        Map.entry("listStandardVersions", reportApi::listStandardVersions),
        Map.entry("getKpiBoard", reportApi::getKpiBoard),
        Map.entry("setKpiTargets", reportApi::setKpiTargets),
        Map.entry("evaluateWindows", reportApi::evaluateWindows),
        Map.entry("getReviewReport", reportApi::getReviewReport),
        Map.entry("getQueueRules", queueRulesApi::getQueueRules),
        Map.entry("assignService", tidalApi::assignService),
        Map.entry("endAssignment", tidalApi::endAssignment),
        Map.entry("listAssignments", tidalApi::listAssignments),
        Map.entry("setTidalRule", tidalApi::setTidalRule),
        Map.entry("callTicket", counterApi::callTicket),
        Map.entry("parkTicket", counterApi::parkTicket),
        Map.entry("listParkedAtCounter", counterApi::listParkedAtCounter),
        Map.entry("setPriorityRule", queueRulesApi::setPriorityRule),
        Map.entry("setHallQueueRules", queueRulesApi::setHallQueueRules),
        Map.entry("listRuleChanges", queueRulesApi::listRuleChanges),
        Map.entry("setClosingRule", queueRulesApi::setClosingRule),
        Map.entry("getDaySummary", daySummaryApi::getDaySummary),
        Map.entry("setCorrectiveAction", reportApi::setCorrectiveAction),
        Map.entry("getConsistency", reportApi::getConsistency),
        Map.entry("listAppointmentSlots", appointmentApi::listAppointmentSlots),
        Map.entry("bookAppointment", appointmentApi::bookAppointment),
        Map.entry("listAppointments", appointmentApi::listAppointments),
        Map.entry("checkInAppointment", appointmentApi::checkInAppointment),
        Map.entry("getAppointment", appointmentApi::getAppointment),
        Map.entry("cancelAppointment", appointmentApi::cancelAppointment),
        Map.entry("getAppointmentQr", appointmentApi::getAppointmentQr),
        Map.entry("checkInByIdCard", appointmentApi::checkInByIdCard),
        Map.entry("setAppointmentRule", appointmentApi::setAppointmentRule));

    ErrorReplies errors = new ErrorReplies();
    OpenAPIContract validated = new ValidatorCachingContract(contract);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    InlineRequestValidation validation = new InlineRequestValidation(vertx, validated, extractor);
    RouterBuilder builder = RouterBuilder.create(vertx, validated, extractor)
        .rootHandler(new FormBodyRefusal())
        .rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .rootHandler(new Utf8Body())
        .rootHandler(new AuthenticationHandler(auth));
    for (OpenAPIRoute route : builder.getRoutes()) {
      String operationId = route.getOperation().getOperationId();
      Handler<RoutingContext> handler = operations.get(operationId);
      if (handler == null) {
        throw new IllegalStateException("no handler for operation " + operationId + " of " + CONTRACT);
      }
      validation.install(route);
      route.addHandler(handler).addFailureHandler(errors);
    }
    Router router = builder.createRouter();
    router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .sendFile(CONTRACT));
    new DemoApi(vertx, services.demo(), errors).mount(router);
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.get().handler(StaticHandler.create("webroot").setCachingEnabled(false));
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);
    return router;
  }
}
