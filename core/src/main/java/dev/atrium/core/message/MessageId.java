package dev.atrium.core.message;

import dev.atrium.core.OpaqueId;
import java.util.random.RandomGenerator;

/** Message ids: {@value BYTES} random bytes in URL-safe base64 without padding, like stream ids. */
public final class MessageId {
  public static final int BYTES = 18;

  private MessageId() {}

  public static String random(RandomGenerator random) {
    return OpaqueId.random(random, BYTES);
  }

  /** The id in its one normal form; anything that is not {@value BYTES} bytes of base64 is {@code Invalid}. */
  public static String parse(String text) {
    return OpaqueId.parse(text, BYTES, "message id");
  }
}
