package dev.atrium.api.livedigital;

import dev.atrium.core.account.Captcha;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Principal;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * LiveDigital's users: {@code POST /v1/users {email, password, username, phone, captchaToken}}, with a user token
 * (LiveDigital's document: "requires authorization with user token, not client token"), and
 * {@code GET /v1/users/me}. The username is the account's Atrium username as given, spaces between words included
 * ("Some Username Here"); a taken username or email address is 409 and creates nothing. The captcha token is
 * checked first when a captcha service is configured, before the password is hashed.
 */
final class LiveDigitalUsers {
  static final String USERS = "/v1/users";
  static final String ME = "/v1/users/me";

  record NewUserIn(@Nullable String email, @Nullable String password, @Nullable String username,
      @Nullable String phone, @Nullable String captchaToken) {}

  private final Accounts accounts;
  private final Users users;
  private final Captcha captcha;
  private final Function<Context, Principal> caller;
  private final Function<Context, Principal> account;

  /** {@code account} finds a caller with an account of his own (no room guest): a guest makes no users. */
  LiveDigitalUsers(Accounts accounts, Users users, Captcha captcha, Function<Context, Principal> caller,
      Function<Context, Principal> account) {
    this.accounts = accounts;
    this.users = users;
    this.captcha = captcha;
    this.caller = caller;
    this.account = account;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post(USERS, this::create);
    cfg.routes.get(ME, this::me);
  }

  private void create(Context ctx) {
    var _ = account.apply(ctx); // a user token (a client token is 403, none 401) of no room guest (403)
    NewUserIn in = Params.body(ctx, NewUserIn.class);
    String email = Params.requiredText(in.email(), "email").strip();
    String password = Params.requiredText(in.password(), "password");
    String username = Params.requiredText(in.username(), "username").strip();
    String phone = in.phone() == null || in.phone().isBlank() ? null : in.phone().strip();
    captcha.require(in.captchaToken(), ctx.ip());
    if (users.byUsername(username).isPresent()) {
      throw AtriumException.conflict("Username " + Params.echo(username) + " is already taken");
    }
    if (users.byEmail(email).isPresent()) {
      throw AtriumException.conflict("Email address " + Params.echo(email) + " is already taken");
    }
    Accounts.Prepared prepared = accounts.prepare(new NewUser(username, email,
        Profile.builder().mobilePhone(phone).build(), AccountType.NORMAL, Set.of(Roles.INDIVIDUAL),
        new NewUser.Password.Plain(password), false));
    User created = accounts.register(prepared);
    ctx.status(201).json(Map.of("id", Long.toString(created.id())));
  }

  private void me(Context ctx) {
    User user = caller.apply(ctx).user();
    Profile p = user.profile();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", Long.toString(user.id()));
    out.put("email", user.email());
    out.put("username", user.username());
    out.put("name", name(user));
    out.put("phone", p.mobilePhone());
    out.put("createdAt", user.createdAt().toString());
    ctx.json(out);
  }

  /** The display name, else the first and last names, else the username. */
  static String name(User user) {
    Profile p = user.profile();
    if (p.displayName() != null && !p.displayName().isBlank()) {
      return p.displayName();
    }
    String full = ((p.firstName() == null ? "" : p.firstName()) + " " + (p.lastName() == null ? "" : p.lastName()))
        .strip();
    return full.isEmpty() ? user.username() : full;
  }
}
