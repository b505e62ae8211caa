package dev.atrium.core.room;

import dev.atrium.core.OpaqueId;
import java.util.random.RandomGenerator;

/** Room ids as Symphony makes stream ids: 25 random bytes in URL-safe base64 without padding (34 characters). */
public final class RoomId {
  public static final int BYTES = 25;

  private RoomId() {}

  public static String random(RandomGenerator random) {
    return OpaqueId.random(random, BYTES);
  }

  /** The id in its one normal form; anything that is not 25 bytes of base64 is {@code Invalid}. */
  public static String parse(String text) {
    return OpaqueId.parse(text, BYTES, "room id");
  }
}
