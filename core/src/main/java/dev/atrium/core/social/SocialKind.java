package dev.atrium.core.social;

import dev.atrium.core.error.AtriumException;
import java.util.Locale;

/** The kinds of social account Roomful links, with their wire names (lower case). */
public enum SocialKind {
  ROOMFUL,
  GOOGLE,
  APPLE,
  FACEBOOK,
  EPAM,
  VERUS,
  MERKOS302;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of a wire name (any case); anything else is {@code Invalid}. */
  public static SocialKind parse(String name) {
    for (SocialKind kind : values()) {
      if (kind.name().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw AtriumException.invalid("Unknown social account kind: '" + (name.length() > 64 ? name.substring(0, 64)
        + "…" : name) + "' (roomful, google, apple, facebook, epam, verus or merkos302)");
  }
}
