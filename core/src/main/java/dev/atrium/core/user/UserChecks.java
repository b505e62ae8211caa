package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.error.AtriumException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules a username, an email address and a profile follow, whichever dialect or service sets them. The
 * messages name things in plain words ("the username"), not in any dialect's field names: a dialect that wants
 * its own names checks the field's presence itself, under that name, before calling a service.
 */
public final class UserChecks {
  public static final int MAX_USERNAME_LENGTH = 128;
  public static final int MAX_EMAIL_LENGTH = 254;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  private UserChecks() {}

  /**
   * The username if it is one: not blank, at most {@link #MAX_USERNAME_LENGTH}, no control characters, and no
   * white space but single spaces between words (LiveDigital's usernames are names such as "Some Username Here").
   */
  public static String username(@Nullable String username) {
    if (username == null || username.isBlank()) {
      throw AtriumException.invalid("A username is required");
    }
    require(username.length() <= MAX_USERNAME_LENGTH,
        "The username must be at most " + MAX_USERNAME_LENGTH + " characters long");
    require(username.codePoints().noneMatch(c -> c != ' ' && Character.isWhitespace(c) || Character.isISOControl(c))
        && !username.startsWith(" ") && !username.endsWith(" ") && !username.contains("  "),
        "The username must not contain control characters, or spaces other than single ones between words");
    return username;
  }

  /** The address if it is one (one {@code @}, no spaces, at most {@link #MAX_EMAIL_LENGTH}); null if none is given. */
  public static @Nullable String email(@Nullable String email) {
    if (email == null || email.isEmpty()) {
      return null;
    }
    require(email.length() <= MAX_EMAIL_LENGTH,
        "The email address must be at most " + MAX_EMAIL_LENGTH + " characters long");
    require(EMAIL.matcher(email).matches(), "The email address is not valid: " + email);
    return email;
  }

  /** The address, which must be given, checked as {@link #email}. */
  public static String requiredEmail(@Nullable String email) {
    String checked = email(email);
    if (checked == null) {
      throw AtriumException.invalid("An email address is required");
    }
    return checked;
  }

  /** Every field within its length, a known privacy mode, known list attributes of bounded size. */
  public static void profile(Profile profile) {
    List<@Nullable String> fields = Arrays.asList(profile.firstName(), profile.lastName(),
        profile.displayName(), profile.title(), profile.companyName(), profile.companyTitle(), profile.department(),
        profile.division(), profile.location(), profile.jobFunction(), profile.workPhone(), profile.mobilePhone(),
        profile.smsNumber(), profile.zipCode(), profile.twoFactorAuthPhone(), profile.language());
    for (String field : fields) {
      require(field == null || field.length() <= Profile.MAX_FIELD_LENGTH,
          "Profile fields must be at most " + Profile.MAX_FIELD_LENGTH + " characters long");
    }
    length(profile.birthday(), "birthday", Profile.MAX_FIELD_LENGTH);
    length(profile.hometown(), "hometown", Profile.MAX_FIELD_LENGTH);
    length(profile.education(), "education", Profile.MAX_FIELD_LENGTH);
    length(profile.description(), "description", Profile.MAX_DESCRIPTION_LENGTH);
    length(profile.linkUrl(), "linkUrl", Profile.MAX_URL_LENGTH);
    privacyMode(profile.privacyMode());
    profile.lists().forEach((name, values) -> {
      require(Profile.LIST_NAMES.contains(name), "Unknown list attribute: " + name);
      require(values.size() <= 100, name + " must have at most 100 entries");
      values.forEach(v -> require(v.length() <= Profile.MAX_FIELD_LENGTH,
          name + " entries must be at most " + Profile.MAX_FIELD_LENGTH + " characters long"));
    });
  }

  static void privacyMode(int mode) {
    require(mode == Profile.PRIVACY_DEFAULT || mode == Profile.PRIVACY_INCOGNITO,
        "privacyMode must be 0 (default) or 1 (incognito), got " + mode);
  }

  private static void length(@Nullable String value, String field, int max) {
    require(value == null || value.length() <= max, field + " must be at most " + max + " characters long");
  }
}
