package dev.atrium.api.livedigital;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.client.TokenStore;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Session;
import dev.atrium.core.tx.Transactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * LiveDigital's tokens: HS256 JWTs signed by the newest key and verified by every key kept (the header's
 * {@code kid} names it). The keys live in the database, 256 random bits each, one made on the first start; a key
 * set in the configuration signs instead, and the stored ones still verify. A user token names its Atrium session
 * ({@code sid}) and lives only while that session does; a client token names its API client, checked on each use.
 * A refresh token works once: its {@code jti} is stored when it is made and deleted when it is spent.
 *
 * <p>{@code sgn} is the grant's fingerprint: the first 10 hex digits of the SHA-256 of the session id (a user
 * token) or of the client id (a client token), the same for every token of one grant across its refreshes.
 */
public final class LiveDigitalTokens {
  public static final String AUD_USER = "user";
  public static final String AUD_CLIENT = "client";
  public static final String ACCESS = "accessToken";
  public static final String REFRESH = "refreshToken";
  /** The {@code cId} of a personal token, which no API client obtained. */
  public static final String PERSONAL_CLIENT = "personal";
  static final int JTI_LENGTH = 21;
  /** The claim of a one-time guest link's token. */
  static final String ONCE = "once";
  static final int KEY_BYTES = 32;
  private static final String CONFIGURED_KID = "configured";
  private static final String JTI_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final int MAX_TOKEN_LENGTH = 4096;

  /**
   * A token's claims, as verified. {@code sid} is the session of a user token, null in a client token; {@code once}
   * marks a one-time guest link's token, whose first use spends it.
   */
  public record Claims(String sub, String aud, String type, String clientId, String jti, String sgn,
      @Nullable String sid, Instant issuedAt, Instant expiresAt, boolean once) {
    public boolean user() {
      return AUD_USER.equals(aud);
    }
  }

  /** A pair of tokens and their lifetimes. */
  public record Pair(String accessToken, String refreshToken, Duration accessTtl, Duration refreshTtl) {
    @Override
    public String toString() {
      return "Pair[(hidden)]";
    }
  }

  private record Key(String kid, byte[] secret) {}

  private final TokenStore store;
  private final Transactor tx;
  private final ApiClients clients;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Key signing;
  private final Map<String, Key> verifying;

  /**
   * Reads the stored keys, making the first one if there is none. {@code configuredKey}, when given (at least 32
   * bytes), signs instead of the newest stored key.
   */
  public LiveDigitalTokens(TokenStore store, Transactor tx, ApiClients clients, InstantSource clock,
      RandomGenerator random, byte @Nullable [] configuredKey, Duration accessTtl, Duration refreshTtl) {
    this.store = store;
    this.tx = tx;
    this.clients = clients;
    this.clock = clock;
    this.random = random;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    List<TokenStore.SigningKey> kept = tx.inTransaction(() -> {
      List<TokenStore.SigningKey> keys = store.keys();
      if (!keys.isEmpty()) {
        return keys;
      }
      byte[] secret = new byte[KEY_BYTES];
      random.nextBytes(secret);
      store.insertKey(new TokenStore.SigningKey(randomText(16), Base64.getEncoder().encodeToString(secret),
          clock.instant()));
      return store.keys();
    });
    Map<String, Key> keys = new LinkedHashMap<>();
    if (configuredKey != null) {
      if (configuredKey.length < KEY_BYTES) {
        throw new IllegalArgumentException("the configured signing key must be at least " + KEY_BYTES + " bytes");
      }
      keys.put(CONFIGURED_KID, new Key(CONFIGURED_KID, configuredKey.clone()));
    }
    for (TokenStore.SigningKey k : kept) {
      keys.putIfAbsent(k.keyId(), new Key(k.keyId(), Base64.getDecoder().decode(k.secret())));
    }
    this.verifying = Map.copyOf(keys);
    this.signing = keys.values().iterator().next();
  }

  public Duration accessTtl() {
    return accessTtl;
  }

  public Duration refreshTtl() {
    return refreshTtl;
  }

  /** A client token pair for the live client. */
  public Pair clientPair(String clientId) {
    return pair(clientId, AUD_CLIENT, clientId, null, fingerprint(clientId));
  }

  /** A user token pair bound to the session the client opened for its user. */
  public Pair userPair(String clientId, Session session) {
    return pair(Long.toString(session.userId()), AUD_USER, clientId, session.id(), fingerprint(session.id()));
  }

  /**
   * A user access token alone, bound to the session, with no refresh token and so nothing stored: for tests and
   * tools that make a LiveDigital caller of a session opened elsewhere.
   */
  public String accessToken(String clientId, Session session) {
    Instant now = clock.instant();
    return sign(Long.toString(session.userId()), AUD_USER, ACCESS, clientId, randomText(JTI_LENGTH),
        fingerprint(session.id()), session.id(), now, now.plus(accessTtl));
  }

  /**
   * A personal user token: an access token bound to a {@link Session.Kind#PERSONAL} session, which never expires
   * ({@code exp} is the session's own end, {@link dev.atrium.core.session.Sessions#PERSONAL_EXPIRY}); it stops
   * working when the session ends.
   */
  public String personalToken(Session session) {
    if (session.kind() != Session.Kind.PERSONAL) {
      throw new IllegalArgumentException("a personal token is made of a personal session");
    }
    return sign(claims(Long.toString(session.userId()), AUD_USER, ACCESS, PERSONAL_CLIENT, randomText(JTI_LENGTH),
        fingerprint(session.id()), session.id(), clock.instant(), session.expiresAt()));
  }

