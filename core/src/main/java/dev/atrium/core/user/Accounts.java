package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The life of an account: created by an administrator or by its owner signing up, its fields changed by an
 * administrator, enabled or disabled, its password changed. Every change is one transaction that also writes
 * the audit log and publishes its event, delivered once the transaction commits. Passwords are hashed before the
 * transaction opens (hashing is slow on purpose, and a transaction should not hold a connection meanwhile).
 */
public final class Accounts {
  public static final long MAX_POD_ID = (1L << 27) - 1;
  /** The longest base of a series of usernames: room is left for the number a free one gets. */
  static final int MAX_USERNAME_BASE = 100;
  /** How many names a free username is tried under; each failed try rules out one name. */
  static final int MAX_USERNAME_ATTEMPTS = 100;

  private final UserStore store;
  private final Sessions sessions;
  private final Passwords passwords;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final long podId;
  private final AdminChanges changes;
  private final UserKeys keys;

  public Accounts(UserStore store, Sessions sessions, Passwords passwords, AuditLog audit, Transactor tx,
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
    this.changes = new AdminChanges(store, audit, tx, events, clock);
    this.keys = new UserKeys(store, audit, clock);
  }

  public long podId() {
    return podId;
  }

  /**
   * A new user's fields checked and its password hashed, ready to be stored: see {@link #prepare}. Only this
   * class makes one, so a stored hash always comes from {@link Passwords}.
   */
  public static final class Prepared {
    private final NewUser spec;
    private final @Nullable String hash;

    private Prepared(NewUser spec, @Nullable String hash) {
      this.spec = spec;
      this.hash = hash;
    }

    public NewUser spec() {
      return spec;
    }

    /** The same user, with its email address proven (a signup that used a verification token). */
    public Prepared emailVerified() {
      return new Prepared(spec.withEmailVerified(true), hash);
    }
  }

  /** Checks a new user's fields and hashes its password; outside any transaction, as it may take a while. */
  public Prepared prepare(NewUser spec) {
    UserChecks.username(spec.username());
    UserChecks.email(spec.email());
    UserChecks.profile(spec.profile());
    Roles.requireKnown(spec.roles());
    require(spec.accountType() != AccountType.SYSTEM || spec.password() instanceof NewUser.Password.None,
        "A SYSTEM account logs in with an RSA key and cannot have a password");
    return new Prepared(spec, passwords.stored(spec.password()));
  }

  // ---- creation

  /** Creates the first administrator on an empty store; does nothing if any user exists. */
  public Optional<User> bootstrapAdmin(String email, String password) {
    if (!store.isEmpty()) {
      return Optional.empty();
    }
    String username = email.substring(0, Math.max(email.indexOf('@'), 1));
    Prepared admin = prepare(new NewUser(username, email, Profile.builder().displayName("Administrator").build(),
        AccountType.NORMAL, Set.of(Roles.SUPER_ADMINISTRATOR, Roles.INDIVIDUAL), new NewUser.Password.Plain(password),
        true));
    return tx.inTransaction(() -> store.isEmpty() ? Optional.of(insert(admin, admin.spec().username(), "system", 0,
        null)) : Optional.empty());
  }

  /** An administrator creates a user, with RSA keys if given, in one transaction. */
  public User create(User actor, NewUser spec, List<KeyChange> keyChanges) {
    return create(actor, spec, keyChanges, UserStatus.ENABLED);
  }

  /** An administrator creates a user, enabled or not from the start, with RSA keys if given, in one transaction. */
  public User create(User actor, NewUser spec, List<KeyChange> keyChanges, UserStatus status) {
    Roles.require(actor, Roles.USER_ADMINS);
    Roles.requireGrantable(actor, spec.roles());
    if (!spec.roles().stream().allMatch(Roles.INDIVIDUAL::equals)) {
      // handing out roles is for pod administrators, as in setRoles; a provisioner creates plain users
      Roles.require(actor, Roles.POD_ADMINS);
    }
    Prepared prepared = prepare(spec);
    return tx.inTransaction(() -> {
      User inserted = insert(prepared, spec.username(), actor.username(), actor.id(), null);
      User user = inserted;
      if (status != UserStatus.ENABLED) {
        user = inserted.withStatus(status, inserted.createdAt());
        store.update(user);
      }
      keyChanges.forEach(key -> keys.apply(actor, inserted.id(), key));
      events.publish(new DomainEvent.UserCreated(user, user.createdAt()));
      return user;
    });
  }

