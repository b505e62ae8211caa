package dev.atrium.core.error;

import java.time.Duration;

/**
 * The domain's errors. Each dialect maps them to its own wire format in one exhaustive switch, so a new
 * kind of error cannot be added without every dialect deciding how to show it.
 */
public sealed abstract class AtriumException extends RuntimeException
    permits AtriumException.NotFound, AtriumException.Conflict, AtriumException.Invalid,
        AtriumException.Forbidden, AtriumException.Unauthenticated, AtriumException.TooManyRequests,
        AtriumException.Unavailable {

  private final Reason reason;

  private AtriumException(String message, Reason reason) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Never null: every domain error is made with its message. */
  @Override
  public String getMessage() {
    return java.util.Objects.requireNonNull(super.getMessage());
  }

  /**
   * What exactly went wrong, for dialects whose error codes are finer than the kinds (Roomful tells an unknown
   * user, an unknown token and a used token apart). Most errors have {@link Reason#NONE}: their kind says it all.
   */
  public enum Reason {
    NONE,
    /** No account has the email address or id given. */
    USER_NOT_FOUND,
    /** A verification token or code is unknown, expired, or meant for another address. */
    TOKEN_NOT_FOUND,
    /** A verification token or code was used already. */
    TOKEN_USED,
    /** A new password breaks the password rules. */
    INVALID_PASSWORD
  }

  public Reason reason() {
    return reason;
  }

  /** The thing named does not exist (or the caller may not know that it does). */
  public static final class NotFound extends AtriumException {
    public NotFound(String message) {
      super(message, Reason.NONE);
    }

    public NotFound(String message, Reason reason) {
      super(message, reason);
    }
  }

  /** The request collides with existing state: a duplicate username, email, id. */
  public static final class Conflict extends AtriumException {
    public Conflict(String message) {
      super(message, Reason.NONE);
    }

    public Conflict(String message, Reason reason) {
      super(message, reason);
    }
  }

  /** The input breaks a rule of the model: a missing field, a value out of range. */
  public static final class Invalid extends AtriumException {
    public Invalid(String message) {
      super(message, Reason.NONE);
    }

    public Invalid(String message, Reason reason) {
      super(message, reason);
    }
  }

  /** The caller is known but may not do this. */
  public static final class Forbidden extends AtriumException {
    public Forbidden(String message) {
      super(message, Reason.NONE);
    }
  }

  /** No valid session or credentials. */
  public static final class Unauthenticated extends AtriumException {
    public Unauthenticated(String message) {
      super(message, Reason.NONE);
    }
  }

  /**
   * The caller asked too often. {@link #retryAfter} says when asking again can succeed; every dialect sends it as
   * {@code Retry-After} (whole seconds, rounded up) besides its own body.
   */
  public static final class TooManyRequests extends AtriumException {
    private final Duration retryAfter;

    public TooManyRequests(String message) {
      this(message, Duration.ZERO);
    }

    public TooManyRequests(String message, Duration retryAfter) {
      super(message, Reason.NONE);
      this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before asking again; zero when no wait is known. */
    public Duration retryAfter() {
      return retryAfter;
    }

    /** {@link #retryAfter} in whole seconds, rounded up, at least 1: the value of a {@code Retry-After} header. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }

  /**
   * A service Atrium relies on (Facebook, Ready Player Me) cannot answer now, or is not set up on this server.
   * The message says which and why, never a credential.
   */
  public static final class Unavailable extends AtriumException {
    public Unavailable(String message) {
      super(message, Reason.NONE);
    }
  }

  public static NotFound notFound(String message) {
    return new NotFound(message);
  }

  public static Invalid invalid(String message) {
    return new Invalid(message);
  }

  public static Forbidden forbidden(String message) {
    return new Forbidden(message);
  }

  public static Conflict conflict(String message) {
    return new Conflict(message);
  }

  public static Unavailable unavailable(String message) {
    return new Unavailable(message);
  }

  /** Checks an argument the way Caffeine does: the message says exactly what was wrong. */
  public static void require(boolean condition, String message) {
    if (!condition) {
      throw new Invalid(message);
    }
  }
}
