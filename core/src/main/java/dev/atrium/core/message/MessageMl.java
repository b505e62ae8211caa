package dev.atrium.core.message;

import dev.atrium.core.error.AtriumException;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * MessageML as far as Atrium reads it: well-formed XML whose root is {@code messageML}; its plain text is
 * the text of every element, whitespace runs collapsed to one space. Doctypes and external entities are
 * refused, so a message cannot make the server read files or expand entities without end.
 *
 * <p>Every element and attribute must be one of Symphony's MessageML (its tag and attribute whitelist, below),
 * refused otherwise in the words of Symphony's parser ({@code Invalid MessageML content at element "script"},
 * {@code Attribute "onerror" is not allowed in "img"}). A message is shown to other people as PresentationML, so
 * nothing that a browser would run may pass: no {@code script}, {@code iframe} or {@code on*} handler, no URL
 * whose scheme is not http, https, ftp or mailto ({@code javascript:} in any case, with spaces, control
 * characters or character references), and no {@code style} that loads or runs anything.
 */
public final class MessageMl {
  public static final int MAX_LENGTH = 80_000;

  /** The attributes every element but {@code messageML} may carry. */
  private static final Set<String> COMMON = Set.of("class", "style");
  private static final Set<String> FIELD = Set.of("name", "label", "title", "required", "placeholder");
  /** Symphony's MessageML elements and the attributes each may carry besides {@link #COMMON}. */
  private static final Map<String, Set<String>> ELEMENTS = elements();
  /** Attributes whose value is a URL. */
  private static final Set<String> URLS = Set.of("href", "src", "iconSrc", "data-icon-src");
  private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "mailto");
  /** What no {@code style} may contain, spaces and case aside: it would load or run something. */
  private static final Pattern UNSAFE_STYLE = Pattern.compile("url\\(|expression\\(|javascript:|@import|behavior:");

  private static Map<String, Set<String>> elements() {
    Map<String, Set<String>> e = new HashMap<>();
    for (String plain : List.of("p", "b", "i", "strong", "em", "u", "sub", "sup", "br", "hr", "pre", "code", "ul",
        "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "chime", "header",
        "body", "footer")) {
      e.put(plain, Set.of());
    }
    e.put("div", Set.of("data-entity-id", "data-icon-src", "data-accent-color"));
    e.put("span", Set.of("data-entity-id", "tooltip"));
    e.put("td", Set.of("rowspan", "colspan"));
    e.put("th", Set.of("rowspan", "colspan"));
    e.put("a", Set.of("href", "tooltip"));
    e.put("img", Set.of("src", "width", "height"));
    e.put("card", Set.of("iconSrc", "accent"));
    e.put("expandable-card", Set.of("state", "variant"));
    e.put("mention", Set.of("uid", "email", "strict"));
    e.put("hash", Set.of("tag"));
    e.put("cash", Set.of("tag"));
    e.put("emoji", Set.of("shortcode", "family", "size"));
    e.put("form", Set.of("id", "multi-submit"));
    e.put("button", Set.of("name", "type", "icon", "title"));
    e.put("text-field", with(FIELD, "masked", "minlength", "maxlength", "pattern", "pattern-error-message",
        "auto-submit"));
    e.put("textarea", with(FIELD, "minlength", "maxlength", "pattern", "pattern-error-message"));
    e.put("checkbox", Set.of("name", "value", "checked"));
    e.put("radio", Set.of("name", "value", "checked"));
    e.put("select", with(FIELD, "data-placeholder", "multiple", "min", "max", "auto-submit"));
    e.put("option", Set.of("value", "selected"));
    e.put("person-selector", with(FIELD, "value"));
    e.put("room-selector", with(FIELD, "value"));
    e.put("date-selector", Set.of("name", "placeholder", "required"));
    e.put("date-picker", with(FIELD, "value", "min", "max", "disabled-date", "highlighted-date", "format"));
    e.put("time-picker", with(FIELD, "value", "min", "max", "disabled-time", "format", "step"));
    e.put("timezone-picker", with(FIELD, "value", "values", "disabled-timezone"));
    e.put("label", Set.of("for"));
    e.put("ui-action", Set.of("action", "trigger", "target-id", "open-im", "user-ids", "side-collapse"));
    e.put("dialog", Set.of("id", "width", "state"));
    return Map.copyOf(e);
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> all = new HashSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  private MessageMl() {}

  /** The plain text of the MessageML; anything else is {@code Invalid}. */
  public static String text(String messageMl) {
    if (messageMl.isBlank()) {
      throw AtriumException.invalid("message is required");
    }
    if (messageMl.length() > MAX_LENGTH) {
      throw AtriumException.invalid("message must be at most " + MAX_LENGTH + " characters long");
    }
    Document document = parse(messageMl);
    Element root = document.getDocumentElement();
    if (!"messageML".equals(root.getNodeName())) {
      throw AtriumException.invalid("message is not valid MessageML: the root element must be messageML");
    }
    if (root.getAttributes().getLength() > 0) {
      refuseAttribute(root, root.getAttributes().item(0).getNodeName());
    }
    // In document order without recursion: nesting as deep as the length allows must not exhaust the stack.
    StringBuilder text = new StringBuilder();
    Node node = root.getFirstChild();
    while (node != null) {
      switch (node.getNodeType()) {
        case Node.ELEMENT_NODE -> check((Element) node);
        case Node.TEXT_NODE -> text.append(node.getNodeValue());
        // HTML reads these otherwise than XML (a CDATA section ends at its first '>'), so none is shown.
        case Node.CDATA_SECTION_NODE, Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE ->
            throw AtriumException.invalid("message is not valid MessageML: comments, CDATA sections and processing"
                + " instructions are not allowed");
        default -> { }
      }
      node = next(root, node);
    }
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  /**
   * The MessageML of a plain text, as a client without markup sends it (Rocket.Chat's {@code msg}): every character
   * that XML gives a meaning ({@code < > & " '}) escaped, each line break a {@code <br/>}, and characters XML 1.0
   * cannot carry (control characters other than tab and line breaks, lone surrogates) refused. {@link #plainText}
   * gives the text back.
   */
  public static String fromPlainText(String text) {
    StringBuilder out = new StringBuilder(text.length() + 32).append("<messageML>");
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\n' -> out.append("<br/>");
        default -> {
          boolean pair = Character.isHighSurrogate(c) && i + 1 < normalised.length()
              && Character.isLowSurrogate(normalised.charAt(i + 1));
          if (pair) {
            out.append(c).append(normalised.charAt(++i));
          } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t') || c == 0xFFFE || c == 0xFFFF) {
            throw AtriumException.invalid("message must not contain control characters");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append("</messageML>").toString();
  }

  private static Document parse(String messageMl) {
    try {
      return builder().parse(new InputSource(new StringReader(messageMl)));
    } catch (SAXException | IOException e) {
      throw AtriumException.invalid("message is not valid MessageML: it is not well-formed XML");
    }
  }

  /**
   * The text of a MessageML as a plain-text client shows it: the text of every element as written (whitespace
   * kept), a line break for each {@code <br/>} and after each paragraph, list item, row, heading or block, leading
   * and trailing whitespace stripped. The MessageML must be valid ({@link #text} checks it), as every stored one is.
   */
  public static String plainText(String messageMl) {
    text(messageMl);
    Document document = parse(messageMl);
    Element root = document.getDocumentElement();
    StringBuilder text = new StringBuilder();
    Node node = root.getFirstChild();
    while (node != null) {
      if (node.getNodeType() == Node.TEXT_NODE) {
        text.append(node.getNodeValue());
      } else if (node.getNodeType() == Node.ELEMENT_NODE && "br".equals(node.getNodeName())) {
        text.append('\n');
      }
      Node next = next(root, node);
      // after the last node inside a block element, end its line
      for (Node at = node; at != root && (next == null || !isAncestor(at, next)); at = at.getParentNode()) {
        if (at.getNodeType() == Node.ELEMENT_NODE && BLOCKS.contains(at.getNodeName())
            && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
          text.append('\n');
        }
      }
      node = next;
    }
    return text.toString().strip();
  }

  private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
      "pre", "header", "footer", "card", "table");

  private static boolean isAncestor(Node ancestor, Node node) {
    for (Node at = node; at != null; at = at.getParentNode()) {
      if (at == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The node after this one in document order, below {@code root}; null after the last. */
  private static @Nullable Node next(Node root, Node node) {
    if (node.getFirstChild() != null) {
      return node.getFirstChild();
    }
    Node at = node;
    while (at != root) {
      if (at.getNextSibling() != null) {
        return at.getNextSibling();
      }
      at = at.getParentNode();
    }
    return null;
  }

  private static void check(Element element) {
    Set<String> allowed = ELEMENTS.get(element.getNodeName());
    if (allowed == null) {
      throw AtriumException.invalid("Invalid MessageML content at element \"" + element.getNodeName() + "\"");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      String name = attribute.getNodeName();
      if (!allowed.contains(name) && !COMMON.contains(name)) {
        refuseAttribute(element, name);
      }
      String value = squeezed(attribute.getNodeValue());
      if (URLS.contains(name)) {
        checkUrl(element, name, value);
      } else if (value.contains("javascript:") || value.contains("vbscript:")) {
        throw AtriumException.invalid("Attribute \"" + name + "\" of \"" + element.getNodeName()
            + "\" must not hold a script");
      } else if (name.equals("style") && UNSAFE_STYLE.matcher(value).find()) {
        throw AtriumException.invalid("Attribute \"style\" of \"" + element.getNodeName()
            + "\" must not load or run anything (url(), expression(), @import)");
      }
    }
  }

  private static void refuseAttribute(Element element, String attribute) {
    throw AtriumException.invalid("Attribute \"" + attribute + "\" is not allowed in \"" + element.getNodeName()
        + "\"");
  }

  /** An absolute URL with an allowed scheme; a browser reads {@code java script:} as its scheme too. */
  private static void checkUrl(Element element, String attribute, String squeezed) {
    int colon = squeezed.indexOf(':');
    String scheme = colon < 0 ? "" : squeezed.substring(0, colon);
    if (!SCHEMES.contains(scheme)) {
      throw AtriumException.invalid("Attribute \"" + attribute + "\" of \"" + element.getNodeName()
          + "\" must be an absolute http, https, ftp or mailto URL");
    }
  }

  /**
   * The value lower-cased without whitespace and control characters, as a browser reads a URL's scheme: the XML
   * parser has already replaced character references, so {@code &#106;ava&#x09;script:} arrives as
   * {@code java\tscript:} and is read as {@code javascript:}.
   */
  private static String squeezed(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c)
        && Character.getType(c) != Character.FORMAT).map(Character::toLowerCase).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
