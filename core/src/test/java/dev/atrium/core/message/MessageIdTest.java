package dev.atrium.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageIdTest {
  @Test
  void aNewIdIs18BytesInUrlSafeBase64WithoutPadding() {
    String id = MessageId.random(new SplittableRandom(1));
    assertThat(id).hasSize(24).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(id)).hasSize(18);
  }

  @Test
  void theStandardAlphabetMeansTheSameMessage() {
    assertThat(MessageId.parse("ab+/ab+/ab+/ab+/ab+/ab+/")).isEqualTo("ab-_ab-_ab-_ab-_ab-_ab-_");
  }

  @Test
  void anythingElseIsInvalid() {
    assertThatThrownBy(() -> MessageId.parse("short")).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("'short' is not a message id (18 bytes in URL-safe base64)");
  }
}
