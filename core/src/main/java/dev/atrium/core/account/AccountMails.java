package dev.atrium.core.account;

import dev.atrium.core.mail.MailMessage;
import java.time.Duration;

/** The mails of the account flows, in plain text and HTML. */
final class AccountMails {
  private AccountMails() {}

  static MailMessage verification(String to, String link, Duration lifetime) {
    String text = """
        Hello,

        please confirm that this is your email address by opening this link:

        %s

        The link works for %s. If you did not ask for it, ignore this mail.
        """.formatted(link, describe(lifetime));
    String html = """
        <p>Hello,</p>
        <p>please confirm that this is your email address by opening this link:</p>
        <p><a href="%1$s">%1$s</a></p>
        <p>The link works for %2$s. If you did not ask for it, ignore this mail.</p>
        """.formatted(escape(link), describe(lifetime));
    return new MailMessage(to, "Verify your email address", text, html);
  }

  static MailMessage restoreCode(String to, String code, Duration lifetime) {
    String text = """
        Hello,

        your code to set a new password is:

            %s

        It works for %s. If you did not ask for it, ignore this mail: your password stays as it is.
        """.formatted(code, describe(lifetime));
    String html = """
        <p>Hello,</p>
        <p>your code to set a new password is:</p>
        <p style="font-size:1.5em;letter-spacing:0.2em"><b>%s</b></p>
        <p>It works for %s. If you did not ask for it, ignore this mail: your password stays as it is.</p>
        """.formatted(code, describe(lifetime));
    return new MailMessage(to, "Your code to set a new password", text, html);
  }

  /**
   * The code of a reset an administrator started: the user asked for nothing, so the mail says who did, and where
   * the code goes (the restore-by-code step of a client, the same as after "forgot password").
   */
  static MailMessage resetByAdministrator(String to, String code, Duration lifetime) {
    String text = """
        Hello,

        an administrator has started a password reset for your account. Your code to set a new password is:

            %s

        Enter it with this email address where you sign in, in the step that asks for the code sent to you after
        "forgot password". It works for %s; after that, ask for a new code there. Until you set a new password,
        your current one stays as it is.
        """.formatted(code, describe(lifetime));
    String html = """
        <p>Hello,</p>
        <p>an administrator has started a password reset for your account. Your code to set a new password is:</p>
        <p style="font-size:1.5em;letter-spacing:0.2em"><b>%s</b></p>
        <p>Enter it with this email address where you sign in, in the step that asks for the code sent to you after
        &quot;forgot password&quot;. It works for %s; after that, ask for a new code there. Until you set a new
        password, your current one stays as it is.</p>
        """.formatted(code, describe(lifetime));
    return new MailMessage(to, "Set a new password", text, html);
  }

  static String describe(Duration d) {
    if (d.toMinutes() % 60 != 0) {
      return d.toMinutes() + " minutes";
    }
    long hours = d.toHours();
    return hours == 1 ? "1 hour" : hours + " hours";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
