package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Accounts and their administration. Every mutation is one transaction that also writes the audit log and
 * publishes its event, delivered once the transaction commits.
 */
public final class Users {
  public static final int MAX_USERNAME_LENGTH = 128;
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final long MAX_POD_ID = (1L << 27) - 1;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  private final UserStore store;
  private final Sessions sessions;
  private final Passwords passwords;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final long podId;

  public Users(UserStore store, Sessions sessions, Passwords passwords, AuditLog audit, Transactor tx,
      Events events, InstantSource clock, long podId) {
    require(podId >= 0 && podId <= MAX_POD_ID, "pod id must be between 0 and " + MAX_POD_ID);
    this.store = store;
    this.sessions = sessions;
    this.passwords = passwords;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.podId = podId;
  }

  public long podId() {
    return podId;
  }

  // ---- reads

  public Optional<User> byId(long id) {
    return store.byId(id);
  }

  public User get(long id) {
    return store.byId(id).orElseThrow(() -> AtriumException.notFound("User " + id + " not found"));
  }

  public Optional<User> byUsername(String username) {
    return store.byUsername(username);
  }

  public Optional<User> byEmail(String email) {
    return store.byEmail(email);
  }

  public List<Long> ids(User actor) {
    requireRole(actor, Roles.USER_ADMINS);
    return store.ids();
  }

  public List<User> page(User actor, int skip, int limit) {
    requireRole(actor, Roles.USER_ADMINS);
    require(skip >= 0, "skip must not be negative");
    require(limit > 0, "limit must be positive");
    return store.page(skip, limit);
  }

  public List<User> find(User actor, UserFilter filter) {
    requireRole(actor, Roles.USER_ADMINS);
    return store.find(filter);
  }

  public UserPage search(UserSearch search) {
    require(search.skip() >= 0, "skip must not be negative");
    require(search.limit() > 0, "limit must be positive");
    return store.search(search);
  }

  public List<UserKey> keys(long userId) {
    return store.keys(userId);
  }

  /** Every feature with its effective value, in the system's order. */
  public Map<String, Boolean> features(long userId) {
    get(userId);
    Map<String, Boolean> set = store.features(userId);
    Map<String, Boolean> all = new LinkedHashMap<>();
    Features.DEFAULTS.forEach((name, dflt) -> all.put(name, set.getOrDefault(name, dflt)));
    return all;
  }

  public List<Long> delegates(long userId) {
    get(userId);
    return store.delegates(userId);
  }

  // ---- creation

  /** Creates the first administrator on an empty store; does nothing if any user exists. */
  public Optional<User> bootstrapAdmin(String email, String password) {
    return tx.inTransaction(() -> {
      if (!store.isEmpty()) {
        return Optional.empty();
      }
      String username = email.substring(0, Math.max(email.indexOf('@'), 1));
      NewUser admin = new NewUser(username, email, Profile.builder().displayName("Administrator").build(),
          AccountType.NORMAL, Set.of(Roles.SUPER_ADMINISTRATOR, Roles.INDIVIDUAL), new NewUser.Password.Plain(password),
          true);
      return Optional.of(insert(admin, "system", 0, null));
    });
  }

  /** An administrator creates a user, with RSA keys if given, in one transaction. */
  public User create(User actor, NewUser spec, List<KeyChange> keys) {
    requireRole(actor, Roles.USER_ADMINS);
    checkRoles(actor, spec.roles());
    if (!spec.roles().stream().allMatch(Roles.INDIVIDUAL::equals)) {
      // handing out roles is for pod administrators, as in setRoles; a provisioner creates plain users
      requireRole(actor, Roles.POD_ADMINS);
    }
    return tx.inTransaction(() -> {
      User user = insert(spec, actor.username(), actor.id(), null);
      keys.forEach(key -> applyKey(actor, user.id(), key));
      events.publish(new DomainEvent.UserCreated(user, user.createdAt()));
      return user;
    });
  }

