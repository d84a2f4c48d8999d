package hallq.config;

import hallq.DomainException;
import hallq.appointment.AppointmentRule;
import hallq.auth.DisabledRule;
import hallq.auth.GroupRole;
import hallq.quality.QualityIndicators;
import hallq.queue.ClosingRule;
import hallq.queue.PriorityRule;
import hallq.queue.TidalRule;
import hallq.outbox.OutboxSender;
import hallq.privacy.PersonalData;
import hallq.rating.WorkingDays;
import hallq.standards.OpeningHours;
import hallq.standards.ServiceStandard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole, validated configuration of one HallQ server. Built by {@link ConfigLoader}. */
public record HallqConfig(
    Http http,
    Path dataDir,
    Db db,
    Hall hall,
    QueueRules queue,
    AuthSettings auth,
    Directory directory,
    Push push,
    Display display,
    Demo demo,
    Alerts alerts,
    FollowUp followUp,
    DefaultRating defaultRating,
    Nps nps,
    Privacy privacy,
    QualityIndicators indicators,
    ProvincialFeed provincialFeed,
    NearCall nearCall,
    Sms sms,
    List<Outcome> outcomes,
    List<LowRatingReason> lowRatingReasons,
    List<PriorityCategory> priorities,
    List<ServiceTypeConfig> serviceTypes,
    List<CounterConfig> counters,
    List<UserConfig> users,
    List<DeviceConfig> devices) {

  /** {@code publicBaseUrl}: how phones reach this server; the ticket QR code points there. */
  public record Http(String host, int port, String publicBaseUrl) {}

  /** An empty {@code url} means: run the embedded PostgreSQL under {@code dataDir}. */
  public record Db(String url, String user, String password, int poolSize) {
    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /** {@code openingHours}: when tickets are issued, as the config starts with it (a manager may change it later). */
  public record Hall(String id, String name, String nameEn, ZoneId timeZone, OpeningHours openingHours) {}

  /**
   * The hall's queue rules, as configured (a manager may change them at run time: {@link hallq.queue.HallRules}).
   * {@code noShowRequeueLimit}: how many times a late citizen's no-show ticket may be put back (过号重排);
   * {@code requeueAfterPlaces}: where it goes, after that many waiting tickets of its queue (null: at the back);
   * {@code recallLimit}: a recall past this many makes the ticket a no-show (null: no limit);
   * {@code parkMinutes}: how long a parked ticket (挂起) may be called back.
   */
  public record QueueRules(int noShowRequeueLimit, Integer requeueAfterPlaces, Integer recallLimit, int parkMinutes) {
    public static final int MAX_PARK_MINUTES = 480;

    public QueueRules {
      range("noShowRequeueLimit", noShowRequeueLimit, 0, 10);
      if (requeueAfterPlaces != null) {
        range("requeueAfterPlaces", requeueAfterPlaces, 0, 100);
      }
      if (recallLimit != null) {
        range("recallLimit", recallLimit, 1, 10);
      }
      range("parkMinutes", parkMinutes, 1, MAX_PARK_MINUTES);
    }

    private static void range(String field, int value, int min, int max) {
      if (value < min || value > max) {
        throw DomainException.invalid(field, "must be from " + min + " to " + max);
      }
    }

    public JsonObject toJson() {
      return new JsonObject().put("noShowRequeueLimit", noShowRequeueLimit)
          .put("requeueAfterPlaces", requeueAfterPlaces).put("recallLimit", recallLimit).put("parkMinutes", parkMinutes);
    }

    /** Reads what {@link #toJson} writes; a missing or non-whole number is refused by field. */
    public static QueueRules fromJson(JsonObject json) {
      return new QueueRules(whole(json, "noShowRequeueLimit", true), whole(json, "requeueAfterPlaces", false),
          whole(json, "recallLimit", false), whole(json, "parkMinutes", true));
    }

    private static Integer whole(JsonObject json, String field, boolean required) {
      Object value = json.getValue(field);
      if (value == null && !required) {
        return null;
      }
      if (!(value instanceof Integer || value instanceof Long) || Math.abs(((Number) value).longValue()) > 100_000) {
        throw DomainException.invalid(field, required ? "is required, a whole number" : "must be a whole number or null");
      }
      return ((Number) value).intValue();
    }
  }

  public record AuthSettings(Duration sessionTtl, int pbkdf2Iterations) {}

  /**
   * Optional sign-in of clerks and managers against LDAP / Active Directory, beside the local
   * accounts: the service account ({@code bindDn}, empty: anonymous) finds the person under
   * {@code baseDn} with {@code userFilter} ({0}: the name typed), a bind as that entry checks the
   * password, and the person's groups ({@code memberOfAttribute} values, and the entries under
   * {@code groupBaseDn} matching {@code groupFilter}, {0}: the person's DN, {1}: the name) give the
   * highest role of {@code groupRoles}.
   */
  public record Directory(boolean enabled, String url, String bindDn, String bindPassword, String baseDn, String userFilter,
      String usernameAttribute, String displayNameAttribute, String memberOfAttribute, String groupBaseDn, String groupFilter,
      DisabledRule disabled, List<GroupRole> groupRoles, Duration connectTimeout, Duration responseTimeout, int maxConcurrent) {
    public Directory {
      groupRoles = List.copyOf(groupRoles);
    }
  }

  /**
   * Live push: a reconnecting client more than {@code maxBacklog} events behind gets a fresh
   * snapshot instead; an idle stream gets a comment every {@code heartbeatSeconds}.
   */
  public record Push(int maxBacklog, int heartbeatSeconds) {}

  /**
   * The hall display's spoken call: templates with {number} and {counter}, said {@code repeat} times.
   */
  public record Display(String announcement, String announcementEn, int repeat) {}

  /**
   * The demo: with {@code simulatedDevices} the server runs, in-process, the bridge of
   * {@code bridgeConfig} with every one of its serial devices simulated on a pseudo-terminal.
   */
  public record Demo(boolean simulatedDevices, Path bridgeConfig) {}

  /** How often alerts are checked, and how long a counter may stay paused before a manager is alerted. */
  public record Alerts(int checkSeconds, int counterPausedMinutes) {}

  /** 差评整改: a low rating's case is due {@code workingDays} working days after it opened (halls use 5 or 15). */
  public record FollowUp(int workingDays, WorkingDays calendar) {}

  /** A reason a citizen may pick for a low rating (差评原因); the hall configures the list. */
  /**
   * The hand-over of every rating to the provincial 好差评 platform: its address and bearer token
   * (none: the outbox holds the records), how long one delivery may take, how often the outbox is
   * looked at, the backoff of a record's retries (doubling from the first to the largest), the
   * department the records name unless a service names its own, and the platform's channel code
   * for each place a rating is given.
   */
  public record ProvincialFeed(String url, String token, Duration timeout, Duration check, Duration retryFirst,
      Duration retryMax, String departmentCode, String departmentName, Map<String, String> channelCodes) implements OutboxSender.Settings {
    public ProvincialFeed {
      channelCodes = Map.copyOf(channelCodes);
    }
  }

  /**
   * The SMS gateway near-call messages go to: its address and bearer token (none: the outbox holds
   * the messages), how long one delivery may take, how often the outbox is looked at, and the
   * backoff of a message's retries (doubling from the first to the largest).
   */
  public record Sms(String url, String token, Duration timeout, Duration check, Duration retryFirst, Duration retryMax)
      implements OutboxSender.Settings {}

  /**
   * 到号提醒, as configured (a manager may change it at run time: {@link hallq.queue.HallRules}):
   * the citizen is alerted, on the ticket page and by SMS when they left a number, once
   * {@code aheadThreshold} or fewer wait ahead, and again when called.
   */
  public record NearCall(int aheadThreshold) {
    public static final int MAX_AHEAD = 20;

    public NearCall {
      if (aheadThreshold < 1 || aheadThreshold > MAX_AHEAD) {
        throw DomainException.invalid("aheadThreshold", "must be from 1 to " + MAX_AHEAD);
      }
    }

    public JsonObject toJson() {
      return new JsonObject().put("aheadThreshold", aheadThreshold);
    }

    public static NearCall fromJson(JsonObject json) {
      return new NearCall(QueueRules.whole(json, "aheadThreshold", true));
    }
  }

  /**
   * The rating a finished ticket gets when the citizen has not rated it {@code after} days (or
   * working days, by the follow-up calendar) after the day it was served: given at the start of
   * the next day, marked as a default, kept apart from the citizens' own ratings. Never a low one.
   */
  public record DefaultRating(Level level, int after, Unit unit) {
    public enum Level {
      NONE(0), BASICALLY_SATISFIED(3), SATISFIED(4), VERY_SATISFIED(5);

      public final int score;

      Level(int score) {
        this.score = score;
      }
    }

    public enum Unit { DAYS, WORKING_DAYS }

    /** The last day a ticket served on {@code served} may still be rated by its citizen. */
    public LocalDate lastDayToRate(LocalDate served, WorkingDays calendar) {
      return unit == Unit.DAYS ? served.plusDays(after) : calendar.after(served, after);
    }
  }

  /**
   * What protects citizens' ID and phone numbers: {@code data} encrypts, hashes and masks them with the
   * configured {@code privacy.secretKey}; null when none is configured, and then nothing that would
   * store such a number is offered.
   */
  public record Privacy(PersonalData data) {
    /** @throws DomainException 503 PRIVACY_KEY_MISSING when no key is configured */
    public PersonalData require() {
      if (data == null) {
        throw DomainException.unavailable("PRIVACY_KEY_MISSING",
            "this hall has no privacy.secretKey configured, so it stores no ID or phone numbers");
      }
      return data;
    }
  }

  /**
   * The optional NPS question on the citizen's phone page (您是否愿意向亲友推荐本大厅的服务？ 0..10),
   * asked with the rating when {@code enabled}; answering it is always up to the citizen.
   */
  public record Nps(boolean enabled) {}

  /**
   * How a clerk finished a ticket. {@code onceDone}: the citizen's matter was done on this visit
   * (一次办成: true), was not (false), or was no matter to be done, such as an enquiry (null: left out of
   * 一次办成率). {@code abnormal}: counts as 异常办理. The first outcome is the default.
   */
  public record Outcome(String code, String name, String nameEn, Boolean onceDone, boolean abnormal) {}

  /** The outcome with this code; the default (the first) when the code is null. */
  public Optional<Outcome> outcome(String code) {
    return code == null ? Optional.of(outcomes.get(0)) : outcomes.stream().filter(o -> o.code().equals(code)).findFirst();
  }

  public record LowRatingReason(String code, String name, String nameEn) {}

  public record PriorityCategory(String code, String name, String nameEn) {}

  /** {@code standard}: the service standard the config starts with; a manager may change it later. */
  /**
   * {@code itemCode} is the service's 事项编码 in the province's catalogue (the service code when none
   * is given); {@code departmentCode}/{@code departmentName} the department that handles it, when it
   * is not the feed's default.
   */
  public record ServiceTypeConfig(String code, String prefix, String name, String nameEn, ServiceStandard standard,
      String itemCode, String departmentCode, String departmentName, PriorityRule priorityRule, ClosingRule closingRule, TidalRule tidal,
      AppointmentRule appointments) {
    public int targetWaitMinutes() {
      return standard.targetWaitMinutes();
    }

    public int standardServiceMinutes() {
      return standard.standardServiceMinutes();
    }
  }

  /** {@code services}: the service codes this counter calls, in the order it prefers them. */
  public record CounterConfig(int no, String name, List<String> services) {}

  public enum Role { CLERK, MANAGER, ADMIN }

  public record UserConfig(String username, String displayName, Role role, String passwordHash) {}

  public enum DeviceType { KIOSK, DISPLAY, BRIDGE }

  /**
   * A device that signs in with a token. A bridge drives the serial devices of the kiosks
   * ({@code kiosks}: their printers) and counters ({@code counters}: LED signs, pads, keypads) it
   * names; each kiosk and counter has at most one bridge.
   */
  public record DeviceConfig(String id, DeviceType type, String token, List<String> kiosks, List<Integer> counters) {
    public DeviceConfig {
      kiosks = List.copyOf(kiosks);
      counters = List.copyOf(counters);
    }

    public boolean serves(String kioskId) {
      return kiosks.contains(kioskId);
    }

    public boolean serves(int counterNo) {
      return counters.contains(counterNo);
    }
  }

  public Optional<ServiceTypeConfig> serviceType(String code) {
    return serviceTypes.stream().filter(s -> s.code().equals(code)).findFirst();
  }

  public Optional<CounterConfig> counter(int no) {
    return counters.stream().filter(c -> c.no() == no).findFirst();
  }

  public Optional<DeviceConfig> device(String id) {
    return devices.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** Whether some bridge drives this kiosk's printer. */
  public boolean bridged(String kioskId) {
    return devices.stream().anyMatch(d -> d.type() == DeviceType.BRIDGE && d.serves(kioskId));
  }

  /** Whether some bridge drives this counter's devices. */
  public boolean bridged(int counterNo) {
    return devices.stream().anyMatch(d -> d.type() == DeviceType.BRIDGE && d.serves(counterNo));
  }

  public boolean hasPriority(String code) {
    return priorities.stream().anyMatch(p -> p.code().equals(code));
  }
}
