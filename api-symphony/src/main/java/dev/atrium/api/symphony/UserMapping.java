package dev.atrium.api.symphony;

import dev.atrium.api.symphony.Wire.UserAttributesIn;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.KeyChange;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserEdit;
import dev.atrium.core.user.UserKey;
import dev.atrium.http.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Between the model's users and the pod API's user shapes. */
final class UserMapping {
  private final Avatars avatars;

  UserMapping(Avatars avatars) {
    this.avatars = avatars;
  }

  // ---- out

  List<Wire.Avatar> avatars(User user) {
    return avatars.links(user).stream().map(l -> new Wire.Avatar(l.size(), l.url())).toList();
  }

  Wire.UserV2 v2(User u) {
    Profile p = u.profile();
    return new Wire.UserV2(u.id(), u.email(), p.firstName(), p.lastName(), p.shownName(u.username()), p.title(),
        p.companyName(), u.username(), p.location(), u.accountType().name(), avatars(u), p.workPhone(),
        p.mobilePhone(), p.jobFunction(), p.department(), p.division(), sortedRoles(u));
  }

  static Wire.UserV1 v1(User u) {
    return new Wire.UserV1(u.id(), u.email());
  }

  static Wire.UserAttributes attributes(User u) {
    Profile p = u.profile();
    return new Wire.UserAttributes(u.email(), p.firstName(), p.lastName(), u.username(), p.displayName(),
        p.department(), p.division(), p.title(), p.workPhone(), p.mobilePhone(), p.smsNumber(),
        u.accountType().name(), p.location(), p.jobFunction(), p.list("assetClasses"), p.list("industries"));
  }

  static Wire.V2UserAttributes v2Attributes(User u, List<UserKey> keys) {
    Profile p = u.profile();
    return new Wire.V2UserAttributes(u.email(), p.firstName(), p.lastName(), u.username(), p.displayName(),
        p.companyName(), p.department(), p.division(), p.title(), p.workPhone(), p.mobilePhone(),
        p.twoFactorAuthPhone(), p.smsNumber(), u.accountType().name(), p.location(), p.language(), p.jobFunction(),
        p.list("assetClasses"), p.list("industries"), p.list("marketCoverage"), p.list("responsibility"),
        p.list("function"), p.list("instrument"), key(keys, UserKey.Slot.CURRENT), key(keys, UserKey.Slot.PREVIOUS));
  }

  private static Wire.@Nullable KeyOut key(List<UserKey> keys, UserKey.Slot slot) {
    return keys.stream().filter(k -> k.slot() == slot).findFirst()
        .map(k -> new Wire.KeyOut(k.pem(), k.expiresAt() == null ? null : k.expiresAt().toEpochMilli()))
        .orElse(null);
  }

  static Wire.UserSystemInfo systemInfo(User u) {
    return new Wire.UserSystemInfo(u.id(), u.status().name(), u.createdAt().toEpochMilli(), u.createdBy(),
        u.updatedAt().toEpochMilli(), millis(u.lastLoginAt()), millis(u.lastPasswordResetAt()));
  }

  /**
   * The integer lists of UserDetail (features, apps, groups, disclaimers) name things by numeric ids that
   * Atrium does not have: its features, apps and disclaimers are named by strings and served by their own
   * endpoints. They are sent empty rather than filled with invented numbers.
   */
  Wire.UserDetail detail(User u) {
    return new Wire.UserDetail(attributes(u), systemInfo(u), List.of(), List.of(), List.of(), sortedRoles(u),
        List.of(), firstAvatar(u));
  }

  Wire.V2UserDetail v2Detail(User u, List<UserKey> keys) {
    return new Wire.V2UserDetail(v2Attributes(u, keys), systemInfo(u), List.of(), List.of(), List.of(),
        sortedRoles(u), List.of(), firstAvatar(u));
  }

