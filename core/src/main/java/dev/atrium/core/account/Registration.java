package dev.atrium.core.account;

import dev.atrium.core.session.Session;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserChecks;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Signing up (Roomful's {@code /api/v1/auth/signup}): an account named after its email address, created and
 * signed in at once. The username is the address's local part, made unique with a number ({@code sam},
 * {@code sam2}, …) race-free, see {@link Accounts#registerWithFreeUsername}. A verification token, if given,
 * is used up and the account starts verified. The account, the token and the session are one transaction: a
 * refusal leaves no account and no session, and the token unused; {@code UserCreated} is published once it
 * commits.
 */
public final class Registration {
  private final Accounts accounts;
  private final EmailVerification verification;
  private final Sessions sessions;
  private final Transactor tx;

  public Registration(Accounts accounts, EmailVerification verification, Sessions sessions, Transactor tx) {
    this.accounts = accounts;
    this.verification = verification;
    this.sessions = sessions;
    this.tx = tx;
  }

  /**
   * What a signup gives: the address and password, the profile, a verification token or null, and the network
   * and device of the session it opens.
   */
  public record SignUp(String email, String password, Profile profile, @Nullable String verificationToken,
      String network, @Nullable String device) {}

  /** The new account and its session, whose token is shown once. */
  public record Registered(User user, Sessions.Minted session) {}

  public Registered signUp(SignUp signUp) {
    String email = UserChecks.requiredEmail(signUp.email());
    Accounts.Prepared prepared = accounts.prepare(new NewUser(usernameBase(email), email, signUp.profile(),
        AccountType.NORMAL, Set.of(Roles.INDIVIDUAL), new NewUser.Password.Plain(signUp.password()), false));
    String token = signUp.verificationToken();
    return tx.inTransaction(() -> {
      Accounts.Prepared user = prepared;
      if (token != null && !token.isEmpty()) {
        verification.useForSignup(token, email);
        user = prepared.emailVerified();
      }
      User created = accounts.registerWithFreeUsername(user);
      return new Registered(created, sessions.open(created, Session.Kind.SESSION, signUp.network(),
          signUp.device()));
    });
  }

  /** The address's local part in lower case, without characters a username should not have; "user" if none is left. */
  static String usernameBase(String email) {
    String base = email.substring(0, email.indexOf('@')).replaceAll("[^A-Za-z0-9._-]", "").toLowerCase(Locale.ROOT);
    return base.isEmpty() ? "user" : base;
  }
}
