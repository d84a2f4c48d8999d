package hallq.auth;

import hallq.config.HallqConfig.DeviceType;
import hallq.config.HallqConfig.Role;

/** Who is calling: a signed-in user (with a counter, for a clerk) or a device with its configured token. */
public record Principal(String name, Role role, DeviceType device, Integer counterNo) {

  public static Principal user(String username, Role role, Integer counterNo) {
    return new Principal(username, role, null, counterNo);
  }

  public static Principal device(String id, DeviceType type) {
    return new Principal(id, null, type, null);
  }

  public boolean isUser() {
    return role != null;
  }

  public boolean is(Role wanted) {
    return role == wanted;
  }

  public boolean is(DeviceType wanted) {
    return device == wanted;
  }
}
