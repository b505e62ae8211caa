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
 * {@link #PRIVACY_INCOGNITO}). Roomful's {@code phoneNumber} is {@link #mobilePhone}. The seventeen-argument
 * constructor, which the Symphony dialect and older code use, leaves them absent; code that rebuilds a
 * profile from another keeps them with {@link #withAbout}.
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

  public static final Profile EMPTY = new Profile(
      null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, Map.of());

  public Profile {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    lists.forEach((name, values) -> {
      if (!values.isEmpty()) {
        copy.put(name, List.copyOf(values));
      }
    });
    lists = java.util.Collections.unmodifiableMap(copy);
  }

  /** The profile fields Symphony knows; Roomful's about fields are absent and the privacy mode is the default. */
  public Profile(@Nullable String firstName, @Nullable String lastName, @Nullable String displayName,
      @Nullable String title, @Nullable String companyName, @Nullable String companyTitle,
      @Nullable String department, @Nullable String division, @Nullable String location,
      @Nullable String jobFunction, @Nullable String workPhone, @Nullable String mobilePhone,
      @Nullable String smsNumber, @Nullable String zipCode, @Nullable String twoFactorAuthPhone,
      @Nullable String language, Map<String, List<String>> lists) {
    this(firstName, lastName, displayName, title, companyName, companyTitle, department, division, location,
        jobFunction, workPhone, mobilePhone, smsNumber, zipCode, twoFactorAuthPhone, language, lists, null, null,
        null, null, null, PRIVACY_DEFAULT);
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

  /** This profile with Roomful's about fields (and privacy mode) taken from {@code other}. */
  public Profile withAbout(Profile other) {
    return withAbout(other.birthday, other.hometown, other.education, other.description, other.linkUrl,
        other.privacyMode);
  }

  public Profile withAbout(@Nullable String birthday, @Nullable String hometown, @Nullable String education,
      @Nullable String description, @Nullable String linkUrl, int privacyMode) {
    return new Profile(firstName, lastName, displayName, title, companyName, companyTitle, department, division,
        location, jobFunction, workPhone, mobilePhone, smsNumber, zipCode, twoFactorAuthPhone, language, lists,
        birthday, hometown, education, description, linkUrl, privacyMode);
  }

  public Profile withNames(@Nullable String firstName, @Nullable String lastName) {
    return new Profile(firstName, lastName, displayName, title, companyName, companyTitle, department, division,
        location, jobFunction, workPhone, mobilePhone, smsNumber, zipCode, twoFactorAuthPhone, language, lists,
        birthday, hometown, education, description, linkUrl, privacyMode);
  }

  public Profile withCompany(@Nullable String companyName, @Nullable String companyTitle) {
    return new Profile(firstName, lastName, displayName, title, companyName, companyTitle, department, division,
        location, jobFunction, workPhone, mobilePhone, smsNumber, zipCode, twoFactorAuthPhone, language, lists,
        birthday, hometown, education, description, linkUrl, privacyMode);
  }

  public Profile withMobilePhone(@Nullable String mobilePhone) {
    return new Profile(firstName, lastName, displayName, title, companyName, companyTitle, department, division,
        location, jobFunction, workPhone, mobilePhone, smsNumber, zipCode, twoFactorAuthPhone, language, lists,
        birthday, hometown, education, description, linkUrl, privacyMode);
  }
}
