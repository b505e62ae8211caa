package dev.atrium.core;

import dev.atrium.core.error.AtriumException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Ids made of random bytes in URL-safe base64 without padding, as Symphony makes stream and message ids.
 * Clients may send the standard alphabet ({@code +}, {@code /}) and padding; both are accepted and
 * normalised, so one thing has exactly one id.
 */
public final class OpaqueId {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private OpaqueId() {}

  public static String random(RandomGenerator random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** The id in its one normal form; anything that is not {@code length} bytes of base64 is {@code Invalid}. */
  public static String parse(String text, int length, String what) {
    String trimmed = text.strip();
    int end = trimmed.length();
    while (end > 0 && trimmed.charAt(end - 1) == '=') {
      end--;
    }
    String urlSafe = trimmed.substring(0, end).replace('+', '-').replace('/', '_');
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(urlSafe);
      // Re-encoding also refuses the spellings whose unused low bits are set: one id, one string.
      if (bytes.length == length && ENCODER.encodeToString(bytes).equals(urlSafe)) {
        return urlSafe;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw AtriumException.invalid("'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "' is not a "
        + what + " (" + length + " bytes in URL-safe base64)");
  }
}
