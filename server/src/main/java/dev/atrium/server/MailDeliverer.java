package dev.atrium.server;

import dev.atrium.core.mail.Outbox;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's background sender: one virtual thread that delivers what is due, then sleeps until a mail is
 * queued or {@link #POLL} has passed (for retries, and for mail queued by another node or the command line).
 */
final class MailDeliverer implements AutoCloseable {
  static final Duration POLL = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(MailDeliverer.class);

  private final Outbox outbox;
  private final Thread thread;
  private volatile boolean stopping;

  private MailDeliverer(Outbox outbox) {
    this.outbox = outbox;
    this.thread = Thread.ofVirtual().name("atrium-mail").unstarted(this::run);
  }

  static MailDeliverer start(Outbox outbox) {
    MailDeliverer deliverer = new MailDeliverer(outbox);
    deliverer.thread.start();
    return deliverer;
  }

  private void run() {
    while (!stopping) {
      try {
        int sent = outbox.deliverDue();
        if (sent > 0) {
          LOG.debug("sent {} mails", sent);
        }
      } catch (RuntimeException e) {
        LOG.warn("delivering mail failed; trying again later", e);
      }
      try {
        outbox.awaitWork(POLL);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Lets the attempt under way finish (an SMTP timeout is 30 s), then stops; interrupts it only after that. */
  @Override
  public void close() {
    stopping = true;
    outbox.wake();
    try {
      if (!thread.join(Duration.ofSeconds(35))) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
