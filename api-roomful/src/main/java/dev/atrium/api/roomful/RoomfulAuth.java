package dev.atrium.api.roomful;

import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.account.PasswordRestore;
import dev.atrium.core.account.Registration;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Space;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.Params;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Roomful's auth endpoints under {@code /api/v1/auth}: sign in, sign up, sign out and check (the session token they return is the {@code X-Session-Id} of every later call); the questions
 * about an email address; email verification; and restoring a password with a code sent by mail.
 */
final class RoomfulAuth {

  private final RoomfulGateway gateway;
  private final Users users;
  private final Sessions sessions;
  private final Authenticator authenticator;
  private final EmailVerification verification;
  private final Registration registration;
  private final PasswordRestore restore;
  private final LoginGuard guard;

  /**
   * {@code gateway} tells an anonymous socket named by a sign-in's {@code X-Socket-Id} that it may reconnect
   * with the new session.
   */
  RoomfulAuth(Users users, Sessions sessions, Authenticator authenticator, EmailVerification verification,
      Registration registration, PasswordRestore restore, RoomfulGateway gateway, LoginGuard guard) {
    this.guard = guard;
    this.gateway = gateway;
    this.users = users;
    this.sessions = sessions;
    this.authenticator = authenticator;
    this.verification = verification;
    this.registration = registration;
    this.restore = restore;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/auth/signin", this::signin);
    cfg.routes.post("/api/v1/auth/signup", this::signup);
    cfg.routes.post("/api/v1/auth/signout", this::signout);
    cfg.routes.get("/api/v1/auth/check", this::check);
    cfg.routes.post("/api/v1/auth/isEmailVerified", this::isEmailVerified);
    cfg.routes.post("/api/v1/auth/isEmailAvailable", ctx ->
        ctx.json(Envelope.ok(new IsAvailableOut(!verification.isTaken(email(ctx))))));
    cfg.routes.post("/api/v1/auth/isEmailTaken", ctx ->
        ctx.json(Envelope.ok(new IsTakenOut(verification.isTaken(email(ctx))))));
    cfg.routes.post("/api/v1/auth/requestEmailVerification", ctx -> {
      verification.request(email(ctx));
      ctx.json(Envelope.ok());
    });
    // Atrium's own: the link in the verification mail (Roomful's documents do not name theirs).
    cfg.routes.get("/api/v1/auth/verifyEmail", this::verifyEmail);
    cfg.routes.post("/api/v1/auth/sendRestorePasswordCode", ctx -> {
      restore.sendCode(email(ctx));
      ctx.json(Envelope.ok());
    });
    cfg.routes.post("/api/v1/auth/checkRestorePasswordCode", ctx -> {
      RestoreIn in = JsonMapper.read(ctx.body(), RestoreIn.class);
      String email = Params.requiredText(in.email(), "email");
      String code = Params.requiredText(in.code(), "code");
      guard.attempt(email, RateLimits.Caller.addressKey(ctx), () -> {
        restore.checkCode(email, code);
        return true;
      });
      ctx.json(Envelope.ok());
    });
    cfg.routes.post("/api/v1/auth/restorePasswordByCode", ctx -> {
      RestoreIn in = JsonMapper.read(ctx.body(), RestoreIn.class);
      String email = Params.requiredText(in.email(), "email");
      String code = Params.requiredText(in.code(), "code");
      String password = Params.requiredText(in.password(), "password");
      guard.attempt(email, RateLimits.Caller.addressKey(ctx), () -> {
        restore.restore(email, code, password);
        return true;
      });
      ctx.json(Envelope.ok());
    });
  }

  record SigninIn(@Nullable String email, @Nullable String password) {}

  record SignupIn(@Nullable String email, @Nullable String password, @Nullable String phoneNumber,
      @Nullable String firstName, @Nullable String lastName, @Nullable String zipCode,
      @Nullable String verificationToken, @Nullable String companyName, @Nullable String companyTitle) {}

  record SessionOut(String session_token, boolean is_new, boolean need_verification) {}

  record EmailIn(@Nullable String email) {}

  record RestoreIn(@Nullable String email, @Nullable String code, @Nullable String password) {}

  record IsVerifiedOut(boolean isVerified) {}

  record IsAvailableOut(boolean isAvailable) {}