  /**
   * Self-registration (Roomful signup): the user becomes an INDIVIDUAL. Joins the caller's transaction, if one
   * is open (one that also uses a verification token, say).
   */
  public User register(NewUser spec) {
    return tx.inTransaction(() -> {
      User created = insert(spec, "self", 0, null);
      events.publish(new DomainEvent.UserCreated(created, created.createdAt()));
      return created;
    });
  }

  /** Stores a new user; joins the caller's transaction. A persona names its owner. */
  User insert(NewUser spec, String createdBy, long actorId, @Nullable Long ownerId) {
    String username = checkUsername(spec.username());
    String email = checkEmail(spec.email());
    checkProfile(spec.profile());
    for (String role : spec.roles()) {
      require(Roles.ALL.contains(role), "Unknown role: " + role);
    }
    if (store.byUsername(username).isPresent()) {
      throw AtriumException.conflict("Username " + username + " is already taken");
    }
    if (email != null && store.byEmail(email).isPresent()) {
      throw AtriumException.conflict("Email address " + email + " is already taken");
    }
    String hash = passwords.stored(spec.password());
    Instant now = clock.instant();
    Set<String> roles = spec.roles().isEmpty() ? Set.of(Roles.INDIVIDUAL) : spec.roles();
    User user = User.builder().id(podId << 36 | store.nextSequence()).username(username).email(email)
        .profile(spec.profile()).status(UserStatus.ENABLED).accountType(spec.accountType()).roles(roles)
        .createdAt(now).createdBy(createdBy).emailVerified(spec.emailVerified()).isNew(true).ownerId(ownerId).build();
    store.insert(user);
    if (hash != null) {
      store.setPasswordHash(user.id(), hash);
    }
    if (actorId != 0) {
      audit.append(new AuditEntry(actorId, "user.create", target(user.id()), null, user, now));
    }
    return user;
  }

  // ---- changes

  /** Changes a user's profile fields; the edit sees the current values and returns the new ones. */
  public User update(User actor, long userId, UnaryOperator<UserEdit> edit, List<KeyChange> keys) {
    requireRole(actor, Roles.USER_ADMINS);
    return change(actor, userId, "user.update", user -> {
      keys.forEach(key -> applyKey(actor, userId, key));
      UserEdit next = edit.apply(UserEdit.of(user));
      String username = checkUsername(next.username());
      String email = checkEmail(next.email());
      checkProfile(next.profile());
      if (!username.equalsIgnoreCase(user.username())) {
        store.byUsername(username).filter(u -> u.id() != userId).ifPresent(u -> {
          throw AtriumException.conflict("Username " + username + " is already taken");
        });
      }
      if (email != null && !email.equalsIgnoreCase(String.valueOf(user.email()))) {
        store.byEmail(email).filter(u -> u.id() != userId).ifPresent(u -> {
          throw AtriumException.conflict("Email address " + email + " is already taken");
        });
      }
      return user.withProfile(username, email, next.profile(), next.accountType(), clock.instant());
    });
  }

  /** Enables or disables a user; disabling revokes every session of the user at once. */
  public User setStatus(User actor, long userId, UserStatus status) {
    requireRole(actor, Roles.USER_ADMINS);
    require(actor.id() != userId || status == UserStatus.ENABLED, "You cannot disable your own account");
    return tx.inTransaction(() -> {
      User after = change(actor, userId, "user.status", user -> user.withStatus(status, clock.instant()));
      if (status == UserStatus.DISABLED) {
        sessions.revokeAllOf(userId);
      }
      events.publish(new DomainEvent.UserStatusChanged(after, after.updatedAt()));
      return after;
    });
  }

  /**
   * A user disables their own account (Roomful's {@code user:disable}): the same state as an administrator's
   * disable, so every session of the user is revoked, login is refused and user search no longer finds them.
   * The audit log records the user as the actor.
   */
  public User disableSelf(long userId) {
    return tx.inTransaction(() -> {
      User user = get(userId);
      require(user.enabled(), "User " + userId + " is already disabled");
      User changed = user.withStatus(UserStatus.DISABLED, clock.instant());
      store.update(changed);
      sessions.revokeAllOf(userId);
      audit.append(new AuditEntry(userId, "user.disable.self", target(userId), user, changed, clock.instant()));
      events.publish(new DomainEvent.UserStatusChanged(changed, changed.updatedAt()));
      return changed;
    });
  }

