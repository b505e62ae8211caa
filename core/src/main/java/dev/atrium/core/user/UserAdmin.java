package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What administrators grant a user: roles, features, delegates, a disclaimer, the avatar they upload. Each change
 * is one transaction on the locked user, written to the audit log, and publishes its event once it commits.
 */
public final class UserAdmin {
  private final UserStore store;
  private final Users users;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final AdminChanges changes;

  public UserAdmin(UserStore store, Users users, AuditLog audit, Transactor tx, Events events, InstantSource clock) {
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.changes = new AdminChanges(store, audit, tx, events, clock);
  }

  public User setRoles(User actor, long userId, Set<String> roles) {
    Roles.require(actor, Roles.POD_ADMINS);
    Roles.requireKnown(roles);
    return changes.change(actor, userId, "user.roles", user -> {
      Set<String> changed = new LinkedHashSet<>(user.roles());
      changed.removeAll(roles);
      Set<String> added = new LinkedHashSet<>(roles);
      added.removeAll(user.roles());
      changed.addAll(added);
      Roles.requireGrantable(actor, changed);
      require(actor.id() != userId || roles.contains(Roles.SUPER_ADMINISTRATOR)
          || !user.roles().contains(Roles.SUPER_ADMINISTRATOR), "You cannot remove your own SUPER_ADMINISTRATOR role");
      return user.withRoles(roles, clock.instant());
    });
  }

  public Map<String, Boolean> setFeatures(User actor, long userId, Map<String, Boolean> changed) {
    Roles.require(actor, Roles.USER_ADMINS);
    changed.keySet().forEach(name -> require(Features.DEFAULTS.containsKey(name), "Unknown feature: " + name));
    Map<String, Boolean> before = users.features(userId);
    tx.run(() -> {
      changes.managed(actor, userId);
      changed.forEach((name, enabled) -> store.setFeature(userId, name, enabled));
      audit.append(new AuditEntry(actor.id(), "user.features", AdminChanges.target(userId), before, changed,
          clock.instant()));
    });
    return users.features(userId);
  }

  public enum DelegateAction {
    ADD,
    REMOVE
  }

  public List<Long> updateDelegates(User actor, long userId, long delegateId, DelegateAction action) {
    Roles.require(actor, Roles.USER_ADMINS);
    require(userId != delegateId, "A user cannot be their own delegate");
    return tx.inTransaction(() -> {
      changes.managed(actor, userId);
      users.get(delegateId);
      List<Long> before = store.delegates(userId);
      List<Long> after = new ArrayList<>(before);
      if (action == DelegateAction.ADD && !after.contains(delegateId)) {
        after.add(delegateId);
      } else if (action == DelegateAction.REMOVE) {
        after.remove(delegateId);
      }
      store.setDelegates(userId, after);
      audit.append(new AuditEntry(actor.id(), "user.delegates", AdminChanges.target(userId), before, after,
          clock.instant()));
      return after;
    });
  }

  public User assignDisclaimer(User actor, long userId, @Nullable String disclaimerId) {
    Roles.require(actor, Roles.USER_ADMINS);
    return changes.change(actor, userId, "user.disclaimer", user -> user.withDisclaimer(disclaimerId,
        clock.instant()));
  }

  /**
   * Marks a new avatar version; the caller stored the images under that version first. Publishes
   * {@code AvatarUpdated} only: it carries the changed user, so a {@code UserUpdated} besides would tell every
   * listener of the same change twice.
   */
  public User setAvatarVersion(User actor, long userId, int version) {
    Roles.require(actor, Roles.USER_ADMINS);
    return avatarVersion(actor, userId, version);
  }

  /** A user marks a new version of their own avatar, as {@link #setAvatarVersion} does. */
  public User setOwnAvatarVersion(User user, int version) {
    return avatarVersion(user, user.id(), version);
  }

  private User avatarVersion(User actor, long userId, int version) {
    return tx.inTransaction(() -> {
      User after = changes.stored(actor, userId, "user.avatar", user -> user.withAvatarVersion(version,
          clock.instant())).after();
      events.publish(new DomainEvent.AvatarUpdated(after, after.updatedAt()));
      return after;
    });
  }
}
