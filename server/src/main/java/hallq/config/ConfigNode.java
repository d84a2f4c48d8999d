package hallq.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A JSON object read with its key path, so every problem names the key it is about. */
final class ConfigNode {
  private final String path;
  private final JsonObject json;

  ConfigNode(String path, JsonObject json) {
    this.path = path;
    this.json = json;
  }

  /** The object as given, for a record that checks itself. */
  JsonObject json() {
    return json;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  ConfigNode object(String name) {
    Object value = json.getValue(name);
    if (!(value instanceof JsonObject object)) {
      throw new ConfigException(key(name), "must be an object");
    }
    return new ConfigNode(key(name), object);
  }

  /** The raw JSON of an optional object or list, or null when left out. */
  Object optional(String name) {
    return json.getValue(name);
  }

  String text(String name) {
    Object value = json.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new ConfigException(key(name), "must be a non-empty string");
    }
    return text.trim();
  }

  String optionalText(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw new ConfigException(key(name), "must be a string");
    }
    return text.trim();
  }

  boolean bool(String name) {
    if (!(json.getValue(name) instanceof Boolean value)) {
      throw new ConfigException(key(name), "must be true or false");
    }
    return value;
  }

  int integer(String name, int min, int max) {
    Object value = json.getValue(name);
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new ConfigException(key(name), "must be a whole number");
    }
    long n = number.longValue();
    if (n < min || n > max) {
      throw new ConfigException(key(name), "must be between " + min + " and " + max + ", was " + n);
    }
    return (int) n;
  }

  <E extends Enum<E>> E choice(String name, Class<E> type) {
    String text = text(name);
    try {
      return Enum.valueOf(type, text.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key(name), "must be one of " + List.of(type.getEnumConstants()) + ", was " + text);
    }
  }

  List<String> texts(String name) {
    JsonArray array = array(name);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String text) || text.isBlank()) {
        throw new ConfigException(key(name) + "[" + i + "]", "must be a non-empty string");
      }
      texts.add(text.trim());
    }
    return texts;
  }

  /** A list of strings that may be left out: then it is empty. */
  List<String> optionalTexts(String name) {
    return json.getValue(name) == null ? List.of() : texts(name);
  }

  /** A list of whole numbers in [min, max] that may be left out: then it is empty. */
  List<Integer> optionalIntegers(String name, int min, int max) {
    if (json.getValue(name) == null) {
      return List.of();
    }
    JsonArray array = array(name);
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      if (!(value instanceof Integer n) || n < min || n > max) {
        throw new ConfigException(key(name) + "[" + i + "]", "must be a whole number between " + min + " and " + max);
      }
      numbers.add(n);
    }
    return numbers;
  }

  <T> List<T> objects(String name, Function<ConfigNode, T> reader) {
    JsonArray array = array(name);
    List<T> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String itemKey = key(name) + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject object)) {
        throw new ConfigException(itemKey, "must be an object");
      }
      items.add(reader.apply(new ConfigNode(itemKey, object)));
    }
    return items;
  }

  private JsonArray array(String name) {
    Object value = json.getValue(name);
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(key(name), "must be a list");
    }
    return array;
  }
}
