package dev.atrium.server;

import dev.atrium.core.mail.MailMessage;
import dev.atrium.core.mail.Mailer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * Sends mail through an SMTP server with Angus Mail: one connection per mail (the outbox sends few), 30-second
 * timeouts, and the server's certificate checked against its name whenever TLS is used. A recipient that the
 * server refuses for good (a 5xx reply to RCPT) or that is not an address is a permanent failure; everything
 * else is retried by the outbox.
 */
final class SmtpMailer implements Mailer {
  private static final String TIMEOUT_MS = "30000";

  private final Config.Smtp smtp;
  private final Session session;
  private final InternetAddress from;

  SmtpMailer(Config.Smtp smtp) {
    this.smtp = smtp;
    String protocol = smtp.security() == Config.Smtp.Security.TLS ? "smtps" : "smtp";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    String p = "mail." + protocol + ".";
    props.put(p + "host", smtp.host());
    props.put(p + "port", String.valueOf(smtp.port()));
    props.put(p + "connectiontimeout", TIMEOUT_MS);
    props.put(p + "timeout", TIMEOUT_MS);
    props.put(p + "writetimeout", TIMEOUT_MS);
    props.put(p + "auth", String.valueOf(smtp.user() != null));
    props.put(p + "ssl.checkserveridentity", "true");
    if (smtp.security() == Config.Smtp.Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    this.session = Session.getInstance(props);
    try {
      this.from = new InternetAddress(smtp.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("the configuration let an invalid sender through: " + smtp.from(), e);
    }
  }

  /** Whether the text is one email address, with a name or without (what ATRIUM_SMTP_FROM takes). */
  static boolean isAddress(String text) {
    try {
      new InternetAddress(text, true).validate();
      return true;
    } catch (AddressException e) {
      return false;
    }
  }

  @Override
  public void send(MailMessage message) throws Failure {
    MimeMessage mime = new MimeMessage(session);
    try {
      InternetAddress to;
      try {
        to = new InternetAddress(message.to(), true);
      } catch (AddressException e) {
        throw new Failure("not an address the server could take: " + message.to(), true);
      }
      mime.setFrom(from);
      mime.setRecipient(Message.RecipientType.TO, to);
      mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mime.setSentDate(new Date());
      if (message.html() == null) {
        mime.setText(message.text(), StandardCharsets.UTF_8.name());
      } else {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
        mime.setContent(new MimeMultipart("alternative", text, html));
      }
      if (smtp.user() != null) {
        Transport.send(mime, smtp.user(), smtp.password());
      } else {
        Transport.send(mime);
      }
    } catch (MessagingException e) {
      throw new Failure(describe(e), refusedForGood(e));
    }
  }

  /** A 5xx reply to the recipient: the server will not take this mail, however often it is asked. */
  private static boolean refusedForGood(MessagingException e) {
    for (Exception next = e; next != null;
        next = next instanceof MessagingException m ? m.getNextException() : null) {
      if (next instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
        return true;
      }
    }
    return false;
  }

  private static String describe(MessagingException e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
    Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
    if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage().strip())) {
      text.append(": ").append(cause.getMessage().strip());
    }
    return text.toString();
  }
}