  /**
   * The caller changes their own password: {@code current} must be the password they have now (else
   * {@code Forbidden}, nothing changes), {@code next} follows {@link Passwords#checked}. Every other session of
   * the user is revoked; the session that made the change stays. The audit log records the change, not the
   * passwords. Publishes {@code SessionsRevoked} and {@code UserUpdated} (the password reset time moved).
   */
  public User changePassword(dev.atrium.core.session.Principal caller, String current, String next) {
    long userId = caller.userId();
    Passwords.checked(next);
    require(!next.equals(current), "The new password must differ from the current one");
    if (!sessions.passwordMatches(userId, current)) {
      throw AtriumException.forbidden("The current password is not correct");
    }
    String hash = passwords.hash(next);
    return tx.inTransaction(() -> {
      User user = get(userId);
      if (!user.enabled()) {
        throw new AtriumException.Unauthenticated("User is disabled");
      }
      User changed = user.withPasswordReset(clock.instant());
      store.setPasswordHash(userId, hash);
      store.update(changed);
      sessions.revokeOthersOf(userId, caller.session().id());
      audit.append(new AuditEntry(userId, "user.password.change", target(userId), null, null, clock.instant()));
      events.publish(new DomainEvent.UserUpdated(user, changed, changed.updatedAt()));
      return changed;
    });
  }

  public User setRoles(User actor, long userId, Set<String> roles) {
    requireRole(actor, Roles.POD_ADMINS);
    for (String role : roles) {
      require(Roles.ALL.contains(role), "Unknown role: " + role);
    }
    return change(actor, userId, "user.roles", user -> {
      Set<String> changed = new LinkedHashSet<>(user.roles());
      changed.removeAll(roles);
      Set<String> added = new LinkedHashSet<>(roles);
      added.removeAll(user.roles());
      changed.addAll(added);
      checkRoles(actor, changed);
      require(actor.id() != userId || roles.contains(Roles.SUPER_ADMINISTRATOR)
          || !user.roles().contains(Roles.SUPER_ADMINISTRATOR), "You cannot remove your own SUPER_ADMINISTRATOR role");
      return user.withRoles(roles, clock.instant());
    });
  }

  public Map<String, Boolean> setFeatures(User actor, long userId, Map<String, Boolean> changes) {
    requireRole(actor, Roles.USER_ADMINS);
    changes.keySet().forEach(name -> require(Features.DEFAULTS.containsKey(name), "Unknown feature: " + name));
    Map<String, Boolean> before = features(userId);
    tx.run(() -> {
      managed(actor, userId);
      changes.forEach((name, enabled) -> store.setFeature(userId, name, enabled));
      audit.append(new AuditEntry(actor.id(), "user.features", target(userId), before, changes, clock.instant()));
    });
    return features(userId);
  }

  public enum DelegateAction {
    ADD,
    REMOVE
  }

  public List<Long> updateDelegates(User actor, long userId, long delegateId, DelegateAction action) {
    requireRole(actor, Roles.USER_ADMINS);
    require(userId != delegateId, "A user cannot be their own delegate");
    return tx.inTransaction(() -> {
      managed(actor, userId);
      get(delegateId);
      List<Long> before = store.delegates(userId);
      List<Long> after = new ArrayList<>(before);
      if (action == DelegateAction.ADD && !after.contains(delegateId)) {
        after.add(delegateId);
      } else if (action == DelegateAction.REMOVE) {
        after.remove(delegateId);
      }
      store.setDelegates(userId, after);
      audit.append(new AuditEntry(actor.id(), "user.delegates", target(userId), before, after, clock.instant()));
      return after;
    });
  }

  public User assignDisclaimer(User actor, long userId, @Nullable String disclaimerId) {
    requireRole(actor, Roles.USER_ADMINS);
    return change(actor, userId, "user.disclaimer", user -> user.withDisclaimer(disclaimerId, clock.instant()));
  }

