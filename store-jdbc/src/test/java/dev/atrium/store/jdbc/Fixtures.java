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
    return Profile.builder().firstName(first).lastName(last).displayName(display).title(title).companyName(company)
        .department(department).location(location).build();
  }

  /** Every profile field set (Roomful's about fields too), and two list attributes. */
  static Profile fullProfile() {
    return Profile.builder().firstName("Ada").lastName("Lovelace").displayName("Ada L.").title("Analyst")
        .companyName("Engines Ltd").companyTitle("Chief Analyst").department("Research").division("Mathematics")
        .location("London").jobFunction("Analysis").workPhone("+44 20 1234").mobilePhone("+44 7700 900")
        .smsNumber("+44 7700 901").zipCode("W1").twoFactorAuthPhone("+44 7700 902").language("en-GB")
        .lists(Map.of("assetClasses", List.of("Equities", "Rates"), "industries", List.of("Machinery")))
        .birthday("1815-12-10").hometown("London").education("Private tutors").description("Wrote the first program.")
        .linkUrl("https://example.com/ada").privacyMode(Profile.PRIVACY_INCOGNITO).build();
  }

  static User user(long id, String username, @Nullable String email, Profile profile) {
    return User.builder().id(id).username(username).email(email).profile(profile).status(UserStatus.ENABLED)
        .roles(Set.of(Roles.INDIVIDUAL)).createdAt(T0).createdBy("tests").isNew(true).build();
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
