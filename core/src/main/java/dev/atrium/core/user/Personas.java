package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Persona accounts: a user may own up to {@link #MAX_PERSONAS} further accounts, each a user of its own (its
 * own id, profile, avatar, rooms and contacts) whose {@code ownerId} names the owner. A persona has no email
 * and no password: nobody signs in to it directly; the owner switches to it (Roomful's
 * {@code user:getDataForSocketSwitch}, which opens a session for the persona after {@link #requireOwned}).
 * Its username is the owner's with {@code .persona} and a number appended. A persona owns no personas.
 */
public final class Personas {
  public static final int MAX_PERSONAS = 10;

  private final Users users;
  private final UserStore store;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public Personas(Users users, UserStore store, AuditLog audit, Transactor tx, Events events,
      InstantSource clock) {
    this.users = users;
    this.store = store;
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
    Users.checkProfile(profile);
    return tx.inTransaction(() -> {
      User owner = users.get(ownerId);
      if (!owner.enabled()) {
        throw AtriumException.forbidden("User " + ownerId + " is disabled");
      }
      require(!owner.isPersona(), "A persona account cannot own personas");
      require(store.personasOf(ownerId).size() < MAX_PERSONAS,
          "A user may own at most " + MAX_PERSONAS + " persona accounts");
      NewUser spec = new NewUser(usernameFor(owner), null, profile, AccountType.NORMAL, Set.of(Roles.INDIVIDUAL),
          new NewUser.Password.None(), false);
      User created = users.insert(spec, owner.username(), 0, ownerId);
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

  private String usernameFor(User owner) {
    String base = owner.username().toLowerCase(Locale.ROOT);
    base = base.length() > 100 ? base.substring(0, 100) : base;
    for (int n = 1; ; n++) {
      String candidate = base + ".persona" + n;
      if (store.byUsername(candidate).isEmpty()) {
        return candidate;
      }
    }
  }
}
