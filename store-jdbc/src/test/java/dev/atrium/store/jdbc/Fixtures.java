package dev.atrium.store.jdbc;

import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Values the store tests write. Instants are whole milliseconds, as the store keeps them. */
final class Fixtures {
  static final long POD = 103;
  static final Instant T0 = Instant.parse("2025-01-15T09:30:00Z");

  private Fixtures() {}

  static long userId(long sequence) {
    return POD << 36 | sequence;
  }

  static Profile names(@Nullable String first, @Nullable String last) {
    return profile(first, last, null, null, null, null, null);
  }

  static Profile profile(@Nullable String first, @Nullable String last, @Nullable String display,
      @Nullable String title, @Nullable String company, @Nullable String department, @Nullable String location) {
    return new Profile(first, last, display, title, company, null, department, null, location, null, null, null, null,
        null, null, null, Map.of());
  }

  /** Every profile field set (Roomful's about fields too), and two list attributes. */
  static Profile fullProfile() {
    return new Profile("Ada", "Lovelace", "Ada L.", "Analyst", "Engines Ltd", "Chief Analyst", "Research",
        "Mathematics", "London", "Analysis", "+44 20 1234", "+44 7700 900", "+44 7700 901", "W1", "+44 7700 902",
        "en-GB", Map.of("assetClasses", List.of("Equities", "Rates"), "industries", List.of("Machinery")),
        "1815-12-10", "London", "Private tutors", "Wrote the first program.", "https://example.com/ada",
        Profile.PRIVACY_INCOGNITO);
  }

  static User user(long id, String username, @Nullable String email, Profile profile) {
    return new User(id, username, email, profile, UserStatus.ENABLED, AccountType.NORMAL, Set.of(Roles.INDIVIDUAL),
        T0, "tests", T0, null, null, false, true, 0, null);
  }

  static User withStatus(User u, UserStatus status) {
    return u.withStatus(status, u.updatedAt());
  }

  static User withRoles(User u, Set<String> roles) {
    return u.withRoles(roles, u.updatedAt());
  }

  static User withAccountType(User u, AccountType type) {
    return u.withProfile(u.username(), u.email(), u.profile(), type, u.updatedAt());
  }
}
