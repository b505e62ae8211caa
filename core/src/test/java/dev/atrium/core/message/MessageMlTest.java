package dev.atrium.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import org.junit.jupiter.api.Test;

class MessageMlTest {
  @Test
  void thePlainTextIsEveryElementsText_withWhitespaceCollapsed() {
    assertThat(MessageMl.text("<messageML>Hello <b>world</b>,\n  <i>how</i>   are you?</messageML>"))
        .isEqualTo("Hello world, how are you?");
  }

  @Test
  void anXmlDeclarationIsAllowed() {
    assertThat(MessageMl.text("<?xml version=\"1.0\"?><messageML>hi</messageML>")).isEqualTo("hi");
  }

  @Test
  void xmlThatIsNotWellFormedIsInvalid() {
    assertThatThrownBy(() -> MessageMl.text("<messageML>Hello <b>world</messageML>"))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("message is not valid MessageML: it is not well-formed XML");
  }

  @Test
  void anotherRootElementIsInvalid() {
    assertThatThrownBy(() -> MessageMl.text("<div>hi</div>")).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("message is not valid MessageML: the root element must be messageML");
  }

  @Test
  void aDoctype_andSoAnyEntityDefinition_isRefused() {
    assertThatThrownBy(() -> MessageMl.text("<!DOCTYPE messageML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<messageML>&x;</messageML>")).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("message is not valid MessageML: it is not well-formed XML");
  }

  @Test
  void anEmptyMessageIsRequired() {
    assertThatThrownBy(() -> MessageMl.text("  ")).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("message is required");
  }

  @Test
  void nestingAsDeepAsTheLengthAllows_isRefusedAsInvalid_whileFiftyLevelsAreRead() {
    assertThat(MessageMl.text(nested(50))).isEqualTo("x");
    int depth = (MessageMl.MAX_LENGTH - 30) / 7;
    assertThat(nested(depth).length()).isLessThanOrEqualTo(MessageMl.MAX_LENGTH);
    // The JDK's parser, in secure processing, refuses such depth before anything walks the tree.
    assertThatThrownBy(() -> MessageMl.text(nested(depth))).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("message is not valid MessageML: it is not well-formed XML");
  }

  private static String nested(int depth) {
    return "<messageML>" + "<b>".repeat(depth) + "x" + "</b>".repeat(depth) + "</messageML>";
  }

  @Test
  void theTextOfElementsIsJoinedInDocumentOrder() {
    assertThat(MessageMl.text("<messageML><p>a<b>b<i>c</i></b>d</p><ul><li>e</li></ul>f</messageML>"))
        .isEqualTo("abcdef");
  }

  @Test
  void anElementOutsideTheWhitelist_isNamed_evenDeepInside() {
    assertThatThrownBy(() -> MessageMl.text("<messageML><p><b><style>*{}</style></b></p></messageML>"))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("Invalid MessageML content at element \"style\"");
  }

  @Test
  void fromPlainText_escapesEveryMarkupCharacter_soTheTextComesBackUnchanged() {
    String text = "a < b && c > \"d\" 'e' <script>alert(1)</script> &amp; <![CDATA[x]]> <!-- c -->";
    String messageMl = MessageMl.fromPlainText(text);
    assertThat(messageMl).startsWith("<messageML>").doesNotContain("<script").doesNotContain("<!");
    assertThat(MessageMl.text(messageMl)).isEqualTo(text);
    assertThat(MessageMl.plainText(messageMl)).isEqualTo(text);
  }

  @Test
  void fromPlainText_keepsLineBreaksAsBr_andPlainTextGivesThemBack() {
    String messageMl = MessageMl.fromPlainText("one\r\ntwo\rthree\n  four");
    assertThat(messageMl).isEqualTo("<messageML>one<br/>two<br/>three<br/>  four</messageML>");
    assertThat(MessageMl.plainText(messageMl)).isEqualTo("one\ntwo\nthree\n  four");
  }

  @Test
  void fromPlainText_refusesWhatXmlCannotCarry_butKeepsEmojiAndTabs() {
    assertThat(MessageMl.plainText(MessageMl.fromPlainText("tab\there \uD83D\uDE00"))).isEqualTo("tab\there \uD83D\uDE00");
    for (String bad : new String[] {"bell\u0007", "nul\u0000", "lone \uD83D surrogate", "\uFFFF"}) {
      assertThatThrownBy(() -> MessageMl.fromPlainText(bad)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("message must not contain control characters");
    }
  }

  @Test
  void plainText_endsALineAfterEachBlock_andKeepsInlineTextTogether() {
    assertThat(MessageMl.plainText("<messageML><p>Hello <b>there</b></p><p>second &amp; last</p></messageML>"))
        .isEqualTo("Hello there\nsecond & last");
    assertThat(MessageMl.plainText("<messageML><ul><li>one</li><li>two</li></ul>after</messageML>"))
        .isEqualTo("one\ntwo\nafter");
    assertThatThrownBy(() -> MessageMl.plainText("<messageML><script>x</script></messageML>"))
        .isInstanceOf(AtriumException.Invalid.class);
  }
}
