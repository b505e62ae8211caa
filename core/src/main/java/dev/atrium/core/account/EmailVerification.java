package dev.atrium.core.account;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException.Reason;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserChecks;
import dev.atrium.core.user.UserStore;
import dev.atrium.core.user.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Proving that an email address reaches its owner. A request mails a link holding a random token (32 bytes;
 * only its SHA-256 hash is stored) that works once, until it expires. The token belongs to the address, not
 * to an account: opening the link verifies the account that has the address at that moment, and a token asked
 * for before signing up lets the signup create the account verified ({@link Registration}). An address gets at
 * most one mail a minute ({@link #REQUEST_INTERVAL}); a new request replaces its previous token.
 *
 * <p>Every change is one transaction with the mail it sends (through the {@link Outbox}); the user's
 * {@code UserUpdated} event is published after commit.
 */
public final class EmailVerification {
  public static final Duration REQUEST_INTERVAL = Duration.ofMinutes(1);
  public static final String TOO_FREQUENT = "Too frequent request";
  public static final String TOKEN_NOT_FOUND = "Verification token not found";
  public static final String TOKEN_USED = "Verification token is already used";
  public static final String USER_NOT_FOUND = "User not found";
  private static final int MAX_TOKEN_LENGTH = 512;

  private final EmailTokenStore tokens;
  private final UserStore userStore;
  private final Users users;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Duration lifetime;
  private final Function<String, String> link;

  /**
   * @param lifetime how long a token works
   * @param link the URL a mail links to for a token (the dialect's verification endpoint)
   */
  public EmailVerification(EmailTokenStore tokens, UserStore userStore, Users users, Outbox outbox, AuditLog audit,
      Transactor tx, Events events, InstantSource clock, RandomGenerator random, Duration lifetime,
      Function<String, String> link) {
    require(!lifetime.isNegative() && !lifetime.isZero(), "the verification lifetime must be positive");
    this.tokens = tokens;
    this.userStore = userStore;
    this.users = users;
    this.outbox = outbox;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
    this.lifetime = lifetime;
    this.link = link;
  }

  public Duration lifetime() {
    return lifetime;
  }

  // ---- questions anyone may ask

  /** Whether an account has the address (ignoring case). */
  public boolean isTaken(String email) {
    return users.byEmail(address(email)).isPresent();
  }

  /** Whether an account has the address and has proven it; false when no account has it. */
  public boolean isVerified(String email) {
    return users.byEmail(address(email)).map(User::emailVerified).orElse(false);
  }

  // ---- sending the link

  /**
   * Mails a verification link to the address, whether or not an account has it yet (a signup may follow).
   * Refused if the account that has it verified it already, or if the address got a link less than a minute ago.
   */
  public void request(String email) {
    String address = address(email);
    tx.run(() -> {
      Optional<User> owner = userStore.byEmail(address);
      if (owner.isPresent() && owner.get().emailVerified()) {
        throw AtriumException.conflict("Email address " + address + " is already verified");
      }
      issue(address);
    });
  }

  /**
   * Mails a verification link to the user's own address (the socket's {@code user:sendUserEmailVerificationToken}).
   * Refused if the user has no address, has verified it already, or got a link less than a minute ago.
   */
  public void requestForUser(long userId) {
    tx.run(() -> {
      User user = user(userId);
      if (user.email() == null) {
        throw AtriumException.invalid("The user has no email address to verify");
      }
      if (user.emailVerified()) {
        throw AtriumException.conflict("Email address " + user.email() + " is already verified");
      }
      issue(user.email());
    });
  }

  /**
   * Gives the user a new email address (the socket's {@code user:changeEmail}): validated, unique ignoring case,
   * unverified, and a verification link mailed to it — all in one transaction. The same address is no change;
   * the same address spelled in other case is changed but stays verified if it was, with no mail.
   */
  public User changeEmail(long userId, String email) {
    String address = address(email);
    return tx.inTransaction(() -> {
      User user = userStore.lock(userId)
          .orElseThrow(() -> new AtriumException.NotFound(USER_NOT_FOUND, Reason.USER_NOT_FOUND));
      if (address.equals(user.email())) {
        return user;
      }
      Instant now = clock.instant();
      boolean sameAddress = user.email() != null && address.equalsIgnoreCase(user.email());
      if (!sameAddress) {
        userStore.byEmail(address).filter(u -> u.id() != userId).ifPresent(u -> {
          throw AtriumException.conflict("Email address " + address + " is already taken");
        });
      }
      User changed = user.withEmail(address, sameAddress && user.emailVerified(), now);
      userStore.update(changed);
      audit.append(new AuditEntry(userId, "user.email", "user:" + userId, user.email(), address, now));
      if (!sameAddress) {
        issue(address);
      }
      events.publish(new DomainEvent.UserUpdated(user, changed, changed.updatedAt()));
      return changed;
    });
  }

  /** Records a new token for the address and queues its mail; joins the caller's transaction. */
  private void issue(String address) {
    Instant now = clock.instant();
    Optional<EmailToken> last = tokens.lock(lower(address));
    if (last.isPresent() && last.get().createdAt().plus(REQUEST_INTERVAL).isAfter(now)) {
      throw new AtriumException.TooManyRequests(TOO_FREQUENT);
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    tokens.save(new EmailToken(lower(address), Sessions.hash(token), now, now.plus(lifetime), null));
    outbox.enqueue(AccountMails.verification(address, link.apply(token), lifetime));
  }

  // ---- using the token

  /**
   * The link was opened: marks verified the account that has the token's address, and uses the token up.
   * Unknown or expired token: {@code TOKEN_NOT_FOUND}; used: {@code TOKEN_USED}; no account has the address
   * (yet): {@code USER_NOT_FOUND}, and the token stays good for a signup.
   */
  public User verify(String token) {
    return tx.inTransaction(() -> {
      EmailToken found = usable(token);
      Instant now = clock.instant();
      User user = userStore.byEmail(found.email()).flatMap(u -> userStore.lock(u.id()))
          .orElseThrow(() -> new AtriumException.NotFound(USER_NOT_FOUND, Reason.USER_NOT_FOUND));
      tokens.save(found.used(now));
      if (user.emailVerified()) {
        return user;
      }
      User verified = user.withEmail(user.email(), true, now);
      userStore.update(verified);
      audit.append(new AuditEntry(user.id(), "user.email.verify", "user:" + user.id(), null, user.email(), now));
      events.publish(new DomainEvent.UserUpdated(user, verified, verified.updatedAt()));
      return verified;
    });
  }

  /**
   * Uses up a token for a signup with this address ({@link Registration}), which then creates the account
   * verified; joins the caller's transaction, so a signup that fails leaves the token unused. The token must be
   * usable and meant for the address, else {@code TOKEN_NOT_FOUND} or {@code TOKEN_USED}.
   */
  void useForSignup(String token, String email) {
    tx.run(() -> {
      EmailToken found = usable(token);
      if (!found.email().equals(lower(email))) {
        throw new AtriumException.NotFound(TOKEN_NOT_FOUND, Reason.TOKEN_NOT_FOUND);
      }
      tokens.save(found.used(clock.instant()));
    });
  }

  /** The token if it is known, unused and alive, locked; joins the caller's transaction. */
  private EmailToken usable(String token) {
    Optional<EmailToken> found = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? Optional.empty()
        : tokens.lockByHash(Sessions.hash(token));
    if (found.isEmpty() || !found.get().expiresAt().isAfter(clock.instant())) {
      throw new AtriumException.NotFound(TOKEN_NOT_FOUND, Reason.TOKEN_NOT_FOUND);
    }
    if (found.get().usedAt() != null) {
      throw new AtriumException.Conflict(TOKEN_USED, Reason.TOKEN_USED);
    }
    return found.get();
  }

  /** Deletes the tokens that expired; returns how many. */
  public int purgeExpired() {
    return tx.inTransaction(() -> tokens.deleteExpiredBefore(clock.instant()));
  }

  private User user(long userId) {
    return userStore.byId(userId)
        .orElseThrow(() -> new AtriumException.NotFound(USER_NOT_FOUND, Reason.USER_NOT_FOUND));
  }

  /** The address checked: required, at most 254 characters, one {@code @}. */
  static String address(@Nullable String email) {
    return UserChecks.requiredEmail(email);
  }

  static String lower(String email) {
    return email.toLowerCase(Locale.ROOT);
  }
}
