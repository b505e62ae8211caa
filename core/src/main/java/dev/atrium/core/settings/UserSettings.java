package dev.atrium.core.settings;

import static dev.atrium.core.error.AtriumException.require;

import org.jspecify.annotations.Nullable;

/**
 * The settings Roomful pushes in {@code user:settingsUpdated}: email preferences, navigation, and object
 * collision. A user who never set any has {@link #DEFAULT}.
 */
public record UserSettings(Email email, Navigation navigation, int objectCollision) {
  /** The largest object collision value taken; Roomful does not document its range, only that it is an int. */
  public static final int MAX_OBJECT_COLLISION = 1000;
  public static final UserSettings DEFAULT = new UserSettings(Email.DEFAULT, Navigation.DEFAULT, 0);

  /** {@code ignoreNewTextchatMessage}: no emails about new text chat messages. */
  public record Email(boolean ignoreNewTextchatMessage) {
    public static final Email DEFAULT = new Email(false);
  }

  /**
   * Navigation: mode 0 classic, 1 advanced, 2 pro; joystick 0 left, 1 right, 2 two joysticks; helper buttons
   * 0 default, 1 show, 2 hide; sensitivities are finite numbers from 0 to {@link #MAX_SENSITIVITY}.
   */
  public record Navigation(int navigationMode, double verticalSensitivity, double horizontalSensitivity,
      int joystickSettings, int helperButtonAppearance) {
    public static final double MAX_SENSITIVITY = 100;
    public static final Navigation DEFAULT = new Navigation(0, 1.0, 1.0, 0, 0);

    public Navigation checked() {
      require(navigationMode >= 0 && navigationMode <= 2, "navigationMode must be 0, 1 or 2, got " + navigationMode);
      require(joystickSettings >= 0 && joystickSettings <= 2,
          "joystickSettings must be 0, 1 or 2, got " + joystickSettings);
      require(helperButtonAppearance >= 0 && helperButtonAppearance <= 2,
          "helperButtonAppearance must be 0, 1 or 2, got " + helperButtonAppearance);
      checkSensitivity(verticalSensitivity, "verticalSensitivity");
      checkSensitivity(horizontalSensitivity, "horizontalSensitivity");
      return this;
    }

    private static void checkSensitivity(double value, String name) {
      require(Double.isFinite(value) && value >= 0 && value <= MAX_SENSITIVITY,
          name + " must be a number from 0 to " + (int) MAX_SENSITIVITY + ", got " + value);
    }
  }

  /** Some navigation fields; a null one keeps its value. */
  public record NavigationPatch(@Nullable Integer navigationMode, @Nullable Double verticalSensitivity,
      @Nullable Double horizontalSensitivity, @Nullable Integer joystickSettings,
      @Nullable Integer helperButtonAppearance) {

    public Navigation applyTo(Navigation now) {
      return new Navigation(navigationMode == null ? now.navigationMode() : navigationMode,
          verticalSensitivity == null ? now.verticalSensitivity() : verticalSensitivity,
          horizontalSensitivity == null ? now.horizontalSensitivity() : horizontalSensitivity,
          joystickSettings == null ? now.joystickSettings() : joystickSettings,
          helperButtonAppearance == null ? now.helperButtonAppearance() : helperButtonAppearance);
    }
  }

  public UserSettings withEmail(Email email) {
    return new UserSettings(email, navigation, objectCollision);
  }

  public UserSettings withNavigation(Navigation navigation) {
    return new UserSettings(email, navigation, objectCollision);
  }

  public UserSettings withObjectCollision(int objectCollision) {
    return new UserSettings(email, navigation, objectCollision);
  }
}