  /** Saves, revokes or extends one of a user's RSA keys; joins the caller's transaction. */
  private void applyKey(User actor, long userId, KeyChange change) {
    Optional<UserKey> existing = store.keys(userId).stream().filter(k -> k.slot() == change.slot()).findFirst();
    Instant now = clock.instant();
    switch (change.action()) {
      case SAVE -> {
        require(change.pem() != null, "A key to save needs its PEM in 'key'");
        String pem = checkPublicKeyPem(change.pem());
        require(change.expiresAt() == null || change.expiresAt().isAfter(now),
            "The key's expiration date must be in the future");
        if (change.slot() == UserKey.Slot.CURRENT) {
          existing.ifPresent(old -> store.putKey(new UserKey(userId, UserKey.Slot.PREVIOUS, old.pem(),
              old.expiresAt() == null ? now.plusSeconds(72 * 3600) : old.expiresAt())));
        }
        store.putKey(new UserKey(userId, change.slot(), pem, change.expiresAt()));
      }
      case REVOKE -> store.removeKey(userId, change.slot());
      case EXTEND -> {
        UserKey key = existing.orElseThrow(() -> AtriumException.invalid("The user has no such key to extend"));
        require(change.expiresAt() != null && change.expiresAt().isAfter(now),
            "An extension needs an expiration date in the future");
        store.putKey(new UserKey(userId, key.slot(), key.pem(), change.expiresAt()));
      }
    }
    audit.append(new AuditEntry(actor.id(), "user.key." + change.action().name().toLowerCase(java.util.Locale.ROOT),
        target(userId), existing.map(UserKey::pem).orElse(null), change.pem(), now));
  }

  /**
   * Marks a new avatar version; the caller stored the images under that version first. Publishes
   * {@code AvatarUpdated} only: it carries the changed user, so a {@code UserUpdated} besides would tell every
   * listener of the same change twice.
   */
  public User setAvatarVersion(User actor, long userId, int version) {
    requireRole(actor, Roles.USER_ADMINS);
    return tx.inTransaction(() -> {
      User after = stored(actor, userId, "user.avatar", user -> user.withAvatarVersion(version, clock.instant()))
          .after();
      events.publish(new DomainEvent.AvatarUpdated(after, after.updatedAt()));
      return after;
    });
  }

  private User change(User actor, long userId, String action, UnaryOperator<User> mutation) {
    return tx.inTransaction(() -> {
      Change change = stored(actor, userId, action, mutation);
      events.publish(new DomainEvent.UserUpdated(change.before(), change.after(), change.after().updatedAt()));
      return change.after();
    });
  }

  private record Change(User before, User after) {}

  /** Applies an administrator's change in one audited transaction, publishing nothing. */
  private Change stored(User actor, long userId, String action, UnaryOperator<User> mutation) {
    return tx.inTransaction(() -> {
      User user = managed(actor, userId);
      User changed = mutation.apply(user);
      store.update(changed);
      audit.append(new AuditEntry(actor.id(), action, target(userId), user, changed, clock.instant()));
      return new Change(user, changed);
    });
  }

  // ---- rules

  public static void requireRole(User actor, Set<String> roles) {
    if (!actor.hasAnyRole(roles)) {
      throw AtriumException.forbidden("The user lacks the required entitlement to perform this operation");
    }
  }

  /**
   * The user, if the actor may change them: an account holding an administrator role is changed only by an
   * actor as privileged, so that a user provisioner cannot take over an administrator by resetting its key.
   */
  private User managed(User actor, long userId) {
    User user = get(userId);
    requireManages(actor, user);
    return user;
  }

  /** Refuses an actor less privileged than the account it would act on (see {@link #managed}). */
  public static void requireManages(User actor, User user) {
    if (user.roles().contains(Roles.SUPER_ADMINISTRATOR) && !actor.roles().contains(Roles.SUPER_ADMINISTRATOR)) {
      throw AtriumException.forbidden("Only a SUPER_ADMINISTRATOR can change a SUPER_ADMINISTRATOR");
    }
    if (user.hasAnyRole(Roles.POD_ADMINS) && !actor.hasAnyRole(Roles.POD_ADMINS)) {
      throw AtriumException.forbidden("Only an administrator can change an administrator");
    }
  }

