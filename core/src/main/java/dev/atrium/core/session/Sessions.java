package dev.atrium.core.session;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Logins and the sessions they create, shared by every dialect: a token minted by any login is accepted by
 * every dialect's session header.
 *
 * <p>Authenticating a request must be cheap, so live sessions are kept in small in-process maps keyed by token
 * hash and, for tokens that name their session (LiveDigital's JWTs), by session id; {@code lastUsedAt} is written
 * back at most once per {@link #TOUCH_INTERVAL}. Revocation removes the entries before it returns, so a revoked
 * token is refused at once on this node.
 */
public final class Sessions {
  public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_CACHED = 100_000;
  /** The message for every failed password login: it does not tell which part was wrong. */
  public static final String BAD_CREDENTIALS = "Invalid email or password";
  /** When a personal access token's session expires: never, as far as anyone alive is concerned. */
  public static final Instant PERSONAL_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private final SessionStore sessions;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Duration lifetime;
  private final ConcurrentHashMap<String, Session> live = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Session> liveById = new ConcurrentHashMap<>();
  private final String dummyHash;

  public Sessions(SessionStore sessions, UserStore users, PasswordHasher hasher, Transactor tx, Events events,
      InstantSource clock, RandomGenerator random, Duration lifetime) {
    this.sessions = sessions;
    this.users = users;
    this.hasher = hasher;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
    this.lifetime = lifetime;
    this.dummyHash = hasher.hash("no such user: hashing anyway keeps the time of a refusal the same");
    events.subscribe(this::onEvent);
  }

  /** A new session and the token that opens it; the token is shown once and stored only as a hash. */
  public record Minted(String token, Session session) {}

  /** Logs in with an email (or username) and password. Wrong credentials and disabled users get one message. */
  public Minted loginWithPassword(String login, String password, String network, @Nullable String device) {
    User user = checkPassword(login, password);
    return tx.inTransaction(() -> {
      if (users.passwordHash(user.id()).filter(hasher::needsRehash).isPresent()) {
        users.setPasswordHash(user.id(), hasher.hash(password));
      }
      return open(user, Session.Kind.SESSION, network, device);
    });
  }

  /**
   * The enabled user whose email (or username) and password these are, without opening a session (a merge
   * proves it owns the other account this way). Wrong credentials and disabled users get one message, and
   * an unknown login costs as much time as a known one.
   */
  public User checkPassword(String login, String password) {
    Optional<User> found = users.byEmail(login).or(() -> users.byUsername(login));
    Optional<String> stored = found.flatMap(u -> users.passwordHash(u.id()));
    boolean matches = hasher.verify(password, stored.orElse(dummyHash)) && stored.isPresent();
    if (!matches || !found.get().enabled()) {
      throw new AtriumException.Unauthenticated(BAD_CREDENTIALS);
    }
    return found.get();
  }

  /** Whether the password is the user's; a user without a password has none that matches. */
  public boolean passwordMatches(long userId, String password) {
    Optional<String> stored = users.passwordHash(userId);
    return hasher.verify(password, stored.orElse(dummyHash)) && stored.isPresent();
  }

  /** Opens a session for a user whose identity was proven another way (an RSA-signed JWT, say). */
  public Minted open(User user, Session.Kind kind, String network, @Nullable String device) {
    if (!user.enabled()) {
      throw new AtriumException.Unauthenticated("User is disabled");
    }
    Instant now = clock.instant();
    Minted minted = mint(user.id(), kind, network, device, now, now.plus(lifetime));
    tx.run(() -> {
      // The caller's copy may be stale (a password login spends its time hashing): writing it back would undo
      // what changed meanwhile, such as an administrator disabling the user. Read it again, locked, in the
      // transaction.
      User current = users.lock(user.id()).filter(User::enabled)
          .orElseThrow(() -> new AtriumException.Unauthenticated("User is disabled"));
      sessions.insert(minted.session());
      users.update(current.withLastLogin(now));
    });
    return minted;
  }

  /**
   * Opens a session of the user that ends at {@code expiresAt} rather than after the configured lifetime (a guest
   * access link's). Not a login: the user's last login stays. Joins the caller's transaction.
   */
  public Minted openUntil(long userId, String network, Instant expiresAt) {
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw AtriumException.invalid("A session must end after it starts");
    }
    return tx.inTransaction(() -> {
      if (users.lock(userId).filter(User::enabled).isEmpty()) {
        throw new AtriumException.Unauthenticated("User is disabled");
      }
      Minted minted = mint(userId, Session.Kind.SESSION, network, null, now, expiresAt);
      sessions.insert(minted.session());
      return minted;
    });
  }

  /** Ends one session of the user, refused at once in every dialect; false if it was not live. */
  public boolean end(long userId, String sessionId) {
    return tx.inTransaction(() -> {
      boolean revoked = sessions.revoke(sessionId);
      if (revoked) {
        events.publish(new DomainEvent.SessionsRevoked(userId, List.of(sessionId), clock.instant()));
      }
      return revoked;
    });
  }

  private Minted mint(long userId, Session.Kind kind, String network, @Nullable String device, Instant now,
      Instant expiresAt) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    Session session = new Session(HexFormat.of().formatHex(idBytes), hash(token), userId, kind, network, device,
        now, now, expiresAt, false);
    return new Minted(token, session);
  }

  // ---- personal access tokens

  /**
   * Makes a personal access token of the user: a session of kind {@link Session.Kind#PERSONAL} that never expires
   * (it ends when removed, or when the user's sessions end: disabled, password changed). {@code name} must be
   * new among the user's live tokens, else {@code Conflict}. The token is shown once, here. Not a login: the
   * user's last login stays.
   */
  public Minted createPersonal(long userId, String name, boolean bypassTwoFactor, String network) {
    String checked = personalName(name);
    return tx.inTransaction(() -> {
      if (users.lock(userId).filter(User::enabled).isEmpty()) {
        throw new AtriumException.Unauthenticated("User is disabled");
      }
      if (personal(userId, checked).isPresent()) {
        throw AtriumException.conflict("A personal access token named " + checked + " exists already");
      }
      Instant now = clock.instant();
      Minted minted = mint(userId, Session.Kind.PERSONAL, network, null, now, PERSONAL_EXPIRY);
      sessions.insertPersonal(minted.session(), new PersonalToken(minted.session().id(), userId, checked,
          minted.token().substring(minted.token().length() - PersonalToken.LAST_PART_LENGTH), bypassTwoFactor, now));
      return minted;
    });
  }

  /** The user's live personal access tokens, oldest first. */
  public List<PersonalToken> personalTokens(long userId) {
    return tx.inTransaction(() -> sessions.personalTokens(userId));
  }

  /**
   * Replaces the user's token of that name with a new one (the old one is refused at once), keeping its name and
   * its second-factor setting; {@code NotFound} if the user has no live token of that name.
   */
  public Minted regeneratePersonal(long userId, String name, String network) {
    return tx.inTransaction(() -> {
      PersonalToken old = removePersonal(userId, name);
      return createPersonal(userId, old.name(), old.bypassTwoFactor(), network);
    });
  }

  /**
   * Revokes the user's token of that name: refused at once in every dialect. {@code NotFound} if the user has no
   * live token of that name. Returns what the token was.
   */
  public PersonalToken removePersonal(long userId, String name) {
    return tx.inTransaction(() -> {
      if (users.lock(userId).isEmpty()) {
        throw AtriumException.notFound("User " + userId + " not found");
      }
      PersonalToken token = personal(userId, name)
          .orElseThrow(() -> AtriumException.notFound("No personal access token is named " + name));
      sessions.revoke(token.sessionId());
      events.publish(new DomainEvent.SessionsRevoked(userId, List.of(token.sessionId()), clock.instant()));
      return token;
    });
  }

  private Optional<PersonalToken> personal(long userId, String name) {
    return sessions.personalTokens(userId).stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static String personalName(String name) {
    String stripped = name.strip();
    if (stripped.isEmpty()) {
      throw AtriumException.invalid("A personal access token needs a name");
    }
    if (stripped.length() > PersonalToken.MAX_NAME_LENGTH || stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw AtriumException.invalid("A personal access token's name is at most " + PersonalToken.MAX_NAME_LENGTH
          + " characters, without control characters");
    }
    return stripped;
  }

  /** The caller behind a token, if the token opens a live session of an enabled user. */
  public Optional<Principal> authenticate(@Nullable String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    String hash = hash(token);
    return cached(live, hash, () -> sessions.byTokenHash(hash));
  }

  /**
   * The caller a session token opens, as {@link #authenticate}, but only a session that {@link Session.Kind#callsApis
   * calls the APIs} (a login's, a personal token's): a Symphony key-manager token is made for the agent's
   * {@code keyManagerToken} header and opens nothing else.
   */
  public Optional<Principal> caller(@Nullable String token) {
    return authenticate(token).filter(p -> p.session().kind().callsApis());
  }

  /**
   * The caller behind a session id, if the session is live and its user enabled: for a token that was verified on
   * its own and names its session (a signed JWT), so that revoking the session ends the token too.
   */
  public Optional<Principal> authenticateSession(@Nullable String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 64) {
      return Optional.empty();
    }
    return cached(liveById, sessionId, () -> sessions.byId(sessionId));
  }

  /**
   * The caller of the live session under the key in the cache, or as loaded (then kept, while the cache has room);
   * a session found expired leaves the cache.
   */
  private Optional<Principal> cached(ConcurrentHashMap<String, Session> cache, String key,
      Supplier<Optional<Session>> load) {
    Instant now = clock.instant();
    Session session = cache.get(key);
    if (session == null) {
      session = load.get().orElse(null);
      if (session == null || !session.liveAt(now)) {
        return Optional.empty();
      }
      if (cache.size() < MAX_CACHED) {
        cache.put(key, session);
      }
    }
    if (!session.liveAt(now)) {
      cache.remove(key);
      return Optional.empty();
    }
    Session cached = session;
    return principal(cached, now, touched -> cache.replace(key, cached, touched));
  }

  /** The caller of a live session: its user, if enabled; {@code lastUsedAt} is written back now and then. */
  private Optional<Principal> principal(Session session, Instant now, Consumer<Session> touched) {
    Optional<User> user = users.byId(session.userId()).filter(User::enabled);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    Session current = session;
    if (Duration.between(session.lastUsedAt(), now).compareTo(TOUCH_INTERVAL) >= 0) {
      current = session.usedAt(now);
      sessions.touch(session.id(), now);
      touched.accept(current);
    }
    return Optional.of(new Principal(user.get(), current));
  }

  /** Ends the session that the token opens; an unknown token, or a key-manager token, is refused. */
  public void logout(String token) {
    Principal principal = caller(token).orElseThrow(() -> new AtriumException.Unauthenticated("Invalid session"));
    tx.run(() -> {
      sessions.revoke(principal.session().id());
      events.publish(new DomainEvent.SessionsRevoked(principal.userId(), List.of(principal.session().id()),
          clock.instant()));
    });
  }

  /**
   * Revokes these sessions (those not ended already) inside the caller's transaction, with one
   * {@code SessionsRevoked} per user; unknown ids are skipped.
   */
  public void revoke(Collection<String> sessionIds) {
    tx.run(() -> {
      Map<Long, List<String>> byUser = new TreeMap<>();
      for (String id : sessionIds) {
        sessions.byId(id).filter(s -> sessions.revoke(s.id()))
            .ifPresent(s -> byUser.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s.id()));
      }
      byUser.forEach((userId, ids) -> events.publish(new DomainEvent.SessionsRevoked(userId, ids, clock.instant())));
    });
  }

  /**
   * Revokes every session of the user inside the caller's transaction; its {@code SessionsRevoked}, published
   * once that commits, clears the cache.
   */
  public void revokeAllOf(long userId) {
    tx.run(() -> events.publish(new DomainEvent.SessionsRevoked(userId, sessions.revokeAllOf(userId),
        clock.instant())));
  }

  /**
   * Revokes every session of the user but {@code keepSessionId} inside the caller's transaction (a password
   * change keeps the session that made it), as {@link #revokeAllOf} does.
   */
  public void revokeOthersOf(long userId, String keepSessionId) {
    tx.run(() -> events.publish(new DomainEvent.SessionsRevoked(userId,
        sessions.revokeAllOfExcept(userId, keepSessionId), clock.instant())));
  }

  /**
   * Forgets cached sessions once their revocation has committed. Clearing the cache earlier would let a
   * request that reads the not yet committed row put the session back, alive, for as long as it lasts.
   */
  private void onEvent(DomainEvent event) {
    if (event instanceof DomainEvent.SessionsRevoked revoked) {
      Set<String> ids = Set.copyOf(revoked.sessionIds());
      live.values().removeIf(s -> ids.contains(s.id()));
      liveById.keySet().removeAll(ids);
    }
  }

  public int purgeExpired() {
    Instant now = clock.instant();
    live.values().removeIf(s -> !s.liveAt(now));
    liveById.values().removeIf(s -> !s.liveAt(now));
    return tx.inTransaction(() -> sessions.deleteExpiredBefore(now));
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
