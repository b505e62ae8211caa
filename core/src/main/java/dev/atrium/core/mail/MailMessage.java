package dev.atrium.core.mail;

import static dev.atrium.core.error.AtriumException.require;

import org.jspecify.annotations.Nullable;

/** One mail to one address: a subject, a plain-text body, and optionally the same body in HTML. */
public record MailMessage(String to, String subject, String text, @Nullable String html) {
  public static final int MAX_ADDRESS_LENGTH = 254;
  public static final int MAX_SUBJECT_LENGTH = 998;
  public static final int MAX_BODY_LENGTH = 100_000;

  public MailMessage {
    require(to.length() <= MAX_ADDRESS_LENGTH && to.matches("^[^@\\s]+@[^@\\s]+$"),
        "A mail needs one recipient address, got '" + to + "'");
    require(!subject.isBlank() && subject.length() <= MAX_SUBJECT_LENGTH && subject.indexOf('\n') < 0
        && subject.indexOf('\r') < 0,
        "A mail's subject must be one line of 1 to " + MAX_SUBJECT_LENGTH + " characters");
    require(!text.isEmpty() && text.length() <= MAX_BODY_LENGTH,
        "A mail's text must be 1 to " + MAX_BODY_LENGTH + " characters long");
    require(html == null || html.length() <= MAX_BODY_LENGTH,
        "A mail's HTML must be at most " + MAX_BODY_LENGTH + " characters long");
  }
}
