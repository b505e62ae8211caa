package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.mail.MailMessage;
import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.store.jdbc.JdbcOutboxStore;
import dev.atrium.store.jdbc.JdbcTransactor;
import dev.atrium.testkit.FakeClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox over the real SMTP adapter, with GreenMail as the mail server: delivery one pass at a time
 * ({@code deliverDue}), with the fake clock deciding when a retry is due.
 */
class OutboxDeliveryTest {
  static final MailMessage HELLO = new MailMessage("ada@example.com", "Héllo, Ada", "Plain text, ünïcode.",
      "<p>Plain <b>HTML</b>.</p>");

  int port;
  GreenMail greenMail;
  FakeClock clock;
  Atrium.Services services;
  Outbox outbox;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    clock = new FakeClock();
    services = Atrium.Services.open(config(Mails.settings(port)), clock, new SecureRandom());
    outbox = services.outbox();
  }

  @AfterEach
  void stop() {
    services.close();
    greenMail.stop();
  }

  static Config config(Map<String, String> mail) {
    try {
      Path dataDir = Files.createTempDirectory("atrium-outbox-");
      Map<String, String> values = new HashMap<>(mail);
      values.put("ATRIUM_DATA_DIR", dataDir.toString());
      values.put("ATRIUM_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      values.put("ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1");
      return Config.from(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  OutboxMail stored(long id) {
    return new JdbcOutboxStore(new JdbcTransactor(services.database())).byId(id).orElseThrow();
  }

  @Test
  void aQueuedMail_isDeliveredThroughSmtp_withItsTextAndHtml() throws Exception {
    long id = outbox.enqueue(HELLO);
    assertThat(stored(id).status()).isEqualTo(MailStatus.QUEUED);

    assertThat(outbox.deliverDue()).isEqualTo(1);

    MimeMessage mail = Mails.awaitNth(greenMail, "ada@example.com", 1);
    assertThat(mail.getFrom()[0].toString()).isEqualTo("Atrium <atrium@atrium.test>");
    assertThat(mail.getSubject()).isEqualTo("Héllo, Ada");
    assertThat(Mails.text(mail)).isEqualTo("Plain text, ünïcode.");
    assertThat(Mails.html(mail)).isEqualTo("<p>Plain <b>HTML</b>.</p>");
    OutboxMail sent = stored(id);
    assertThat(sent.status()).isEqualTo(MailStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(sent.sentAt()).isEqualTo(clock.instant());
    assertThat(sent.lastError()).isNull();
    assertThat(outbox.deliverDue()).isZero();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aMailWithoutHtml_isPlainText() throws Exception {
    outbox.enqueue(new MailMessage("bob@example.com", "Plain", "Just text.", null));
    outbox.deliverDue();

    MimeMessage mail = Mails.awaitNth(greenMail, "bob@example.com", 1);
    assertThat(mail.getContentType()).startsWith("text/plain");
    assertThat(Mails.text(mail)).isEqualTo("Just text.");
  }

  @Test
  void whileTheServerIsDown_theMailWaits_andIsRetriedWithBackoff_untilItGoesOut() {
    greenMail.stop();
    long id = outbox.enqueue(HELLO);

    assertThat(outbox.deliverDue()).isZero();
    OutboxMail failed = stored(id);
    assertThat(failed.status()).isEqualTo(MailStatus.QUEUED);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("Couldn't connect to host");
    assertThat(failed.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));

    clock.advance(Duration.ofSeconds(29));
    assertThat(outbox.deliverDue()).isZero();
    assertThat(stored(id).attempts()).as("not due yet: no attempt").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(outbox.deliverDue()).isZero();
    assertThat(stored(id).attempts()).isEqualTo(2);
    assertThat(stored(id).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    clock.advance(Duration.ofMinutes(1));
    assertThat(outbox.deliverDue()).isEqualTo(1);

    Mails.awaitNth(greenMail, "ada@example.com", 1);
    OutboxMail sent = stored(id);
    assertThat(sent.status()).isEqualTo(MailStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(sent.lastError()).isNull();
  }

  @Test
  void afterEightFailedAttempts_theMailIsGivenUp() {
    greenMail.stop();
    long id = outbox.enqueue(HELLO);

    for (int attempt = 1; attempt <= Outbox.MAX_ATTEMPTS; attempt++) {
      assertThat(outbox.deliverDue()).isZero();
      clock.advance(Outbox.backoff(attempt));
    }

    OutboxMail given = stored(id);
    assertThat(given.status()).isEqualTo(MailStatus.FAILED);
    assertThat(given.attempts()).isEqualTo(Outbox.MAX_ATTEMPTS);
    assertThat(given.lastError()).contains("Couldn't connect to host");
    clock.advance(Duration.ofDays(1));
    assertThat(outbox.deliverDue()).isZero();
    assertThat(stored(id).attempts()).isEqualTo(Outbox.MAX_ATTEMPTS);
  }

  @Test
  void aMailQueuedInATransactionThatRollsBack_isNeverSent() {
    JdbcTransactor tx = new JdbcTransactor(services.database());

    assertThatThrownBy(() -> tx.run(() -> {
      outbox.enqueue(new MailMessage("ghost@example.com", "Never", "This change did not happen.", null));
      throw AtriumException.invalid("rolled back");
    })).hasMessage("rolled back");
    outbox.enqueue(HELLO);

    assertThat(outbox.deliverDue()).isEqualTo(1);
    Mails.awaitNth(greenMail, "ada@example.com", 1);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(Mails.to(greenMail, "ghost@example.com")).isEmpty();
  }

  @Test
  void theDelivererIsWokenOnlyAfterCommit() throws InterruptedException {
    JdbcTransactor tx = new JdbcTransactor(services.database());
    outbox.awaitWork(Duration.ZERO);

    tx.run(() -> {
      outbox.enqueue(HELLO);
      try {
        assertThat(outbox.awaitWork(Duration.ZERO)).as("woken inside the transaction").isFalse();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(outbox.awaitWork(Duration.ZERO)).isTrue();
  }

  @Test
  void aRecipientRefusedForGood_failsAtOnce_butOneRefusedForNow_isRetried() {
    try (RefusingSmtpServer refusing = new RefusingSmtpServer("550 5.1.1 No such user");
        RefusingSmtpServer busy = new RefusingSmtpServer("450 4.2.1 Mailbox busy, try later");
        Atrium.Services toRefusing = Atrium.Services.open(config(Mails.settings(refusing.port())), clock,
            new SecureRandom());
        Atrium.Services toBusy = Atrium.Services.open(config(Mails.settings(busy.port())), clock,
            new SecureRandom())) {
      long refused = toRefusing.outbox().enqueue(HELLO);
      long delayed = toBusy.outbox().enqueue(HELLO);

      assertThat(toRefusing.outbox().deliverDue()).isZero();
      assertThat(toBusy.outbox().deliverDue()).isZero();

      OutboxMail failed = new JdbcOutboxStore(new JdbcTransactor(toRefusing.database())).byId(refused).orElseThrow();
      assertThat(failed.status()).isEqualTo(MailStatus.FAILED);
      assertThat(failed.attempts()).isEqualTo(1);
      assertThat(failed.lastError()).contains("550 5.1.1 No such user");
      OutboxMail waiting = new JdbcOutboxStore(new JdbcTransactor(toBusy.database())).byId(delayed).orElseThrow();
      assertThat(waiting.status()).isEqualTo(MailStatus.QUEUED);
      assertThat(waiting.lastError()).contains("450 4.2.1 Mailbox busy");
      assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
    }
  }
}
