package dev.atrium.core.settings;

import static dev.atrium.core.error.AtriumException.require;

import org.jspecify.annotations.Nullable;

/**
 * What a device tells about itself ({@code user:deviceSettings}): time zone, language, OS, push token and
 * application; each may be absent. Kept per session: a session is one sign-in of one device, so a user with
 * a phone and a laptop has two, and a push goes to each live session's token. They go when the session goes.
 * Roomful sends the time zone as an int without saying its unit; Atrium takes any value whose magnitude is at
 * most {@link #MAX_TIMEZONE} (a day in seconds, which also covers minutes and hours).
 */
public record DeviceSettings(
    @Nullable Integer timezone,
    @Nullable String language,
    @Nullable Integer os,
    @Nullable String pushToken,
    @Nullable DeviceApplication application) {
  public static final int MAX_TIMEZONE = 86_400;
  public static final int MAX_LANGUAGE_LENGTH = 64;
  public static final int MAX_PUSH_TOKEN_LENGTH = 4096;
  public static final DeviceSettings NONE = new DeviceSettings(null, null, null, null, null);

  public DeviceSettings checked() {
    require(timezone == null || Math.abs((long) timezone) <= MAX_TIMEZONE,
        "device_timezone must be from -" + MAX_TIMEZONE + " to " + MAX_TIMEZONE + ", got " + timezone);
    require(language == null || language.length() <= MAX_LANGUAGE_LENGTH,
        "device_language must be at most " + MAX_LANGUAGE_LENGTH + " characters long");
    require(os == null || os >= 0, "device_os must not be negative, got " + os);
    require(pushToken == null || pushToken.length() <= MAX_PUSH_TOKEN_LENGTH,
        "device_push_token must be at most " + MAX_PUSH_TOKEN_LENGTH + " characters long");
    return this;
  }
}