  /** Only a super administrator may hand out the super administrator role. */
  private static void checkRoles(User actor, Set<String> roles) {
    if (roles.contains(Roles.SUPER_ADMINISTRATOR) && !actor.roles().contains(Roles.SUPER_ADMINISTRATOR)) {
      throw AtriumException.forbidden("Only a SUPER_ADMINISTRATOR can grant the SUPER_ADMINISTRATOR role");
    }
  }

  public static String checkUsername(@Nullable String username) {
    require(username != null && !username.isBlank(), "userName is required");
    require(username.length() <= MAX_USERNAME_LENGTH,
        "userName must be at most " + MAX_USERNAME_LENGTH + " characters long");
    require(username.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)),
        "userName must not contain spaces or control characters");
    return username;
  }

  public static @Nullable String checkEmail(@Nullable String email) {
    if (email == null || email.isEmpty()) {
      return null;
    }
    require(email.length() <= MAX_EMAIL_LENGTH, "emailAddress must be at most " + MAX_EMAIL_LENGTH
        + " characters long");
    require(EMAIL.matcher(email).matches(), "emailAddress is not a valid email address: " + email);
    return email;
  }

  public static void checkProfile(Profile profile) {
    List<@Nullable String> fields = java.util.Arrays.asList(profile.firstName(), profile.lastName(),
        profile.displayName(), profile.title(), profile.companyName(), profile.companyTitle(), profile.department(),
        profile.division(), profile.location(), profile.jobFunction(), profile.workPhone(), profile.mobilePhone(),
        profile.smsNumber(), profile.zipCode(), profile.twoFactorAuthPhone(), profile.language());
    for (String field : fields) {
      require(field == null || field.length() <= Profile.MAX_FIELD_LENGTH,
          "Profile fields must be at most " + Profile.MAX_FIELD_LENGTH + " characters long");
    }
    checkLength(profile.birthday(), "birthday", Profile.MAX_FIELD_LENGTH);
    checkLength(profile.hometown(), "hometown", Profile.MAX_FIELD_LENGTH);
    checkLength(profile.education(), "education", Profile.MAX_FIELD_LENGTH);
    checkLength(profile.description(), "description", Profile.MAX_DESCRIPTION_LENGTH);
    checkLength(profile.linkUrl(), "linkUrl", Profile.MAX_URL_LENGTH);
    require(profile.privacyMode() == Profile.PRIVACY_DEFAULT || profile.privacyMode() == Profile.PRIVACY_INCOGNITO,
        "privacyMode must be 0 (default) or 1 (incognito), got " + profile.privacyMode());
    profile.lists().forEach((name, values) -> {
      require(Profile.LIST_NAMES.contains(name), "Unknown list attribute: " + name);
      require(values.size() <= 100, name + " must have at most 100 entries");
      values.forEach(v -> require(v.length() <= Profile.MAX_FIELD_LENGTH,
          name + " entries must be at most " + Profile.MAX_FIELD_LENGTH + " characters long"));
    });
  }

  private static void checkLength(@Nullable String value, String field, int max) {
    require(value == null || value.length() <= max, field + " must be at most " + max + " characters long");
  }

  /** Parses an RSA public key in PEM (X.509 SubjectPublicKeyInfo) and returns it normalised. */
  public static String checkPublicKeyPem(String pem) {
    RSAPublicKey key;
    try {
      key = parsePublicKey(pem);
    } catch (IllegalArgumentException | java.security.GeneralSecurityException | ClassCastException e) {
      throw AtriumException.invalid("The key is not an RSA public key in PEM format");
    }
    require(key.getModulus().bitLength() >= 2048, "The RSA key must have at least 2048 bits");
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The RSA public key of a stored PEM. */
  public static RSAPublicKey publicKey(String pem) {
    try {
      return parsePublicKey(pem);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("a stored key no longer parses", e);
    }
  }

  private static RSAPublicKey parsePublicKey(String pem) throws java.security.GeneralSecurityException {
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    return (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static String target(long userId) {
    return "user:" + userId;
  }
}
