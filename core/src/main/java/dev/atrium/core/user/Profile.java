package dev.atrium.core.user;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a user says about themselves. Every text field may be absent. {@code lists} holds the
 * list-valued attributes (asset classes, industries, market coverage, …) by name.
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
    Map<String, List<String>> lists) {

  /** Names of the list attributes the model knows. */
  public static final List<String> LIST_NAMES =
      List.of("assetClasses", "industries", "marketCoverage", "responsibility", "function", "instrument");

  /** Longest text a profile field may hold. */
  public static final int MAX_FIELD_LENGTH = 256;

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
}
