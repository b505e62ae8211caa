package dev.atrium.core.mail;

/** Where a mail of the outbox stands. */
public enum MailStatus {
  /** Waiting for its (next) delivery attempt. */
  QUEUED,
  /** Accepted by the mail server. */
  SENT,
  /** Given up: refused for good, or every attempt failed. */
  FAILED,
  /** No mail server is configured: kept for an administrator to read, never sent. */
  LOCAL
}
