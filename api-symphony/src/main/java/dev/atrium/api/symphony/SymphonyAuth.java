package dev.atrium.api.symphony;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.core.Pem;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Session;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserKey;
import dev.atrium.core.user.Users;
import dev.atrium.http.Params;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Symphony's RSA login, as the BDK does it: a JWT signed with the user's private key ({@code sub} = username,
 * {@code exp} at most five minutes ahead), checked against the public keys stored on the user. The pod
 * ({@code /login}) answers a session token, the key manager ({@code /relay}) a key-manager token.
 */
final class SymphonyAuth {
  static final Duration MAX_JWT_LIFETIME = Duration.ofMinutes(5);
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS512, JWSAlgorithm.RS384,
      JWSAlgorithm.RS256);
  private static final String REFUSED = "Unauthorized: invalid or expired authentication token";

  private final Users users;
  private final Sessions sessions;
  private final InstantSource clock;
  private final LoginGuard guard;

  SymphonyAuth(Users users, Sessions sessions, InstantSource clock, LoginGuard guard) {
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
    this.guard = guard;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/login/pubkey/authenticate", ctx -> authenticate(ctx, Session.Kind.SESSION, "sessionToken"));
    cfg.routes.post("/relay/pubkey/authenticate",
        ctx -> authenticate(ctx, Session.Kind.KEY_MANAGER, "keyManagerToken"));
    cfg.routes.post("/sessionauth/v1/logout", this::logout);
  }

  private void authenticate(Context ctx, Session.Kind kind, String tokenName) {
    @org.jspecify.annotations.Nullable String jwt = jwt(ctx);
    String address = RateLimits.Caller.addressKey(ctx);
    // Counted by the username the JWT names, whether or not it is anyone's: a JWT that names none, by address.
    Optional<String> subject = subject(jwt);
    Supplier<User> proof = () -> verify(jwt).orElseThrow(() -> new AtriumException.Unauthenticated(REFUSED));
    User user = subject.isPresent() ? guard.attempt(subject.get(), address, proof) : guard.attemptFrom(address, proof);
    Sessions.Minted minted = sessions.open(user, kind, "symphony", ctx.userAgent());
    ctx.json(new Wire.Token(tokenName, minted.token()));
  }

  private static @org.jspecify.annotations.Nullable String jwt(Context ctx) {
    try {
      return Params.body(ctx, Wire.AuthenticateRequest.class).token();
    } catch (AtriumException e) {
      throw new AtriumException.Unauthenticated(REFUSED);
    }
  }

  private void logout(Context ctx) {
    String token = ctx.header(Requests.SESSION_HEADER);
    if (token == null) {
      throw new AtriumException.Unauthenticated("Invalid session");
    }
    sessions.logout(token);
    ctx.json(Wire.SuccessResponse.ok("Logged out"));
  }

  /** The username a JWT names, signed or not; empty if it is no JWT or names none. */
  private static Optional<String> subject(@org.jspecify.annotations.Nullable String jwt) {
    if (jwt == null || jwt.length() > 16_384) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(SignedJWT.parse(jwt.replace('+', '-').replace('/', '_').replace("=", ""))
          .getJWTClaimsSet().getSubject());
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  /** The user the JWT proves, if its signature, subject and expiry all hold. */
  Optional<User> verify(@org.jspecify.annotations.Nullable String jwt) {
    if (jwt == null || jwt.length() > 16_384) {
      return Optional.empty();
    }
    try {
      // Some clients (the Postman collection) sign with standard base64; the JWS form is base64url.
      SignedJWT signed = SignedJWT.parse(jwt.replace('+', '-').replace('/', '_').replace("=", ""));
      if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
        return Optional.empty();
      }
      JWTClaimsSet claims = signed.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      Instant now = clock.instant();
      if (claims.getSubject() == null || exp == null || !exp.toInstant().isAfter(now.minus(CLOCK_SKEW))
          || exp.toInstant().isAfter(now.plus(MAX_JWT_LIFETIME).plus(CLOCK_SKEW))) {
        return Optional.empty();
      }
      Optional<User> user = users.byUsername(claims.getSubject()).filter(User::enabled);
      if (user.isEmpty()) {
        return Optional.empty();
      }
      for (UserKey key : users.keys(user.get().id())) {
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
          continue;
        }
        if (signed.verify(new RSASSAVerifier(Pem.rsaPublicKey(key.pem())))) {
          return user;
        }
      }
      return Optional.empty();
    } catch (ParseException | JOSEException | IllegalStateException e) {
      return Optional.empty();
    }
  }
}
