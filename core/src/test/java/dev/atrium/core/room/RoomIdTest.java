package dev.atrium.core.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoomIdTest {
  @Test
  void aNewIdIs25BytesInUrlSafeBase64WithoutPadding() {
    String id = RoomId.random(new SplittableRandom(1));
    assertThat(id).hasSize(34).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(id)).hasSize(25);
  }

  @Test
  void theUrlSafeFormIsTheNormalForm() {
    assertThat(RoomId.parse("xhGxbTcvTDK6EIMMrwdOrX___quztr2HdA")).isEqualTo("xhGxbTcvTDK6EIMMrwdOrX___quztr2HdA");
  }

  @Test
  void theStandardFormWithPaddingMeansTheSameRoom() {
    // The pair documented by Symphony (overview-of-streams): the same stream in both alphabets.
    assertThat(RoomId.parse("lX1hwfmQ+AK/k/a/BB0y2n///q2+0KfbdA==")).isEqualTo("lX1hwfmQ-AK_k_a_BB0y2n___q2-0KfbdA");
    assertThat(RoomId.parse("lX1hwfmQ-AK_k_a_BB0y2n___q2-0KfbdA==")).isEqualTo("lX1hwfmQ-AK_k_a_BB0y2n___q2-0KfbdA");
  }

  @Test
  void anythingElseIsRefusedWithAMessageNamingIt() {
    for (String bad : new String[] {"", "abc", "xhGxbTcvTDK6EIMMrwdOrX___quztr2HdAAA", "xhGxbTcvTDK6EIMMrwdOrX___quztr2Hd!",
        "not a stream id at all, not at all", "xhGxbTcvTDK6EIMMrwdOrX___quztr2HdB"}) {
      assertThatThrownBy(() -> RoomId.parse(bad)).as(bad).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("'" + bad + "' is not a room id (25 bytes in URL-safe base64)");
    }
  }
}
