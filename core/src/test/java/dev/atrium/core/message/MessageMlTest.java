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
}
