package dev.atrium.core.message;

import dev.atrium.core.error.AtriumException;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * MessageML as far as Atrium reads it: well-formed XML whose root is {@code messageML}; its plain text is
 * the text of every element, whitespace runs collapsed to one space. Doctypes and external entities are
 * refused, so a message cannot make the server read files or expand entities without end.
 */
public final class MessageMl {
  public static final int MAX_LENGTH = 80_000;

  private MessageMl() {}

  /** The plain text of the MessageML; anything else is {@code Invalid}. */
  public static String text(String messageMl) {
    if (messageMl.isBlank()) {
      throw AtriumException.invalid("message is required");
    }
    if (messageMl.length() > MAX_LENGTH) {
      throw AtriumException.invalid("message must be at most " + MAX_LENGTH + " characters long");
    }
    Document document;
    try {
      document = builder().parse(new InputSource(new StringReader(messageMl)));
    } catch (SAXException | IOException e) {
      throw AtriumException.invalid("message is not valid MessageML: it is not well-formed XML");
    }
    if (!"messageML".equals(document.getDocumentElement().getNodeName())) {
      throw AtriumException.invalid("message is not valid MessageML: the root element must be messageML");
    }
    return document.getDocumentElement().getTextContent().replaceAll("\\s+", " ").strip();
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
