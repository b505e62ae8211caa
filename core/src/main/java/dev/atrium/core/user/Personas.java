package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Session;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.tx.Transactor;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Persona accounts: a user may own up to {@link #MAX_PERSONAS} further accounts, each a user of its own (its
 * own id, profile, avatar, rooms and contacts) whose {@code ownerId} names the owner. A persona has no email
 * and no password: nobody signs in to it directly; the owner switches to it ({@link #switchTo}, which opens a
 * session for the persona).
 * Its username is the owner's with {@code .persona} and a number appended. A persona owns no personas.
 */
public final class Personas {
  public static final int MAX_PERSONAS = 10;

  private final Users users;
  private final Accounts accounts;
  private final UserStore store;
  private final Spaces spaces;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public Personas(Users users, Accounts accounts, UserStore store, Spaces spaces, Sessions sessions, AuditLog audit,
      Transactor tx, Events events, InstantSource clock) {
    this.users = users;
    this.accounts = accounts;
    this.store = store;
    this.spaces = spaces;
    this.sessions = sessions;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Creates a persona of {@code ownerId} with this profile (first and last name, company, privacy mode, …).
   * The owner must be an enabled account that is not itself a persona. Audited with the owner as the actor;
   * publishes {@code UserCreated} with the persona (whose {@code ownerId} is set).
   */
  public User create(long ownerId, Profile profile) {
    UserChecks.profile(profile);
    return tx.inTransaction(() -> {
      // locked: the count of the owner's personas below must not change before the new one is in
      User owner = store.lock(ownerId).orElseThrow(() -> AtriumException.notFound("User " + ownerId + " not found"));
      if (!owner.enabled()) {
        throw AtriumException.forbidden("User " + ownerId + " is disabled");
      }
      require(!owner.isPersona(), "A persona account cannot own personas");
      require(store.personasOf(ownerId).size() < MAX_PERSONAS,
          "A user may own at most " + MAX_PERSONAS + " persona accounts");
      String base = Accounts.cut(owner.username().toLowerCase(Locale.ROOT)) + ".persona";
      Accounts.Prepared spec = accounts.prepare(new NewUser(base, null, profile, AccountType.NORMAL,
          Set.of(Roles.INDIVIDUAL), new NewUser.Password.None(), false));
      User created = accounts.insertWithFreeUsername(spec, new Accounts.Series(base, n -> base + n),
          owner.username(), ownerId);
      audit.append(new AuditEntry(ownerId, "user.persona.create", "user:" + created.id(), null, created,
          clock.instant()));
      events.publish(new DomainEvent.UserCreated(created, created.createdAt()));
      return created;
    });
  }

  /** {@code user:listLinkedPersonaAccounts}: the personas the user owns, oldest first (disabled ones too). */
  public List<User> list(long ownerId) {
    return store.personasOf(ownerId);
  }

  /** The persona, if {@code ownerId} owns it and it is enabled; else {@code NotFound} or {@code Forbidden}. */
  public User requireOwned(long ownerId, long personaId) {
    User persona = users.get(personaId);
    if (persona.ownerId() == null || persona.ownerId() != ownerId) {
      throw AtriumException.forbidden("User " + personaId + " is not a persona of user " + ownerId);
    }
    if (!persona.enabled()) {
      throw AtriumException.forbidden("User " + personaId + " is disabled");
    }
    return persona;
  }

  /** Where a switch lands: the account, the network, and the session opened for it, if one was. */
  public record Switch(User account, String networkId, Optional<Sessions.Minted> session) {}

  /**
   * The caller moves to another account or network (Roomful's {@code user:getDataForSocketSwitch}):
   * {@code accountId} (the caller's own account when null) in {@code networkId} (the session's network when
   * null). Another account must be a persona of the caller ({@link #requireOwned}) or, from a persona, its owner,
   * and always gets a new session on the caller's device; the caller's own account gets one when
   * {@code newSession} asks. The account must be allowed in the network ({@link Spaces#requireUse}).
   */
  public Switch switchTo(Principal caller, @Nullable Long accountId, @Nullable String networkId, boolean newSession) {
    return tx.inTransaction(() -> {
      User self = users.get(caller.userId());
      String network = networkId == null ? caller.session().network() : networkId;
      User account;
      if (accountId == null || accountId == self.id()) {
        account = self;
      } else if (self.ownerId() != null && self.ownerId().longValue() == accountId) {
        account = users.get(accountId);
      } else {
        account = requireOwned(self.id(), accountId);
      }
      spaces.requireUse(account.id(), network);
      Optional<Sessions.Minted> session = account.id() != self.id() || newSession
          ? Optional.of(sessions.open(account, Session.Kind.SESSION, network, caller.session().device()))
          : Optional.empty();
      return new Switch(account, network, session);
    });
  }
}