  record IsTakenOut(boolean isTaken) {}

  record VerifiedOut(String email, boolean isVerified) {}

  private void signin(Context ctx) {
    SigninIn in = JsonMapper.read(ctx.body(), SigninIn.class);
    String email = Params.requiredText(in.email(), "email");
    String password = Params.requiredText(in.password(), "password");
    String network = network(ctx);
    Sessions.Minted minted = guard.attempt(email, RateLimits.Caller.addressKey(ctx),
        () -> sessions.loginWithPassword(email, password, network, device(ctx)));
    User user = users.get(minted.session().userId());
    socketId(ctx).ifPresent(socketId -> gateway.anonymousAuthorized(socketId, minted.token()));
    ctx.json(Envelope.ok(new SessionOut(minted.token(), false, !user.emailVerified())));
  }

  /** Self-registration: the account is created and signed in at once (see {@link Registration}). */
  private void signup(Context ctx) {
    SignupIn in = JsonMapper.read(ctx.body(), SignupIn.class);
    String email = Params.requiredText(in.email(), "email");
    String password = Params.requiredText(in.password(), "password");
    Profile profile = Profile.builder().firstName(in.firstName()).lastName(in.lastName())
        .companyName(in.companyName()).companyTitle(in.companyTitle()).mobilePhone(in.phoneNumber())
        .zipCode(in.zipCode()).build();
    Registration.Registered registered = registration.signUp(new Registration.SignUp(email, password, profile,
        in.verificationToken(), network(ctx), device(ctx)));
    ctx.json(Envelope.ok(new SessionOut(registered.session().token(), true, !registered.user().emailVerified())));
  }

  private void signout(Context ctx) {
    String token = ctx.header(RoomfulApi.SESSION_HEADER);
    if (token == null || token.isEmpty()) {
      throw new AtriumException.Unauthenticated("Unauthorized");
    }
    sessions.logout(token);
    ctx.json(Envelope.ok());
  }

  private void check(Context ctx) {
    authenticator.require(ctx, "Unauthorized");
    ctx.json(Envelope.ok(Map.of()));
  }

  /**
   * Roomful documents this one with an empty request: without an {@code email} it answers for the caller's own
   * address (a session is then required); with one, for that address.
   */
  private void isEmailVerified(Context ctx) {
    EmailIn in = ctx.body().isBlank() ? new EmailIn(null) : JsonMapper.read(ctx.body(), EmailIn.class);
    boolean verified;
    if (in.email() != null) {
      verified = verification.isVerified(in.email());
    } else {
      User caller = authenticator.require(ctx, "Unauthorized").user();
      verified = caller.email() != null && caller.emailVerified();
    }
    ctx.json(Envelope.ok(new IsVerifiedOut(verified)));
  }

  private void verifyEmail(Context ctx) {
    String token = Params.requiredText(ctx.queryParam("token"), "token");
    User user = guard.attemptFrom(RateLimits.Caller.addressKey(ctx), () -> verification.verify(token));
    ctx.json(Envelope.ok(new VerifiedOut(String.valueOf(user.email()), user.emailVerified())));
  }


  private static String email(Context ctx) {
    return Params.requiredText(JsonMapper.read(ctx.body(), EmailIn.class).email(), "email");
  }

  /** The anonymous socket to tell about a sign-in: header {@code X-Socket-Id} or parameter {@code socketId}. */
  private static java.util.Optional<String> socketId(Context ctx) {
    String id = ctx.header("X-Socket-Id");
    if (id == null || id.isBlank()) {
      id = ctx.queryParam("socketId");
    }
    return id == null || id.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(id);
  }

  private static String network(Context ctx) {
    String network = ctx.header("X-Network");
    if (network == null || network.isBlank()) {
      network = ctx.queryParam("networkId");
    }
    if (network == null || network.isBlank()) {
      return Space.DEFAULT_ID;
    }
    if (network.length() > 128) {
      throw AtriumException.invalid("The network id must be at most 128 characters long");
    }
    return network;
  }

  private static @Nullable String device(Context ctx) {
    String device = ctx.header("X-Device-Id");
    return device == null ? ctx.userAgent() : device.length() > 256 ? device.substring(0, 256) : device;
  }
}
