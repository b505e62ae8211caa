package dev.atrium.core.mail;

/**
 * Hands a mail to a mail server. The outbox calls it after the mail's transaction committed, from one
 * background thread, and retries what fails unless the failure is permanent.
 */
public interface Mailer {
  /** Delivers the message, or throws {@link Failure} saying why not. */
  void send(MailMessage message) throws Failure;

  /**
   * A mail that did not go out. {@code permanent} means trying again cannot help (the server refused the
   * recipient); anything else (no connection, a busy server, a login refused) is retried.
   */
  final class Failure extends Exception {
    private final boolean permanent;

    public Failure(String message, boolean permanent) {
      super(message, null, false, false);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
