package dev.atrium.core.social;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Social accounts linked to users. The caller proves the account first (an OIDC login, a verified Facebook
 * token, a Verus challenge): {@link #link} trusts it. Linking and unlinking are audited with the user as the
 * actor and publish {@code SocialAccountLinked} / {@code SocialAccountUnlinked} after commit.
 */
public final class SocialAccounts {
  public static final int MAX_SOCIAL_ID_LENGTH = 256;
  public static final int MAX_IDENTITY_NAME_LENGTH = 256;

  private final SocialAccountStore store;
  private final UserStore users;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public SocialAccounts(SocialAccountStore store, UserStore users, AuditLog audit, Transactor tx, Events events,
      InstantSource clock) {
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  /** {@code user:getLinkedSocialAccounts}. */
  public List<SocialAccount> list(long userId) {
    return store.of(userId);
  }

  /** The user the account is linked to, if any (a social login finds its user this way). */
  public Optional<SocialAccount> byAccount(SocialKind kind, String socialId) {
    return store.byAccount(kind, socialId);
  }

  /**
   * Links the account to the user. Linking the same account again only updates its identity name. An account
   * linked to another user, or a second account of a kind the user has linked already, is {@code Conflict}.
   */
  public SocialAccount link(long userId, SocialKind kind, String socialId, @Nullable String identityName) {
    require(!socialId.isEmpty() && socialId.length() <= MAX_SOCIAL_ID_LENGTH,
        "socialId must be 1 to " + MAX_SOCIAL_ID_LENGTH + " characters long");
    String name = identityName == null || identityName.isEmpty() ? null : identityName;
    require(name == null || name.length() <= MAX_IDENTITY_NAME_LENGTH,
        "identityName must be at most " + MAX_IDENTITY_NAME_LENGTH + " characters long");
    return tx.inTransaction(() -> {
      User user = users.byId(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
      if (!user.enabled()) {
        throw AtriumException.forbidden("User " + userId + " is disabled");
      }
      Optional<SocialAccount> existing = store.byAccount(kind, socialId);
      if (existing.isPresent() && existing.get().userId() != userId) {
        throw AtriumException.conflict("This " + kind.wireName() + " account is linked to another user");
      }
      SocialAccount next;
      if (existing.isPresent()) {
        next = new SocialAccount(userId, kind, socialId, name, existing.get().linkedAt());
        store.update(next);
      } else {
        if (store.of(userId).stream().anyMatch(a -> a.kind() == kind)) {
          throw AtriumException.conflict("The user has a " + kind.wireName() + " account linked already");
        }
        next = new SocialAccount(userId, kind, socialId, name, clock.instant());
        store.insert(next);
      }
      audit.append(new AuditEntry(userId, "user.social.link", "user:" + userId, existing.orElse(null), next,
          clock.instant()));
      events.publish(new DomainEvent.SocialAccountLinked(next, clock.instant()));
      return next;
    });
  }

  /**
   * {@code user:unlinkSocialAccount}: an unknown kind is {@code Invalid}, a kind the user has not linked is
   * {@code NotFound}. A user without a password keeps at least one linked account, the only way they have to
   * sign in ({@code Invalid}).
   */
  public SocialAccount unlink(long userId, String kindName) {
    SocialKind kind = SocialKind.parse(kindName);
    return tx.inTransaction(() -> {
      List<SocialAccount> linked = store.of(userId);
      SocialAccount account = linked.stream().filter(a -> a.kind() == kind).findFirst()
          .orElseThrow(() -> AtriumException.notFound("No " + kind.wireName() + " account is linked to the user"));
      require(linked.size() > 1 || users.passwordHash(userId).isPresent(),
          "The " + kind.wireName() + " account is the only way this user signs in: set a password first");
      store.delete(userId, kind);
      audit.append(new AuditEntry(userId, "user.social.unlink", "user:" + userId, account, null, clock.instant()));
      events.publish(new DomainEvent.SocialAccountUnlinked(account, clock.instant()));
      return account;
    });
  }
}
