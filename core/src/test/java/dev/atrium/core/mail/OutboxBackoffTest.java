package dev.atrium.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxBackoffTest {
  @Test
  void backoff_doublesFromThirtySeconds_upToAnHour() {
    assertThat(Outbox.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Outbox.backoff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Outbox.backoff(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Outbox.backoff(7)).isEqualTo(Duration.ofMinutes(32));
    assertThat(Outbox.backoff(8)).isEqualTo(Duration.ofHours(1));
    assertThat(Outbox.backoff(1_000)).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> Outbox.backoff(0)).isInstanceOf(AtriumException.Invalid.class);
  }

  @Test
  void aMailMessage_needsOneAddress_aOneLineSubject_andAText() {
    assertThat(new MailMessage("a@b.c", "Hi", "Hello", null).html()).isNull();
    assertThatThrownBy(() -> new MailMessage("a@b.c, d@e.f", "Hi", "Hello", null))
        .hasMessage("A mail needs one recipient address, got 'a@b.c, d@e.f'");
    assertThatThrownBy(() -> new MailMessage("a@b.c", "Hi\r\nBcc: x@y.z", "Hello", null))
        .hasMessage("A mail's subject must be one line of 1 to 998 characters");
    assertThatThrownBy(() -> new MailMessage("a@b.c", "Hi", "", null))
        .hasMessage("A mail's text must be 1 to 100000 characters long");
    assertThatThrownBy(() -> new MailMessage("a@b.c", "Hi", "Hello", "x".repeat(100_001)))
        .hasMessage("A mail's HTML must be at most 100000 characters long");
  }
}
