package dev.atrium.core.user;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a user says about themselves. Every text field may be absent. {@code lists} holds the
 * list-valued attributes (asset classes, industries, market coverage, …) by name.
 *
 * <p>The fields after {@code lists} are Roomful's "about" fields: birthday (free text, as Roomful sends it),
 * hometown, education, description, link URL and the privacy mode ({@link #PRIVACY_DEFAULT} or
 * {@link #PRIVACY_INCOGNITO}). Roomful's {@code phoneNumber} is {@link #mobilePhone}. Build a profile with
 * {@link #builder()}, or change one with {@link #toBuilder()}: whatever is not set stays as it was (absent, for a
 * new one).
 */
public record Profile(
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String displayName,
    @Nullable String title,
    @Nullable String companyName,
    @Nullable String companyTitle,
    @Nullable String department,
    @Nullable String division,
    @Nullable String location,
    @Nullable String jobFunction,
    @Nullable String workPhone,
    @Nullable String mobilePhone,
    @Nullable String smsNumber,
    @Nullable String zipCode,
    @Nullable String twoFactorAuthPhone,
    @Nullable String language,
    Map<String, List<String>> lists,
    @Nullable String birthday,
    @Nullable String hometown,
    @Nullable String education,
    @Nullable String description,
    @Nullable String linkUrl,
    int privacyMode) {

  /** Names of the list attributes the model knows. */
  public static final List<String> LIST_NAMES =
      List.of("assetClasses", "industries", "marketCoverage", "responsibility", "function", "instrument");

  /** Longest text a profile field may hold. */
  public static final int MAX_FIELD_LENGTH = 256;
  /** Longest description: a paragraph or a few, as a room's description. */
  public static final int MAX_DESCRIPTION_LENGTH = 4000;
  /** Longest link URL. */
  public static final int MAX_URL_LENGTH = 2048;

  /** Roomful's privacy modes: others see the user as usual, or the user is incognito. */
  public static final int PRIVACY_DEFAULT = 0;
  public static final int PRIVACY_INCOGNITO = 1;

  public static final Profile EMPTY = builder().build();

  public Profile {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    lists.forEach((name, values) -> {
      if (!values.isEmpty()) {
        copy.put(name, List.copyOf(values));
      }
    });
    lists = java.util.Collections.unmodifiableMap(copy);
  }

  public List<String> list(String name) {
    return lists.getOrDefault(name, List.of());
  }

  /** The name to show: the display name, else first and last name, else empty. */
  public String shownName(String fallback) {
    if (displayName != null && !displayName.isBlank()) {
      return displayName;
    }
    String joined = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    return joined.isEmpty() ? fallback : joined;
  }

  public Profile withNames(@Nullable String firstName, @Nullable String lastName) {
    return toBuilder().firstName(firstName).lastName(lastName).build();
  }

  public Profile withCompany(@Nullable String companyName, @Nullable String companyTitle) {
    return toBuilder().companyName(companyName).companyTitle(companyTitle).build();
  }

  public Profile withMobilePhone(@Nullable String mobilePhone) {
    return toBuilder().mobilePhone(mobilePhone).build();
  }

  /** A builder of a profile in which every field is absent, there are no lists and the privacy mode is the default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this profile. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Profile} by field name: nothing is set by its place in a list of twenty-three. */
  public static final class Builder {
    private @Nullable String firstName;
    private @Nullable String lastName;
    private @Nullable String displayName;
    private @Nullable String title;
    private @Nullable String companyName;
    private @Nullable String companyTitle;
    private @Nullable String department;
    private @Nullable String division;
    private @Nullable String location;
    private @Nullable String jobFunction;
    private @Nullable String workPhone;
    private @Nullable String mobilePhone;
    private @Nullable String smsNumber;
    private @Nullable String zipCode;
    private @Nullable String twoFactorAuthPhone;
    private @Nullable String language;
    private Map<String, List<String>> lists = Map.of();
    private @Nullable String birthday;
    private @Nullable String hometown;
    private @Nullable String education;
    private @Nullable String description;
    private @Nullable String linkUrl;
    private int privacyMode = PRIVACY_DEFAULT;

    private Builder() {}

    private Builder(Profile p) {
      firstName = p.firstName;
      lastName = p.lastName;
      displayName = p.displayName;
      title = p.title;
      companyName = p.companyName;
      companyTitle = p.companyTitle;
      department = p.department;
      division = p.division;
      location = p.location;
      jobFunction = p.jobFunction;
      workPhone = p.workPhone;
      mobilePhone = p.mobilePhone;
      smsNumber = p.smsNumber;
      zipCode = p.zipCode;
      twoFactorAuthPhone = p.twoFactorAuthPhone;
      language = p.language;
      lists = p.lists;
      birthday = p.birthday;
      hometown = p.hometown;
      education = p.education;
      description = p.description;
      linkUrl = p.linkUrl;
      privacyMode = p.privacyMode;
    }

    public Builder firstName(@Nullable String firstName) {
      this.firstName = firstName;
      return this;
    }

    public Builder lastName(@Nullable String lastName) {
      this.lastName = lastName;
      return this;
    }

    public Builder displayName(@Nullable String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder title(@Nullable String title) {
      this.title = title;
      return this;
    }

    public Builder companyName(@Nullable String companyName) {
      this.companyName = companyName;
      return this;
    }

    public Builder companyTitle(@Nullable String companyTitle) {
      this.companyTitle = companyTitle;
      return this;
    }

    public Builder department(@Nullable String department) {
      this.department = department;
      return this;
    }

    public Builder division(@Nullable String division) {
      this.division = division;
      return this;
    }

    public Builder location(@Nullable String location) {
      this.location = location;
      return this;
    }

    public Builder jobFunction(@Nullable String jobFunction) {
      this.jobFunction = jobFunction;
      return this;
    }

    public Builder workPhone(@Nullable String workPhone) {
      this.workPhone = workPhone;
      return this;
    }

    public Builder mobilePhone(@Nullable String mobilePhone) {
      this.mobilePhone = mobilePhone;
      return this;
    }

    public Builder smsNumber(@Nullable String smsNumber) {
      this.smsNumber = smsNumber;
      return this;
    }

    public Builder zipCode(@Nullable String zipCode) {
      this.zipCode = zipCode;
      return this;
    }

    public Builder twoFactorAuthPhone(@Nullable String twoFactorAuthPhone) {
      this.twoFactorAuthPhone = twoFactorAuthPhone;
      return this;
    }

    public Builder language(@Nullable String language) {
      this.language = language;
      return this;
    }

    public Builder lists(Map<String, List<String>> lists) {
      this.lists = lists;
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

    public Builder privacyMode(int privacyMode) {
      this.privacyMode = privacyMode;
      return this;
    }

    public Profile build() {
      return new Profile(firstName, lastName, displayName, title, companyName, companyTitle, department, division,
          location, jobFunction, workPhone, mobilePhone, smsNumber, zipCode, twoFactorAuthPhone, language, lists,
          birthday, hometown, education, description, linkUrl, privacyMode);
    }
  }
}