  /**
   * A guest access link's user access token: bound to the link's session, valid until {@code expiresAt} (the
   * session's end), and marked {@code once} for a one-time link. No refresh token.
   */
  public String linkToken(String clientId, Session session, Instant expiresAt, boolean once) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = claims(Long.toString(session.userId()), AUD_USER, ACCESS, clientId,
        randomText(JTI_LENGTH), fingerprint(session.id()), session.id(), now, expiresAt);
    if (once) {
      claims.claim(ONCE, true);
    }
    return sign(claims);
  }

  /**
   * Spends the refresh token and makes the next pair, or empty: a token that does not verify, is not a refresh
   * token, was spent already, or whose session or client is no longer live.
   */
  public Optional<Pair> refresh(String refreshToken, java.util.function.Function<String, Optional<Principal>> session) {
    Optional<Claims> verified = verify(refreshToken).filter(c -> REFRESH.equals(c.type()));
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    Claims c = verified.get();
    if (!clients.live(c.clientId())) {
      return Optional.empty();
    }
    if (c.user()) {
      String sid = c.sid();
      if (sid == null) {
        return Optional.empty();
      }
      Optional<Principal> principal = session.apply(sid);
      if (principal.isEmpty() || !Long.toString(principal.get().userId()).equals(c.sub())) {
        return Optional.empty();
      }
      return tx.inTransaction(() -> store.consumeRefresh(c.jti())
          ? Optional.of(userPair(c.clientId(), principal.get().session())) : Optional.empty());
    }
    return tx.inTransaction(() -> store.consumeRefresh(c.jti()) ? Optional.of(clientPair(c.clientId()))
        : Optional.empty());
  }

  /** The claims of a token signed by a kept key and not expired; any other token is empty. */
  public Optional<Claims> verify(@Nullable String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
        return Optional.empty();
      }
      String kid = jwt.getHeader().getKeyID();
      Key key = kid == null ? null : verifying.get(kid);
      if (key == null || !jwt.verify(new MACVerifier(key.secret()))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      Date iat = claims.getIssueTime();
      List<String> aud = claims.getAudience();
      String sub = claims.getSubject();
      String type = claims.getStringClaim("type");
      String cId = claims.getStringClaim("cId");
      String jti = claims.getJWTID();
      String sgn = claims.getStringClaim("sgn");
      String sid = claims.getStringClaim("sid");
      Boolean once = claims.getBooleanClaim(ONCE);
      if (exp == null || iat == null || aud == null || aud.size() != 1 || sub == null || type == null || cId == null
          || jti == null || sgn == null || !clock.instant().isBefore(exp.toInstant())) {
        return Optional.empty();
      }
      String audience = aud.getFirst();
      if (!audience.equals(AUD_USER) && !audience.equals(AUD_CLIENT) || audience.equals(AUD_USER) == (sid == null)) {
        return Optional.empty();
      }
      return Optional.of(new Claims(sub, audience, type, cId, jti, sgn, sid, iat.toInstant(), exp.toInstant(),
          Boolean.TRUE.equals(once)));
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether the API client of a client token is still live (one read, on client tokens only). */
  public boolean clientLive(String clientId) {
    return clients.live(clientId);
  }

  private Pair pair(String sub, String aud, String clientId, @Nullable String sid, String sgn) {
    Instant now = clock.instant();
    String refreshJti = randomText(JTI_LENGTH);
    String access = sign(sub, aud, ACCESS, clientId, randomText(JTI_LENGTH), sgn, sid, now, now.plus(accessTtl));
    String refresh = sign(sub, aud, REFRESH, clientId, refreshJti, sgn, sid, now, now.plus(refreshTtl));
    tx.run(() -> store.insertRefresh(refreshJti, clientId, sid, now.plus(refreshTtl)));
    return new Pair(access, refresh, accessTtl, refreshTtl);
  }

  private String sign(String sub, String aud, String type, String clientId, String jti, String sgn,
      @Nullable String sid, Instant iat, Instant exp) {
    return sign(claims(sub, aud, type, clientId, jti, sgn, sid, iat, exp));
  }

  private static JWTClaimsSet.Builder claims(String sub, String aud, String type, String clientId, String jti,
      String sgn, @Nullable String sid, Instant iat, Instant exp) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub).audience(aud).claim("type", type)
        .claim("cId", clientId).jwtID(jti).claim("sgn", sgn).issueTime(Date.from(iat)).expirationTime(Date.from(exp));
    if (sid != null) {
      claims.claim("sid", sid);
    }
    return claims;
  }

  private String sign(JWTClaimsSet.Builder claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
        .keyID(signing.kid()).build(), claims.build());
    try {
      jwt.sign(new MACSigner(signing.secret()));
    } catch (JOSEException e) {
      throw new IllegalStateException("an HS256 key of " + signing.secret().length + " bytes cannot sign", e);
    }
    return jwt.serialize();
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(JTI_ALPHABET.charAt(random.nextInt(JTI_ALPHABET.length())));
    }
    return text.toString();
  }

  static String fingerprint(String grant) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(grant.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** Forgets spent-by-time refresh tokens; returns how many. */
  public int purgeExpired() {
    return tx.inTransaction(() -> store.purgeRefreshBefore(clock.instant()));
  }
}
