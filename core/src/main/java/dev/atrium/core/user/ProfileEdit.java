package dev.atrium.core.user;

import org.jspecify.annotations.Nullable;

/**
 * What Roomful's {@code user:editProfile} asks to change. A field left {@code null} keeps its value; an empty
 * string clears it; {@code privacyMode} is 0 or 1 when given.
 */
public record ProfileEdit(
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String birthday,
    @Nullable String hometown,
    @Nullable String education,
    @Nullable String description,
    @Nullable String linkUrl,
    @Nullable Integer privacyMode) {

  /** The profile with this edit applied. */
  public Profile applyTo(Profile p) {
    return p.withNames(or(firstName, p.firstName()), or(lastName, p.lastName()))
        .withAbout(or(birthday, p.birthday()), or(hometown, p.hometown()), or(education, p.education()),
            or(description, p.description()), or(linkUrl, p.linkUrl()),
            privacyMode == null ? p.privacyMode() : privacyMode);
  }

  /** The given value ("" clears), else the current one. */
  static @Nullable String or(@Nullable String given, @Nullable String current) {
    if (given == null) {
      return current;
    }
    return given.isEmpty() ? null : given;
  }
}
