package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.account.EmailToken;
import dev.atrium.core.account.RestoreCode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.mail.MailMessage;
import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.core.user.User;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the outbox, email token and restore code stores must do, on every {@link Backend}. */
abstract class MailStoreContract extends DatabaseTest {
  static final MailMessage HELLO = new MailMessage("ada@example.com", "Hello", "Hello, Ada.", "<p>Hello, Ada.</p>");
  static final MailMessage PLAIN = new MailMessage("bob@example.com", "Plain", "No HTML here.", null);

  JdbcOutboxStore outbox;
  JdbcEmailTokenStore tokens;
  JdbcRestoreCodeStore codes;
  long ada;

  MailStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    outbox = new JdbcOutboxStore(tx);
    tokens = new JdbcEmailTokenStore(tx);
    codes = new JdbcRestoreCodeStore(tx);
    JdbcUserStore users = new JdbcUserStore(tx);
    User u = user(userId(users.nextSequence()), "ada", "ada@example.com", names("Ada", null));
    tx.run(() -> users.insert(u));
    ada = u.id();
  }

  // ---- outbox

  @Test
  void insert_thenById_returnsEveryField_withNoAttemptMade() {
    long id = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.QUEUED, T0));

    assertThat(tx.inTransaction(() -> outbox.byId(id)))
        .contains(new OutboxMail(id, HELLO, MailStatus.QUEUED, 0, null, T0, T0, null));
  }

  @Test
  void insert_givesAscendingIds_andLatestIsNewestFirst() {
    long first = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.LOCAL, T0));
    long second = tx.inTransaction(() -> outbox.insert(PLAIN, MailStatus.LOCAL, T0));

    assertThat(second).isGreaterThan(first);
    assertThat(tx.inTransaction(() -> outbox.latest(10))).extracting(OutboxMail::id).containsExactly(second, first);
    assertThat(tx.inTransaction(() -> outbox.latest(1))).extracting(OutboxMail::id).containsExactly(second);
    assertThat(tx.inTransaction(() -> outbox.byId(second)).orElseThrow().message().html()).isNull();
  }

  @Test
  void due_isTheQueuedMailsDueNow_oldestDueFirst() {
    long later = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.QUEUED, T0.plusSeconds(10)));
    long now = tx.inTransaction(() -> outbox.insert(PLAIN, MailStatus.QUEUED, T0));
    tx.inTransaction(() -> outbox.insert(PLAIN, MailStatus.LOCAL, T0));

    assertThat(tx.inTransaction(() -> outbox.due(T0, 10))).extracting(OutboxMail::id).containsExactly(now);
    assertThat(tx.inTransaction(() -> outbox.due(T0.plusSeconds(10), 10))).extracting(OutboxMail::id)
        .containsExactly(now, later);
    assertThat(tx.inTransaction(() -> outbox.due(T0.plusSeconds(10), 1))).extracting(OutboxMail::id)
        .containsExactly(now);
  }

  @Test
  void claim_countsTheAttemptAndLeasesTheMail_once() {
    long id = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.QUEUED, T0));
    var lease = T0.plus(Duration.ofMinutes(5));

    assertThat(tx.inTransaction(() -> outbox.claim(id, T0, lease))).isTrue();
    assertThat(tx.inTransaction(() -> outbox.claim(id, T0, lease))).isFalse();
    OutboxMail claimed = tx.inTransaction(() -> outbox.byId(id)).orElseThrow();
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.nextAttemptAt()).isEqualTo(lease);
    assertThat(tx.inTransaction(() -> outbox.due(T0.plusSeconds(1), 10))).isEmpty();
  }

  @Test
  void claim_ofAMailThatIsNotQueued_fails() {
    long local = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.LOCAL, T0));

    assertThat(tx.inTransaction(() -> outbox.claim(local, T0, T0.plusSeconds(300)))).isFalse();
    assertThat(tx.inTransaction(() -> outbox.byId(local)).orElseThrow().attempts()).isZero();
  }

  @Test
  void markSent_markRetry_markFailed_recordTheOutcome() {
    long sent = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.QUEUED, T0));
    long retried = tx.inTransaction(() -> outbox.insert(PLAIN, MailStatus.QUEUED, T0));
    long failed = tx.inTransaction(() -> outbox.insert(PLAIN, MailStatus.QUEUED, T0));

    tx.run(() -> {
      outbox.markRetry(sent, T0.plusSeconds(30), "connection refused");
      outbox.markSent(sent, T0.plusSeconds(31));
      outbox.markRetry(retried, T0.plusSeconds(60), "421 busy");
      outbox.markFailed(failed, "550 no such user");
    });

    assertThat(tx.inTransaction(() -> outbox.byId(sent)).orElseThrow())
        .isEqualTo(new OutboxMail(sent, HELLO, MailStatus.SENT, 0, null, T0, T0.plusSeconds(30), T0.plusSeconds(31)));
    assertThat(tx.inTransaction(() -> outbox.byId(retried)).orElseThrow())
        .isEqualTo(new OutboxMail(retried, PLAIN, MailStatus.QUEUED, 0, "421 busy", T0, T0.plusSeconds(60), null));
    assertThat(tx.inTransaction(() -> outbox.byId(failed)).orElseThrow())
        .isEqualTo(new OutboxMail(failed, PLAIN, MailStatus.FAILED, 0, "550 no such user", T0, T0, null));
  }

  @Test
  void deleteFinishedBefore_keepsQueuedAndNewerMails() {
    long oldSent = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.QUEUED, T0));
    tx.run(() -> outbox.markSent(oldSent, T0));
    long oldLocal = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.LOCAL, T0));
    long oldQueued = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.QUEUED, T0));
    long newLocal = tx.inTransaction(() -> outbox.insert(HELLO, MailStatus.LOCAL, T0.plusSeconds(60)));

    assertThat(tx.inTransaction(() -> outbox.deleteFinishedBefore(T0.plusSeconds(1)))).isEqualTo(2);

    assertThat(tx.inTransaction(() -> outbox.latest(10))).extracting(OutboxMail::id)
        .containsExactly(newLocal, oldQueued);
    assertThat(tx.inTransaction(() -> outbox.byId(oldLocal))).isEmpty();
  }

  @Test
  void anInsertRolledBack_leavesNoMail() {
    assertThatThrownBy(() -> tx.run(() -> {
      outbox.insert(HELLO, MailStatus.QUEUED, T0);
      throw AtriumException.invalid("changed my mind");
    })).hasMessage("changed my mind");

    assertThat(tx.inTransaction(() -> outbox.latest(10))).isEmpty();
  }

  // ---- email tokens

  @Test
  void emailToken_save_thenLockByAddressAndByHash() {
    EmailToken token = new EmailToken("ada@example.com", "a".repeat(64), T0, T0.plusSeconds(86_400), null);
    tx.run(() -> tokens.save(token));

    assertThat(tx.inTransaction(() -> tokens.lock("ada@example.com"))).contains(token);
    assertThat(tx.inTransaction(() -> tokens.lockByHash("a".repeat(64)))).contains(token);
    assertThat(tx.inTransaction(() -> tokens.lock("bob@example.com"))).isEmpty();
    assertThat(tx.inTransaction(() -> tokens.lockByHash("b".repeat(64)))).isEmpty();
  }

  @Test
  void emailToken_save_replacesTheAddressesToken() {
    tx.run(() -> tokens.save(new EmailToken("ada@example.com", "a".repeat(64), T0, T0.plusSeconds(60), null)));
    EmailToken next = new EmailToken("ada@example.com", "c".repeat(64), T0.plusSeconds(61), T0.plusSeconds(120),
        null);
    tx.run(() -> tokens.save(next));
    tx.run(() -> tokens.save(next.used(T0.plusSeconds(62))));

    assertThat(tx.inTransaction(() -> tokens.lockByHash("a".repeat(64)))).isEmpty();
    assertThat(tx.inTransaction(() -> tokens.lock("ada@example.com"))).contains(next.used(T0.plusSeconds(62)));
  }

  @Test
  void emailToken_deleteExpiredBefore_deletesOnlyExpiredOnes() {
    tx.run(() -> tokens.save(new EmailToken("old@example.com", "a".repeat(64), T0, T0.plusSeconds(10), null)));
    tx.run(() -> tokens.save(new EmailToken("new@example.com", "b".repeat(64), T0, T0.plusSeconds(100), null)));

    assertThat(tx.inTransaction(() -> tokens.deleteExpiredBefore(T0.plusSeconds(50)))).isEqualTo(1);

    assertThat(tx.inTransaction(() -> tokens.lock("old@example.com"))).isEmpty();
    assertThat(tx.inTransaction(() -> tokens.lock("new@example.com"))).isPresent();
  }

  // ---- restore codes

  @Test
  void restoreCode_save_thenLock_andReplace() {
    RestoreCode code = new RestoreCode(ada, "d".repeat(64), T0, T0.plusSeconds(1200), null, T0, 0);
    tx.run(() -> codes.save(code));
    assertThat(tx.inTransaction(() -> codes.lock(ada))).contains(code);

    RestoreCode tried = code.tried(T0.plusSeconds(5), 3).used(T0.plusSeconds(6));
    tx.run(() -> codes.save(tried));

    assertThat(tx.inTransaction(() -> codes.lock(ada))).contains(tried);
    assertThat(tx.inTransaction(() -> codes.lock(ada + 1))).isEmpty();
  }

  @Test
  void restoreCode_deleteExpiredBefore_deletesOnlyExpiredOnes() {
    tx.run(() -> codes.save(new RestoreCode(ada, "d".repeat(64), T0, T0.plusSeconds(1200), null, T0, 0)));

    assertThat(tx.inTransaction(() -> codes.deleteExpiredBefore(T0.plusSeconds(1200)))).isZero();
    assertThat(tx.inTransaction(() -> codes.deleteExpiredBefore(T0.plusSeconds(1201)))).isEqualTo(1);
    assertThat(tx.inTransaction(() -> codes.lock(ada))).isEmpty();
  }
}
