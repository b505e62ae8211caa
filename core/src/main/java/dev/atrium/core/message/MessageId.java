package dev.atrium.core.message;

import dev.atrium.core.error.AtriumException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Message ids as Symphony makes them: random bytes in URL-safe base64 without padding. Like stream ids,
 * the standard alphabet and padding are accepted and normalised, so one message has exactly one id.
 */
public final class MessageId {
  public static final int BYTES = 18;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private MessageId() {}

  public static String random(RandomGenerator random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** The id in its one normal form; anything that is not {@value BYTES} bytes of base64 is {@code Invalid}. */
  public static String parse(String text) {
    String trimmed = text.strip();
    int end = trimmed.length();
    while (end > 0 && trimmed.charAt(end - 1) == '=') {
      end--;
    }
    String urlSafe = trimmed.substring(0, end).replace('+', '-').replace('/', '_');
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(urlSafe);
      if (bytes.length == BYTES && ENCODER.encodeToString(bytes).equals(urlSafe)) {
        return urlSafe;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw AtriumException.invalid("'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text)
        + "' is not a message id (" + BYTES + " bytes in URL-safe base64)");
  }
}
