package hallq;

/** A failure the caller can act on: a missing thing, a refused transition, a bad value. */
public class DomainException extends RuntimeException {

  public enum Kind { INVALID, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNAVAILABLE }

  private final Kind kind;
  private final String code;
  private final String field;

  public DomainException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  private DomainException(Kind kind, String code, String message, String field) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.field = field;
  }

  /** A bad value: the message starts with the field's name, and {@link #field()} names it too. */
  public static DomainException invalid(String field, String message) {
    return new DomainException(Kind.INVALID, "INVALID_FIELD", field + ": " + message, field);
  }

  public static DomainException notFound(String code, String message) {
    return new DomainException(Kind.NOT_FOUND, code, message);
  }

  public static DomainException conflict(String code, String message) {
    return new DomainException(Kind.CONFLICT, code, message);
  }

  public static DomainException unauthorized(String code, String message) {
    return new DomainException(Kind.UNAUTHORIZED, code, message);
  }

  public static DomainException forbidden(String code, String message) {
    return new DomainException(Kind.FORBIDDEN, code, message);
  }

  /** Something the server depends on (such as the staff directory) cannot answer now; worth a retry. */
  public static DomainException unavailable(String code, String message) {
    return new DomainException(Kind.UNAVAILABLE, code, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  /** The request field a bad value was in, or null. */
  public String field() {
    return field;
  }
}
