package dev.atrium.server;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what a GreenMail server received: the settings that point Atrium at it, and the mails to one address. */
public final class Mails {
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static final Pattern LINK = Pattern.compile("(https?://\\S+/api/v1/auth/verifyEmail\\?token=[A-Za-z0-9_-]+)");
  public static final String FROM = "Atrium <atrium@atrium.test>";

  private Mails() {}

  /** A setup on a free loopback port. */
  public static ServerSetup loopback() {
    return new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
  }

  /** The settings that send Atrium's mail to the GreenMail server: plain SMTP on loopback. */
  public static Map<String, String> settings(GreenMailOperations greenMail) {
    return settings(greenMail.getSmtp().getPort());
  }

  public static Map<String, String> settings(int port) {
    return Map.of("ATRIUM_SMTP_HOST", "127.0.0.1", "ATRIUM_SMTP_PORT", String.valueOf(port),
        "ATRIUM_SMTP_FROM", FROM, "ATRIUM_SMTP_STARTTLS", "false");
  }

  /** The mails received for the address, oldest first. */
  public static List<MimeMessage> to(GreenMailOperations greenMail, String address) {
    return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
  }

  /** Waits until the address has received {@code count} mails, and returns the last one. */
  public static MimeMessage awaitNth(GreenMailOperations greenMail, String address, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> to(greenMail, address).size() >= count);
    return to(greenMail, address).get(count - 1);
  }

  /** The plain-text part of a mail. */
  public static String text(MimeMessage mail) {
    try {
      Object content = mail.getContent();
      if (content instanceof MimeMultipart parts) {
        return (String) parts.getBodyPart(0).getContent();
      }
      return (String) content;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTML part of a mail with both. */
  public static String html(MimeMessage mail) {
    try {
      return (String) ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The six-digit code in a mail's text. */
  public static String code(MimeMessage mail) {
    return find(CODE, text(mail));
  }

  /** The verification link in a mail's text. */
  public static String link(MimeMessage mail) {
    return find(LINK, text(mail));
  }

  /** The token of a verification link. */
  public static String token(String link) {
    return link.substring(link.indexOf("token=") + "token=".length());
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no " + pattern + " in the mail:\n" + text);
    }
    return m.group(1);
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