  /**
   * Self-registration under the first free username of {@code base}, {@code base2}, {@code base3}, … where the base
   * is the prepared user's username (cut to {@value #MAX_USERNAME_BASE} characters). Joins the caller's
   * transaction, which the caller should have opened after {@link #prepare}.
   */
  public User registerWithFreeUsername(Prepared user) {
    String base = cut(user.spec().username());
    return tx.inTransaction(() -> registered(insertWithFreeUsername(user,
        new Series(base, n -> n == 1 ? base : base + n), "self", null)));
  }

  /**
   * A room guest's account (LiveDigital's guest links), under the first free username of the prepared one's series,
   * marked {@link User#GUEST_LINK} as its creator: a guest acts in its room and nowhere else. Joins the caller's
   * transaction.
   */
  public User registerGuest(Prepared user) {
    String base = cut(user.spec().username());
    return tx.inTransaction(() -> registered(insertWithFreeUsername(user,
        new Series(base, n -> n == 1 ? base : base + n), User.GUEST_LINK, null)));
  }

  /**
   * Self-registration under exactly the username given (Rocket.Chat's {@code users.register}): a taken username or
   * address is a {@code Conflict}. The prepared user should be a plain one ({@link Roles#INDIVIDUAL}).
   */
  public User register(Prepared user) {
    require(user.spec().roles().stream().allMatch(Roles.INDIVIDUAL::equals), "A user registers without roles");
    return tx.inTransaction(() -> registered(insert(user, user.spec().username(), "self", 0, null)));
  }

  private User registered(User created) {
    events.publish(new DomainEvent.UserCreated(created, created.createdAt()));
    return created;
  }

  /** Names that all start with {@code base}: {@code nth(1)}, {@code nth(2)}, … */
  record Series(String base, IntFunction<String> nth) {
    /** The first name of the series whose lower case is not in the set. */
    String firstNotIn(Set<String> lowerCase) {
      for (int n = 1; ; n++) {
        String name = nth.apply(n);
        if (!lowerCase.contains(name.toLowerCase(Locale.ROOT))) {
          return name;
        }
      }
    }
  }

  static String cut(String base) {
    return base.length() > MAX_USERNAME_BASE ? base.substring(0, MAX_USERNAME_BASE) : base;
  }

  /**
   * Stores the user under the first name of the series that nobody has; joins the caller's transaction.
   *
   * <p>Race-free without a lock: the unique index on usernames decides between concurrent inserts. Each try
   * takes the first name that is neither taken (as far as this transaction sees) nor ruled out, and inserts in a
   * savepoint. If another transaction has inserted that name too, PostgreSQL waits for it to end and then refuses
   * the duplicate (or goes ahead, if it rolled back); H2 refuses at once while the other is uncommitted. Either
   * refusal undoes only this try, rules the name out and tries the next, so concurrent signups of one name end up
   * with distinct names and never a duplicate. A refusal because the email address was taken meanwhile is
   * reported as such. After {@value #MAX_USERNAME_ATTEMPTS} tries the signup is refused with a {@code Conflict}.
   */
  User insertWithFreeUsername(Prepared user, Series names, String createdBy, @Nullable Long ownerId) {
    Set<String> ruledOut = new HashSet<>();
    for (int attempt = 0; attempt < MAX_USERNAME_ATTEMPTS; attempt++) {
      Set<String> avoid = new HashSet<>(store.usernamesStartingWith(names.base()));
      avoid.addAll(ruledOut);
      String username = names.firstNotIn(avoid);
      try {
        return tx.inSavepoint(() -> insert(user, username, createdBy, 0, ownerId));
      } catch (AtriumException.Conflict e) {
        String email = user.spec().email();
        if (email != null && store.byEmail(email).isPresent()) {
          throw emailTaken(email);
        }
        ruledOut.add(username.toLowerCase(Locale.ROOT));
      }
    }
    throw AtriumException.conflict("No free username was found for " + names.base() + "; please try again");
  }

