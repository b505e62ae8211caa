package dev.atrium.core.user;

import dev.atrium.core.error.AtriumException;

/** Roomful's identity types, with the numbers its wire uses: none assigned, SSID, VSSID (a Verus identity). */
public enum IdentityType {
  NOT_ASSIGNED(0),
  SSID(1),
  VSSID(2);

  private final int code;

  IdentityType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type with this number; any other number is {@code Invalid}. */
  public static IdentityType of(int code) {
    for (IdentityType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw AtriumException.invalid("identityType must be 0, 1 or 2, got " + code);
  }
}
