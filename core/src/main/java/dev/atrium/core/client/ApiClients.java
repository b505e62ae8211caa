package dev.atrium.core.client;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * API clients, LiveDigital's client credentials: a SUPER_ADMINISTRATOR makes a client and hands its id and secret
 * to an integrator, whose server exchanges them for a token. The secret is shown once, when the client is made,
 * and stored only as its SHA-256 hash. That is enough here, unlike for a password: the secret is 256 random bits,
 * so its hash cannot be searched back to it however fast the hash is, and the slow Argon2 of passwords would buy
 * nothing but an Argon2 run on every token request (as session tokens, which are hashed the same way). Making and
 * revoking a client are audited, without the secret or its hash.
 */
public final class ApiClients {
  public static final int MAX_NAME_LENGTH = 100;
  public static final int CLIENT_ID_LENGTH = 24;
  static final int SECRET_BYTES = 32;
  private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Set<String> MANAGERS = Set.of(Roles.SUPER_ADMINISTRATOR);
  // Compared with when the id is unknown, so that an unknown id takes the time a wrong secret takes.
  private static final byte[] NO_HASH = Sessions.hash("no such client").getBytes(StandardCharsets.US_ASCII);

  private final ApiClientStore store;
  private final TokenStore tokens;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Transactor tx;
  private final InstantSource clock;
  private final RandomGenerator random;

  public ApiClients(ApiClientStore store, TokenStore tokens, Sessions sessions, AuditLog audit, Transactor tx,
      InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.tokens = tokens;
    this.sessions = sessions;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.random = random;
  }

  /** A new client and its secret, the only time the secret is seen. */
  public record Created(ApiClient client, String secret) {
    @Override
    public String toString() {
      return "Created[client=" + client + ", secret=…]";
    }
  }

  /** Makes a client with the trimmed name (1 to {@value #MAX_NAME_LENGTH} characters). */
  public Created create(User actor, String name) {
    Roles.require(actor, MANAGERS);
    String checked = checkName(name);
    String secret = secret();
    return tx.inTransaction(() -> {
      Instant now = clock.instant();
      ApiClient client = new ApiClient(clientId(), checked, now, actor.id(), null);
      store.insert(client, Sessions.hash(secret));
      audit.append(new AuditEntry(actor.id(), "client.create", "client:" + client.clientId(), null, client, now));
      return new Created(client, secret);
    });
  }

  /** Every client, newest first; revoked ones with their revocation time. */
  public List<ApiClient> list(User actor) {
    Roles.require(actor, MANAGERS);
    return store.all();
  }

  /**
   * Revokes the client: its tokens are refused from now on, and the user sessions its password grants opened end
   * with it, in the same transaction. An unknown id is {@code NotFound}. Revoking a revoked client changes nothing
   * (it keeps its first revocation time, and no second entry is audited). Returns the client as it now is.
   */
  public ApiClient revoke(User actor, String clientId) {
    Roles.require(actor, MANAGERS);
    return tx.inTransaction(() -> {
      ApiClient before = store.byId(clientId)
          .orElseThrow(() -> AtriumException.notFound("API client " + clientId + " not found"));
      Instant now = clock.instant();
      if (!store.revoke(clientId, now)) {
        return store.byId(clientId).orElse(before);
      }
      ApiClient after = store.byId(clientId).orElseThrow();
      // its client tokens are refused by the revocation itself; the user sessions its grants opened end with it
      sessions.revoke(tokens.deleteRefreshOfClient(clientId));
      audit.append(new AuditEntry(actor.id(), "client.revoke", "client:" + clientId, before, after, now));
      return after;
    });
  }

  /** The live client whose secret this is; empty for a wrong secret, a revoked client or an unknown id. */
  public Optional<ApiClient> verify(String clientId, String secret) {
    Optional<ApiClientStore.Credential> found = store.credential(clientId);
    byte[] given = Sessions.hash(secret).getBytes(StandardCharsets.US_ASCII);
    byte[] stored = found.map(c -> c.secretHash().getBytes(StandardCharsets.US_ASCII)).orElse(NO_HASH);
    boolean matches = MessageDigest.isEqual(given, stored);
    return found.filter(c -> matches && c.client().live()).map(ApiClientStore.Credential::client);
  }

  /** Whether the client exists and is not revoked: what a client token is checked against on every use. */
  public boolean live(String clientId) {
    return store.byId(clientId).filter(ApiClient::live).isPresent();
  }

  private static String checkName(String name) {
    String stripped = name.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH
        || stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw AtriumException.invalid("name must be 1 to " + MAX_NAME_LENGTH
          + " characters, without control characters");
    }
    return stripped;
  }

  private String clientId() {
    StringBuilder id = new StringBuilder(CLIENT_ID_LENGTH);
    for (int i = 0; i < CLIENT_ID_LENGTH; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  private String secret() {
    byte[] raw = new byte[SECRET_BYTES];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