  /** Stores a new user under that username; joins the caller's transaction. A persona names its owner. */
  private User insert(Prepared prepared, String username, String createdBy, long actorId, @Nullable Long ownerId) {
    NewUser spec = prepared.spec();
    UserChecks.username(username);
    String email = UserChecks.email(spec.email());
    if (store.byUsername(username).isPresent()) {
      throw AtriumException.conflict("Username " + username + " is already taken");
    }
    if (email != null && store.byEmail(email).isPresent()) {
      throw emailTaken(email);
    }
    Instant now = clock.instant();
    Set<String> roles = spec.roles().isEmpty() ? Set.of(Roles.INDIVIDUAL) : spec.roles();
    User user = User.builder().id(podId << 36 | store.nextSequence()).username(username).email(email)
        .profile(spec.profile()).status(UserStatus.ENABLED).accountType(spec.accountType()).roles(roles)
        .createdAt(now).createdBy(createdBy).emailVerified(spec.emailVerified()).isNew(true).ownerId(ownerId).build();
    store.insert(user);
    if (prepared.hash != null) {
      store.setPasswordHash(user.id(), prepared.hash);
    }
    if (actorId != 0) {
      audit.append(new AuditEntry(actorId, "user.create", AdminChanges.target(user.id()), null, user, now));
    }
    return user;
  }

  private static AtriumException.Conflict emailTaken(String email) {
    return AtriumException.conflict("Email address " + email + " is already taken");
  }

  // ---- changes

  /** Changes a user's fields; the edit sees the current values and returns the new ones. */
  public User update(User actor, long userId, UnaryOperator<UserEdit> edit, List<KeyChange> keyChanges) {
    Roles.require(actor, Roles.USER_ADMINS);
    return changes.change(actor, userId, "user.update", user -> {
      keyChanges.forEach(key -> keys.apply(actor, userId, key));
      return edited(user, edit);
    });
  }

  /**
   * A user changes their own fields (username, address, profile; not the account type): the same checks as an
   * administrator's {@link #update}, audited with the user as the actor.
   */
  public User updateOwn(User user, UnaryOperator<UserEdit> edit) {
    return changes.change(user, user.id(), "user.update.self", current -> {
      User changed = edited(current, edit);
      require(changed.accountType() == current.accountType(), "A user cannot change their own account type");
      return changed;
    });
  }

  private User edited(User user, UnaryOperator<UserEdit> edit) {
    long userId = user.id();
    UserEdit next = edit.apply(UserEdit.of(user));
    String username = UserChecks.username(next.username());
    String email = UserChecks.email(next.email());
    UserChecks.profile(next.profile());
    if (!username.equalsIgnoreCase(user.username())) {
      store.byUsername(username).filter(u -> u.id() != userId).ifPresent(u -> {
        throw AtriumException.conflict("Username " + username + " is already taken");
      });
    }
    if (email != null && !email.equalsIgnoreCase(String.valueOf(user.email()))) {
      store.byEmail(email).filter(u -> u.id() != userId).ifPresent(u -> {
        throw emailTaken(email);
      });
    }
    return user.withProfile(username, email, next.profile(), next.accountType(), clock.instant());
  }

