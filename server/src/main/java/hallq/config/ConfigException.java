package hallq.config;

/** Invalid configuration: the message starts with the key that is wrong, e.g. {@code counters[3].services}. */
public class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
