package dev.atrium.http;

/**
 * A refusal of the request itself, with its HTTP status (405, 413, 414, 415, 431): not a domain error, so no
 * dialect maps it, but every dialect shows it in its own body ({@link ErrorFormat#refusal}).
 */
public final class Refusal extends RuntimeException {
  private final int status;

  public Refusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  @Override
  public String getMessage() {
    return java.util.Objects.requireNonNull(super.getMessage());
  }
}
