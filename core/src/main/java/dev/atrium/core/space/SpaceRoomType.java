package dev.atrium.core.space;

import dev.atrium.core.error.AtriumException;
import java.util.Locale;

/** A LiveDigital room's type: in a webinar only the creator and moderators broadcast. */
public enum SpaceRoomType {
  LESSON,
  WEBINAR;

  /** The type of LiveDigital's word for it ({@code lesson}, {@code webinar}); anything else is {@code Invalid}. */
  public static SpaceRoomType parse(String word) {
    return switch (word) {
      case "lesson" -> LESSON;
      case "webinar" -> WEBINAR;
      default -> throw AtriumException.invalid("type must be lesson or webinar");
    };
  }

  /** LiveDigital's word for the type. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