  /**
   * Makes every change of the edit, all or none, in one transaction; each part as its own method does it
   * ({@link #update} or, on the actor's own account, {@link #updateOwn}; roles as an administrator grants them;
   * {@link #setStatus}; a password set by an administrator for another user, which ends every session and personal
   * token of that user), with the same rules on who may. The password is hashed first, outside the transaction.
   */
  public User edit(User actor, long userId, AccountEdit edit) {
    String password = edit.password();
    @Nullable String hash = null;
    if (password != null) {
      Roles.require(actor, Roles.USER_ADMINS);
      require(actor.id() != userId, "Change your own password with your current one");
      hash = passwords.hash(Passwords.checked(password));
    }
    Set<String> roles = edit.roles();
    if (roles != null) {
      Roles.require(actor, Roles.POD_ADMINS);
      Roles.requireKnown(roles);
    }
    @Nullable String storedHash = hash;
    return tx.inTransaction(() -> {
      User user = store.byId(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
      UnaryOperator<UserEdit> fields = edit.fields();
      if (fields != null) {
        user = actor.id() == userId && !actor.hasAnyRole(Roles.USER_ADMINS) ? updateOwn(actor, fields)
            : update(actor, userId, fields, List.of());
      }
      if (roles != null) {
        user = changes.change(actor, userId, "user.roles", current -> {
          Set<String> changed = new HashSet<>(current.roles());
          changed.removeAll(roles);
          Set<String> added = new HashSet<>(roles);
          added.removeAll(current.roles());
          changed.addAll(added);
          Roles.requireGrantable(actor, changed);
          require(actor.id() != userId || roles.contains(Roles.SUPER_ADMINISTRATOR)
              || !current.roles().contains(Roles.SUPER_ADMINISTRATOR),
              "You cannot remove your own SUPER_ADMINISTRATOR role");
          return current.withRoles(roles, clock.instant());
        });
      }
      if (storedHash != null) {
        user = changes.change(actor, userId, "user.password.set", current -> {
          store.setPasswordHash(userId, storedHash);
          return current.withPasswordReset(clock.instant());
        });
        sessions.revokeAllOf(userId);
      }
      UserStatus status = edit.status();
      if (status != null && status != user.status()) {
        user = setStatus(actor, userId, status);
      }
      return user;
    });
  }

  /**
   * An administrator deletes a user: every session of the user (and of their personas) is revoked, so every
   * dialect refuses their tokens from the moment this returns, then the user and everything that hangs off them
   * is deleted (see {@link UserStore#delete}), in one audited transaction that publishes {@code UserDeleted}.
   * Nobody deletes their own account this way, and only an actor as privileged as the user deletes them.
   */
  public void delete(User actor, long userId) {
    Roles.require(actor, Roles.USER_ADMINS);
    require(actor.id() != userId, "You cannot delete your own account");
    tx.run(() -> {
      User user = changes.managed(actor, userId);
      Instant now = clock.instant();
      List<User> personas = store.personasOf(userId);
      for (User persona : personas) {
        sessions.revokeAllOf(persona.id());
      }
      sessions.revokeAllOf(userId);
      for (User persona : personas) {
        store.delete(persona.id());
        events.publish(new DomainEvent.UserDeleted(persona, now));
      }
      store.delete(userId);
      audit.append(new AuditEntry(actor.id(), "user.delete", AdminChanges.target(userId), user, null, now));
      events.publish(new DomainEvent.UserDeleted(user, now));
    });
  }

  /** Enables or disables a user; disabling revokes every session of the user at once. */
  public User setStatus(User actor, long userId, UserStatus status) {
    Roles.require(actor, Roles.USER_ADMINS);
    require(actor.id() != userId || status == UserStatus.ENABLED, "You cannot disable your own account");
    return tx.inTransaction(() -> {
      User after = changes.change(actor, userId, "user.status", user -> user.withStatus(status, clock.instant()));
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
      User user = locked(userId);
      require(user.enabled(), "User " + userId + " is already disabled");
      User changed = user.withStatus(UserStatus.DISABLED, clock.instant());
      store.update(changed);
      sessions.revokeAllOf(userId);
      audit.append(new AuditEntry(userId, "user.disable.self", AdminChanges.target(userId), user, changed,
          clock.instant()));
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
  public User changePassword(Principal caller, String current, String next) {
    long userId = caller.userId();
    Passwords.checked(next);
    require(!next.equals(current), "The new password must differ from the current one");
    if (!sessions.passwordMatches(userId, current)) {
      throw AtriumException.forbidden("The current password is not correct");
    }
    String hash = passwords.hash(next);
    return tx.inTransaction(() -> {
      User user = locked(userId);
      if (!user.enabled()) {
        throw new AtriumException.Unauthenticated("User is disabled");
      }
      User changed = user.withPasswordReset(clock.instant());
      store.setPasswordHash(userId, hash);
      store.update(changed);
      sessions.revokeOthersOf(userId, caller.session().id());
      audit.append(new AuditEntry(userId, "user.password.change", AdminChanges.target(userId), null, null,
          clock.instant()));
      events.publish(new DomainEvent.UserUpdated(user, changed, changed.updatedAt()));
      return changed;
    });
  }

  private User locked(long userId) {
    return store.lock(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
  }
}
