package dev.atrium.core.room;

import dev.atrium.core.error.AtriumException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Room ids as Symphony makes stream ids: 25 random bytes in URL-safe base64 without padding (34
 * characters). Clients may send the standard alphabet ({@code +}, {@code /}) and padding; both are accepted
 * and normalised, so one room has exactly one id.
 */
public final class RoomId {
  public static final int BYTES = 25;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private RoomId() {}

  public static String random(RandomGenerator random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** The id in its one normal form; anything that is not 25 bytes of base64 is {@code Invalid}. */
  public static String parse(String text) {
    String trimmed = text.strip();
    int end = trimmed.length();
    while (end > 0 && trimmed.charAt(end - 1) == '=') {
      end--;
    }
    String urlSafe = trimmed.substring(0, end).replace('+', '-').replace('/', '_');
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(urlSafe);
      // Re-encoding also refuses the spellings whose unused low bits are set: one id, one string.
      if (bytes.length == BYTES && ENCODER.encodeToString(bytes).equals(urlSafe)) {
        return urlSafe;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw AtriumException.invalid("'" + printable(text) + "' is not a stream id (" + BYTES
        + " bytes in URL-safe base64)");
  }

  private static String printable(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }
}
