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
    return p.toBuilder().firstName(or(firstName, p.firstName())).lastName(or(lastName, p.lastName()))
        .birthday(or(birthday, p.birthday())).hometown(or(hometown, p.hometown()))
        .education(or(education, p.education())).description(or(description, p.description()))
        .linkUrl(or(linkUrl, p.linkUrl())).privacyMode(privacyMode == null ? p.privacyMode() : privacyMode).build();
  }

  /** A builder of an edit that keeps everything; each value set replaces the current one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProfileEdit} by field name: what is not set is kept. */
  public static final class Builder {
    private @Nullable String firstName;
    private @Nullable String lastName;
    private @Nullable String birthday;
    private @Nullable String hometown;
    private @Nullable String education;
    private @Nullable String description;
    private @Nullable String linkUrl;
    private @Nullable Integer privacyMode;

    private Builder() {}

    public Builder firstName(@Nullable String firstName) {
      this.firstName = firstName;
      return this;
    }

    public Builder lastName(@Nullable String lastName) {
      this.lastName = lastName;
      return this;
    }

    public Builder birthday(@Nullable String birthday) {
      this.birthday = birthday;
      return this;
    }

    public Builder hometown(@Nullable String hometown) {
      this.hometown = hometown;
      return this;
    }

    public Builder education(@Nullable String education) {
      this.education = education;
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder linkUrl(@Nullable String linkUrl) {
      this.linkUrl = linkUrl;
      return this;
    }

    public Builder privacyMode(@Nullable Integer privacyMode) {
      this.privacyMode = privacyMode;
      return this;
    }

    public ProfileEdit build() {
      return new ProfileEdit(firstName, lastName, birthday, hometown, education, description, linkUrl, privacyMode);
    }
  }

  /** The given value ("" clears), else the current one. */
  static @Nullable String or(@Nullable String given, @Nullable String current) {
    if (given == null) {
      return current;
    }
    return given.isEmpty() ? null : given;
  }
}