  private Wire.@Nullable Avatar firstAvatar(User u) {
    List<Wire.Avatar> all = avatars(u);
    return all.isEmpty() ? null : all.getFirst();
  }

  private static List<String> sortedRoles(User u) {
    return List.copyOf(new TreeSet<>(u.roles()));
  }

  private static @Nullable Long millis(@Nullable Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  // ---- in

  static AccountType accountType(@Nullable String value, AccountType fallback) {
    if (value == null) {
      return fallback;
    }
    return switch (value) {
      case "NORMAL" -> AccountType.NORMAL;
      case "SYSTEM" -> AccountType.SYSTEM;
      default -> throw AtriumException.invalid("accountType must be NORMAL or SYSTEM, got '" + value + "'");
    };
  }

  /** The edit a UserAttributes body asks for: each field given replaces the current value. */
  static UserEdit apply(UserAttributesIn in, UserEdit current) {
    Profile p = current.profile();
    Map<String, List<String>> lists = new HashMap<>(p.lists());
    putList(lists, "assetClasses", in.assetClasses());
    putList(lists, "industries", in.industries());
    putList(lists, "marketCoverage", in.marketCoverage());
    putList(lists, "responsibility", in.responsibility());
    putList(lists, "function", in.function());
    putList(lists, "instrument", in.instrument());
    Profile next = p.toBuilder().firstName(or(in.firstName(), p.firstName()))
        .lastName(or(in.lastName(), p.lastName())).displayName(or(in.displayName(), p.displayName()))
        .title(or(in.title(), p.title())).companyName(or(in.companyName(), p.companyName()))
        .department(or(in.department(), p.department())).division(or(in.division(), p.division()))
        .location(or(in.location(), p.location())).jobFunction(or(in.jobFunction(), p.jobFunction()))
        .workPhone(or(in.workPhoneNumber(), p.workPhone())).mobilePhone(or(in.mobilePhoneNumber(), p.mobilePhone()))
        .smsNumber(or(in.smsNumber(), p.smsNumber()))
        .twoFactorAuthPhone(or(in.twoFactorAuthPhone(), p.twoFactorAuthPhone()))
        .language(or(in.recommendedLanguage(), p.language())).lists(lists).build();
    String email = in.emailAddress() == null ? current.email() : in.emailAddress();
    String username = in.userName() == null ? current.username() : in.userName();
    return new UserEdit(username, email, next, accountType(in.accountType(), current.accountType()));
  }

  /** The key changes a V2UserAttributes body asks for. */
  static List<KeyChange> keyChanges(UserAttributesIn in) {
    List<KeyChange> changes = new ArrayList<>();
    keyChange(in.currentKey(), UserKey.Slot.CURRENT, "currentKey").ifPresent(changes::add);
    keyChange(in.previousKey(), UserKey.Slot.PREVIOUS, "previousKey").ifPresent(changes::add);
    return changes;
  }

  private static Optional<KeyChange> keyChange(Wire.@Nullable KeyIn key, UserKey.Slot slot, String field) {
    if (key == null) {
      return Optional.empty();
    }
    String actionText = key.action() == null ? (key.key() != null ? "SAVE" : null) : key.action();
    if (actionText == null) {
      throw AtriumException.invalid(field + ".action is required (SAVE, REVOKE or EXTEND)");
    }
    KeyChange.Action action = Params.enumValue(KeyChange.Action.class, actionText, field + ".action");
    Instant expires = key.expirationDate() == null ? null : Instant.ofEpochMilli(key.expirationDate());
    return Optional.of(new KeyChange(slot, action, key.key(), expires));
  }

  private static void putList(Map<String, List<String>> lists, String name, @Nullable List<String> values) {
    if (values != null) {
      if (values.stream().anyMatch(java.util.Objects::isNull)) {
        throw AtriumException.invalid(name + " must not contain null");
      }
      lists.put(name, values);
    }
  }

  private static @Nullable String or(@Nullable String given, @Nullable String current) {
    return given != null ? given : current;
  }
}
