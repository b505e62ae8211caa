package dev.atrium.core.settings;

import dev.atrium.core.error.AtriumException;
import java.util.Locale;

/** The client applications Roomful names in {@code device_application}. */
public enum DeviceApplication {
  ROOMFUL,
  TEXHIBITION,
  VALUVERSE,
  VALUSOCIAL;

  /** The name on the wire: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The application of a wire name (any case); anything else is {@code Invalid}. */
  public static DeviceApplication parse(String name) {
    for (DeviceApplication app : values()) {
      if (app.name().equalsIgnoreCase(name)) {
        return app;
      }
    }
    throw AtriumException.invalid("device_application must be one of roomful, texhibition, valuverse, valusocial, got '"
        + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'");
  }
}
