package dev.atrium.core.space;

import dev.atrium.core.error.AtriumException;

/** Roomful's network types; a LiveDigital space is PUBLIC. The type says what the network is for, not who sees it. */
public enum SpaceType {
  PUBLIC,
  MATCHMAKING,
  BUSINESS_SOCIAL,
  NETWORK_CONFERENCE,
  HUMANITY;

  public static SpaceType parse(String name) {
    for (SpaceType type : values()) {
      if (type.name().replace("_", "").equalsIgnoreCase(name.replace("_", ""))) {
        return type;
      }
    }
    throw AtriumException.invalid("Unknown space type: " + (name.length() > 64 ? name.substring(0, 64) : name));
  }
}
