package dev.atrium.core.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of the mail outbox; every call joins the caller's transaction. */
public interface OutboxStore {
  /** Records a mail with no attempt made, due at {@code at}; returns its id (ids ascend). */
  long insert(MailMessage message, MailStatus status, Instant at);

  Optional<OutboxMail> byId(long id);

  /** QUEUED mails whose next attempt is due at {@code now}, oldest first. */
  List<OutboxMail> due(Instant now, int limit);

  /**
   * Takes a due mail for one attempt: counts the attempt and moves its next attempt to {@code leaseUntil}, but
   * only if it is still QUEUED and still due at {@code dueAt}. False if another deliverer took it first.
   */
  boolean claim(long id, Instant dueAt, Instant leaseUntil);

  void markSent(long id, Instant at);

  /** Keeps the mail QUEUED for another attempt at {@code next}. */
  void markRetry(long id, Instant next, String error);

  void markFailed(long id, String error);

  /** The newest mails first. */
  List<OutboxMail> latest(int limit);

  /** Deletes the SENT, FAILED and LOCAL mails created before the instant; returns how many. */
  int deleteFinishedBefore(Instant instant);
}
