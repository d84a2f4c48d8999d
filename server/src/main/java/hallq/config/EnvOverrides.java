package hallq.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Overrides any config key from the environment: the key path in upper snake case under
 * {@code HALLQ_}, list items by index. {@code http.port} is {@code HALLQ_HTTP_PORT},
 * {@code dataDir} is {@code HALLQ_DATA_DIR}, {@code devices[0].token} is {@code HALLQ_DEVICES_0_TOKEN};
 * a list of strings takes a comma-separated value.
 */
final class EnvOverrides {
  static final String PREFIX = "HALLQ";

  private final Map<String, String> env;
  private final Set<String> used = new HashSet<>();

  EnvOverrides(Map<String, String> env) {
    this.env = env;
  }

  Set<String> used() {
    return used;
  }

  void apply(JsonObject config) {
    applyTo(config, PREFIX);
  }

  static String envName(String prefix, String key) {
    return prefix + "_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  private void applyTo(JsonObject object, String prefix) {
    for (String key : Set.copyOf(object.fieldNames())) {
      String name = envName(prefix, key);
      Object value = object.getValue(key);
      if (value instanceof JsonObject child) {
        applyTo(child, name);
      } else if (value instanceof JsonArray array && isListOfObjects(array)) {
        for (int i = 0; i < array.size(); i++) {
          applyTo(array.getJsonObject(i), name + "_" + i);
        }
      } else if (env.containsKey(name)) {
        used.add(name);
        object.put(key, parse(name, env.get(name), value));
      }
    }
  }

  private static boolean isListOfObjects(JsonArray array) {
    return !array.isEmpty() && array.stream().allMatch(JsonObject.class::isInstance);
  }

  private static Object parse(String name, String text, Object current) {
    String trimmed = text.trim();
    if (current instanceof Number) {
      try {
        return Long.parseLong(trimmed);
      } catch (NumberFormatException e) {
        throw new ConfigException(name, "must be a whole number, was '" + trimmed + "'");
      }
    }
    if (current instanceof Boolean) {
      if (!trimmed.equals("true") && !trimmed.equals("false")) {
        throw new ConfigException(name, "must be true or false, was '" + trimmed + "'");
      }
      return Boolean.parseBoolean(trimmed);
    }
    if (current instanceof JsonArray) {
      return new JsonArray(Arrays.stream(trimmed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    return trimmed;
  }
}
