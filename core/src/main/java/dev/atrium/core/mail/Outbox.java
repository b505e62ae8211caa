package dev.atrium.core.mail;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The transactional outbox. A service that sends mail records it here inside its own transaction, so a mail
 * exists exactly when the change that caused it committed; the deliverer hands it to the {@link Mailer} after
 * commit, retrying with exponential backoff ({@link #FIRST_RETRY} doubling up to {@link #MAX_RETRY}) until
 * {@link #MAX_ATTEMPTS} attempts have failed. Without a mailer (no SMTP server configured) every mail is kept
 * as {@link MailStatus#LOCAL} for an administrator to read.
 *
 * <p>Several deliverers (one per node) may share the table: each attempt first claims the mail with a
 * conditional update that moves its due time {@link #LEASE} ahead, so one mail is sent by one node, and a
 * node that dies mid-attempt leaves the mail to be retried when the lease runs out.
 */
public final class Outbox {
  public static final int MAX_ATTEMPTS = 8;
  public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  public static final Duration MAX_RETRY = Duration.ofHours(1);
  public static final Duration LEASE = Duration.ofMinutes(5);
  public static final int MAX_LIST = 1000;
  private static final int BATCH = 50;
  private static final int MAX_ERROR_LENGTH = 1000;

  private final OutboxStore store;
  private final @Nullable Mailer mailer;
  private final AuditLog audit;
  private final Transactor tx;
  private final InstantSource clock;
  private final Semaphore queued = new Semaphore(0);

  private Outbox(OutboxStore store, @Nullable Mailer mailer, AuditLog audit, Transactor tx, InstantSource clock) {
    this.store = store;
    this.mailer = mailer;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  /** An outbox that delivers through the mailer. */
  public static Outbox delivering(OutboxStore store, Mailer mailer, AuditLog audit, Transactor tx,
      InstantSource clock) {
    return new Outbox(store, mailer, audit, tx, clock);
  }

  /** An outbox with no mail server: mails are kept as LOCAL. */
  public static Outbox local(OutboxStore store, AuditLog audit, Transactor tx, InstantSource clock) {
    return new Outbox(store, null, audit, tx, clock);
  }

  /** Whether mails are sent (else they are kept as LOCAL). */
  public boolean delivers() {
    return mailer != null;
  }

  /**
   * Records the mail in the caller's transaction (or one of its own); once that commits, the deliverer is
   * woken. Returns the mail's id.
   */
  public long enqueue(MailMessage message) {
    long id = tx.inTransaction(() -> store.insert(message, mailer == null ? MailStatus.LOCAL : MailStatus.QUEUED,
        clock.instant()));
    if (mailer != null) {
      tx.afterCommit(this::wake);
    }
    return id;
  }

  /** Makes a deliverer waiting in {@link #awaitWork} look at the outbox now. */
  public void wake() {
    queued.release();
  }

  /** Waits until a mail was queued (or {@link #wake} was called), at most the time given; true if woken. */
  public boolean awaitWork(Duration max) throws InterruptedException {
    boolean woken = queued.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS);
    queued.drainPermits();
    return woken;
  }

  /**
   * Makes one attempt at every mail that is due, oldest first, and returns how many were sent. Called by the
   * deliverer's thread; a mail claimed by another node meanwhile is skipped.
   */
  public int deliverDue() {
    if (mailer == null) {
      return 0;
    }
    int sent = 0;
    while (true) {
      List<OutboxMail> due = tx.inTransaction(() -> store.due(clock.instant(), BATCH));
      for (OutboxMail mail : due) {
        if (attempt(mailer, mail)) {
          sent++;
        }
      }
      if (due.size() < BATCH) {
        return sent;
      }
    }
  }

  private boolean attempt(Mailer mailer, OutboxMail mail) {
    if (!tx.inTransaction(() -> store.claim(mail.id(), mail.nextAttemptAt(), clock.instant().plus(LEASE)))) {
      return false;
    }
    int attempt = mail.attempts() + 1;
    String error;
    boolean permanent;
    try {
      mailer.send(mail.message());
      tx.run(() -> store.markSent(mail.id(), clock.instant()));
      return true;
    } catch (Mailer.Failure e) {
      error = String.valueOf(e.getMessage());
      permanent = e.permanent();
    } catch (RuntimeException e) {
      error = e.toString();
      permanent = false;
    }
    String message = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
    if (permanent || attempt >= MAX_ATTEMPTS) {
      tx.run(() -> store.markFailed(mail.id(), message));
    } else {
      Instant next = clock.instant().plus(backoff(attempt));
      tx.run(() -> store.markRetry(mail.id(), next, message));
    }
    return false;
  }

  /** How long to wait after the given failed attempt (1 is the first): 30 s, 1 min, 2 min, … at most 1 h. */
  public static Duration backoff(int attempt) {
    require(attempt >= 1, "attempt counts from 1");
    Duration wait = FIRST_RETRY;
    for (int i = 1; i < attempt && wait.compareTo(MAX_RETRY) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  /**
   * The newest mails, bodies included. Only a super administrator reads them, and each reading is audited:
   * they hold the links and codes that open accounts, administrators' accounts too.
   */
  public List<OutboxMail> latest(User actor, int limit) {
    if (!actor.roles().contains(Roles.SUPER_ADMINISTRATOR)) {
      throw AtriumException.forbidden("Only a SUPER_ADMINISTRATOR can read the mail outbox");
    }
    require(limit >= 1 && limit <= MAX_LIST, "limit must be from 1 to " + MAX_LIST + ", got " + limit);
    return tx.inTransaction(() -> {
      audit.append(new AuditEntry(actor.id(), "mail.outbox.read", "outbox", null, Map.of("limit", limit),
          clock.instant()));
      return store.latest(limit);
    });
  }

  /** Deletes the finished mails (sent, failed, local) older than the age given; returns how many. */
  public int purgeFinished(Duration age) {
    return tx.inTransaction(() -> store.deleteFinishedBefore(clock.instant().minus(age)));
  }
}
