package dev.atrium.core.account;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException.Reason;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Setting a new password with a six-digit code sent by mail, as Roomful does: the code works for
 * {@link #CODE_LIFETIME} and once; a user gets at most one code a minute; checking or using a code is tried at
 * most {@link #MAX_TRIES} times in {@link #TRY_WINDOW} (then "Too frequent request", whether the code was right
 * or not). Only the code's hash is stored, and a new code replaces the old one.
 *
 * <p>An unknown or disabled address is refused with {@code USER_NOT_FOUND}, as Roomful documents (so this does
 * reveal whether an address has an account; so does signup, and {@code isEmailTaken} by design).
 *
 * <p>A try is counted in its own transaction even when the code is wrong: the count is the point. Everything
 * else a refusal leaves as it was. Restoring sets the password, uses the code up, marks the address verified
 * (the code came through it) and revokes every session of the user, in one transaction.
 */
public final class PasswordRestore {
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(20);
  public static final Duration SEND_INTERVAL = Duration.ofMinutes(1);
  public static final Duration TRY_WINDOW = Duration.ofMinutes(2);
  public static final int MAX_TRIES = 5;

  private enum Outcome { OK, TOO_FREQUENT, NOT_FOUND, USED }

  private record Try(Outcome outcome, @Nullable RestoreCode code) {}

  private final RestoreCodeStore codes;
  private final UserStore users;
  private final Sessions sessions;
  private final Passwords passwords;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  public PasswordRestore(RestoreCodeStore codes, UserStore users, Sessions sessions, Passwords passwords,
      Outbox outbox, AuditLog audit, Transactor tx, Events events, InstantSource clock, RandomGenerator random) {
    this.codes = codes;
    this.users = users;
    this.sessions = sessions;
    this.passwords = passwords;
    this.outbox = outbox;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  /** Mails a new code to the account with this address. */
  public void sendCode(String email) {
    User user = account(email);
    tx.run(() -> {
      Instant now = clock.instant();
      Optional<RestoreCode> last = codes.lock(user.id());
      if (last.isPresent() && last.get().createdAt().plus(SEND_INTERVAL).isAfter(now)) {
        throw new AtriumException.TooManyRequests(EmailVerification.TOO_FREQUENT);
      }
      String code = newCode(user.id(), last.orElse(null), now);
      outbox.enqueue(AccountMails.restoreCode(String.valueOf(user.email()), code, CODE_LIFETIME));
    });
  }

  /**
   * An administrator resets a user's password (Symphony's {@code action/password_reset}): the user is mailed a new
   * code, as by {@link #sendCode}, with which they set a new password ({@link #restore}); their password stays
   * until then. An administrator is not held to one code a minute. Refused for an unknown user, an account the
   * administrator may not manage, a SYSTEM account (it logs in with an RSA key), a disabled user and a user without
   * an email address. The code, the mail and the audit entry are one transaction.
   */
  public void sendCodeFor(User actor, long userId) {
    Roles.require(actor, Roles.USER_ADMINS);
    tx.run(() -> {
      User user = users.byId(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
      Roles.requireManages(actor, user);
      if (user.accountType() == AccountType.SYSTEM) {
        throw AtriumException.invalid("User " + userId + " is a SYSTEM account: it logs in with an RSA key and has"
            + " no password");
      }
      if (!user.enabled()) {
        throw AtriumException.invalid("User " + userId + " is disabled");
      }
      String email = user.email();
      if (email == null) {
        throw AtriumException.invalid("User " + userId + " has no email address to send the reset to");
      }
      Instant now = clock.instant();
      String code = newCode(userId, codes.lock(userId).orElse(null), now);
      outbox.enqueue(AccountMails.resetByAdministrator(email, code, CODE_LIFETIME));
      audit.append(new AuditEntry(actor.id(), "user.password.reset", "user:" + userId, null, null, now));
    });
  }

  /**
   * Stores a new code for the user in place of the last one, keeping the last one's tries so that asking for codes
   * does not buy more guesses; joins the caller's transaction. Returns the code.
   */
  private String newCode(long userId, @Nullable RestoreCode last, Instant now) {
    String code = "%06d".formatted(random.nextInt(1_000_000));
    codes.save(new RestoreCode(userId, hash(userId, code), now, now.plus(CODE_LIFETIME), null,
        last == null ? now : last.windowStart(), last == null ? 0 : last.tries()));
    return code;
  }

  /** Checks a code without using it; refused as {@link #restore} would refuse it. */
  public void checkCode(String email, String code) {
    User user = account(email);
    refuse(tx.inTransaction(() -> tryCode(user.id(), code)).outcome());
  }

  /**
   * Sets a new password with the code: the password must follow the password rules ({@code INVALID_PASSWORD}
   * otherwise, and no try is counted), then the code must be right, alive and unused.
   */
  public void restore(String email, String code, String password) {
    User user = account(email);
    try {
      Passwords.checked(password);
    } catch (AtriumException.Invalid e) {
      throw new AtriumException.Invalid(String.valueOf(e.getMessage()), Reason.INVALID_PASSWORD);
    }
    Outcome outcome = tx.inTransaction(() -> {
      Try attempt = tryCode(user.id(), code);
      if (attempt.outcome() != Outcome.OK || attempt.code() == null) {
        return attempt.outcome();
      }
      Instant now = clock.instant();
      User current = users.lock(user.id()).orElseThrow();
      codes.save(attempt.code().used(now));
      users.setPasswordHash(user.id(), passwords.hash(password));
      User after = current.withEmail(current.email(), true, now).withPasswordReset(now);
      users.update(after);
      audit.append(new AuditEntry(user.id(), "user.password.restore", "user:" + user.id(), null, null, now));
      sessions.revokeAllOf(user.id());
      events.publish(new DomainEvent.UserUpdated(current, after, now));
      return Outcome.OK;
    });
    refuse(outcome);
  }

  /** Counts one try of the user's code and says whether it is the code; joins the caller's transaction. */
  private Try tryCode(long userId, String code) {
    Optional<RestoreCode> found = codes.lock(userId);
    if (found.isEmpty()) {
      return new Try(Outcome.NOT_FOUND, null);
    }
    Instant now = clock.instant();
    RestoreCode stored = found.get();
    boolean newWindow = !stored.windowStart().plus(TRY_WINDOW).isAfter(now);
    int tries = newWindow ? 0 : stored.tries();
    if (tries >= MAX_TRIES) {
      return new Try(Outcome.TOO_FREQUENT, null);
    }
    RestoreCode counted = stored.tried(newWindow ? now : stored.windowStart(), tries + 1);
    codes.save(counted);
    boolean matches = MessageDigest.isEqual(hash(userId, code).getBytes(StandardCharsets.US_ASCII),
        stored.codeHash().getBytes(StandardCharsets.US_ASCII));
    if (!matches || !stored.expiresAt().isAfter(now)) {
      return new Try(Outcome.NOT_FOUND, null);
    }
    if (stored.usedAt() != null) {
      return new Try(Outcome.USED, null);
    }
    return new Try(Outcome.OK, counted);
  }

  private static void refuse(Outcome outcome) {
    switch (outcome) {
      case OK -> { }
      case TOO_FREQUENT -> throw new AtriumException.TooManyRequests(EmailVerification.TOO_FREQUENT);
      case NOT_FOUND -> throw new AtriumException.NotFound(EmailVerification.TOKEN_NOT_FOUND, Reason.TOKEN_NOT_FOUND);
      case USED -> throw new AtriumException.Conflict(EmailVerification.TOKEN_USED, Reason.TOKEN_USED);
    }
  }

  /** The enabled account with the address; else {@code USER_NOT_FOUND}. */
  private User account(String email) {
    String address = EmailVerification.address(email);
    return users.byEmail(address).filter(User::enabled)
        .orElseThrow(() -> new AtriumException.NotFound(EmailVerification.USER_NOT_FOUND, Reason.USER_NOT_FOUND));
  }

  /** Deletes the codes that expired; returns how many. */
  public int purgeExpired() {
    return tx.inTransaction(() -> codes.deleteExpiredBefore(clock.instant()));
  }

  /** The stored form of a code: SHA-256 over the user id and the code, so equal codes of two users differ. */
  private static String hash(long userId, String code) {
    return Sessions.hash(userId + ":" + code);
  }
}
