package hallq.standards;

import hallq.DomainException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A service type's standard (服务标准), set by each hall: a wait target with a warning and a breach
 * level (there is no national figure), a service-level goal "{@code serviceLevelPercent}% served
 * within {@code serviceLevelMinutes} minutes", the standard handling time, a queue length that
 * suggests opening another counter for the service (跨窗通办), the last issue time as minutes before
 * closing, an optional daily quota (限号), and the materials a citizen must bring (所需材料: names such
 * as 身份证原件, in the hall's order, none when the list is empty).
 *
 * <p>A wait of exactly {@code targetWaitMinutes} is within the target.
 */
public record ServiceStandard(
    int warnWaitMinutes,
    int targetWaitMinutes,
    int breachWaitMinutes,
    int serviceLevelPercent,
    int serviceLevelMinutes,
    int standardServiceMinutes,
    int queueAlertLength,
    int lastIssueMinutesBeforeClose,
    Integer dailyQuota,
    List<String> requiredMaterials) {

  /** How many materials a standard may list, and how long one's name may be. */
  public static final int MAX_MATERIALS = 30;
  public static final int MAX_MATERIAL_LENGTH = 100;

  /**
   * @throws DomainException (400, naming the field) if a value is out of range or the wait levels are out of order
   */
  public ServiceStandard {
    range("targetWaitMinutes", targetWaitMinutes, 1, 600);
    range("warnWaitMinutes", warnWaitMinutes, 1, targetWaitMinutes);
    range("breachWaitMinutes", breachWaitMinutes, targetWaitMinutes, 1440);
    range("serviceLevelPercent", serviceLevelPercent, 1, 100);
    range("serviceLevelMinutes", serviceLevelMinutes, 1, 600);
    range("standardServiceMinutes", standardServiceMinutes, 1, 600);
    range("queueAlertLength", queueAlertLength, 1, 10_000);
    range("lastIssueMinutesBeforeClose", lastIssueMinutesBeforeClose, 0, 600);
    if (dailyQuota != null) {
      range("dailyQuota", dailyQuota, 1, 9_999);
    }
    requiredMaterials = materials(requiredMaterials);
  }

  /** A standard that asks for no materials. */
  public ServiceStandard(int warnWaitMinutes, int targetWaitMinutes, int breachWaitMinutes, int serviceLevelPercent,
      int serviceLevelMinutes, int standardServiceMinutes, int queueAlertLength, int lastIssueMinutesBeforeClose, Integer dailyQuota) {
    this(warnWaitMinutes, targetWaitMinutes, breachWaitMinutes, serviceLevelPercent, serviceLevelMinutes, standardServiceMinutes,
        queueAlertLength, lastIssueMinutesBeforeClose, dailyQuota, List.of());
  }

  /** The values a config gives when it names only the target and the handling time. */
  public static ServiceStandard defaults(int targetWaitMinutes, int standardServiceMinutes) {
    return new ServiceStandard(Math.max(1, targetWaitMinutes * 3 / 4), targetWaitMinutes, targetWaitMinutes * 3 / 2,
        80, targetWaitMinutes, standardServiceMinutes, 10, 30, null);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("warnWaitMinutes", warnWaitMinutes)
        .put("targetWaitMinutes", targetWaitMinutes)
        .put("breachWaitMinutes", breachWaitMinutes)
        .put("serviceLevelPercent", serviceLevelPercent)
        .put("serviceLevelMinutes", serviceLevelMinutes)
        .put("standardServiceMinutes", standardServiceMinutes)
        .put("queueAlertLength", queueAlertLength)
        .put("lastIssueMinutesBeforeClose", lastIssueMinutesBeforeClose)
        .put("dailyQuota", dailyQuota)
        .put("requiredMaterials", new JsonArray(new ArrayList<>(requiredMaterials)));
  }

  /** Reads the JSON {@link #toJson} writes; missing numbers are reported by field. */
  public static ServiceStandard fromJson(JsonObject json) {
    return new ServiceStandard(
        required(json, "warnWaitMinutes"),
        required(json, "targetWaitMinutes"),
        required(json, "breachWaitMinutes"),
        required(json, "serviceLevelPercent"),
        required(json, "serviceLevelMinutes"),
        required(json, "standardServiceMinutes"),
        required(json, "queueAlertLength"),
        required(json, "lastIssueMinutesBeforeClose"),
        whole(json, "dailyQuota"),
        texts(json, "requiredMaterials"));
  }

  /** A list of texts, or none when absent; anything else is refused by field. */
  private static List<String> texts(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw DomainException.invalid(field, "must be a list of names");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String text)) {
        throw DomainException.invalid(field + "." + i, "must be a name (text)");
      }
      texts.add(text);
    }
    return texts;
  }

  /** The materials' names trimmed, each given, not too long, and none twice. */
  private static List<String> materials(List<String> given) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MAX_MATERIALS) {
      throw DomainException.invalid("requiredMaterials", "at most " + MAX_MATERIALS + " materials, not " + given.size());
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String field = "requiredMaterials." + i;
      String name = given.get(i) == null ? "" : given.get(i).strip();
      if (name.isEmpty()) {
        throw DomainException.invalid(field, "must name a material");
      }
      if (name.length() > MAX_MATERIAL_LENGTH) {
        throw DomainException.invalid(field, "must be at most " + MAX_MATERIAL_LENGTH + " characters");
      }
      if (names.contains(name)) {
        throw DomainException.invalid(field, "'" + name + "' is listed twice");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  private static int required(JsonObject json, String field) {
    Integer value = whole(json, field);
    if (value == null) {
      throw DomainException.invalid(field, "is required");
    }
    return value;
  }

  /** An int, or null; a JSON number beyond int (4294967301, 1e20) is refused rather than wrapped round by {@code intValue()}. */
  private static Integer whole(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
      return number.intValue();
    }
    throw DomainException.invalid(field, "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", was " + value);
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw DomainException.invalid(field, "must be between " + min + " and " + max + ", was " + value);
    }
  }
}
