package dev.atrium.core.user;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import java.time.InstantSource;
import java.util.function.UnaryOperator;

/**
 * An administrator's change of a user's row, shared by {@link Accounts} and {@link UserAdmin}: the actor must
 * manage the user ({@link Roles#requireManages}), the row is locked while the change is made, and the change is
 * written to the audit log with its before and after, in one transaction.
 */
final class AdminChanges {
  private final UserStore store;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  AdminChanges(UserStore store, AuditLog audit, Transactor tx, Events events, InstantSource clock) {
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  record Change(User before, User after) {}

  /** The user, locked, if the actor may change them; joins the caller's transaction. */
  User managed(User actor, long userId) {
    User user = store.lock(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
    Roles.requireManages(actor, user);
    return user;
  }

  /** Applies the change and publishes {@code UserUpdated}. */
  User change(User actor, long userId, String action, UnaryOperator<User> mutation) {
    return tx.inTransaction(() -> {
      Change change = stored(actor, userId, action, mutation);
      events.publish(new DomainEvent.UserUpdated(change.before(), change.after(), change.after().updatedAt()));
      return change.after();
    });
  }

  /** Applies the change in one audited transaction, publishing nothing (the caller publishes what fits). */
  Change stored(User actor, long userId, String action, UnaryOperator<User> mutation) {
    return tx.inTransaction(() -> {
      User user = managed(actor, userId);
      User changed = mutation.apply(user);
      store.update(changed);
      audit.append(new AuditEntry(actor.id(), action, target(userId), user, changed, clock.instant()));
      return new Change(user, changed);
    });
  }

  /** How the audit log names a user. */
  static String target(long userId) {
    return "user:" + userId;
  }
}
