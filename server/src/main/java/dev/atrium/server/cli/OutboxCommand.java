package dev.atrium.server.cli;

import dev.atrium.core.mail.OutboxMail;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atrium admin outbox …}: the mail the server sent, is sending, or keeps because no SMTP server is set. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
    description = "The mail outbox: what was sent, what waits, and what is kept without an SMTP server.")
final class OutboxCommand implements Runnable {
  @ParentCommand @Nullable AdminCommand admin;
  @Spec @Nullable CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec().commandLine(), "Missing required subcommand: list");
  }

  @Command(name = "list", description = "Prints the newest mails, newest first: a header line each (id, status,"
      + " attempts, created, recipient, subject), then the last error and the text, indented.")
  int list(@Option(names = "--limit", defaultValue = "20", paramLabel = "N",
      description = "how many mails (1 to 1000, default 20)") int limit) {
    List<OutboxMail> mails = admin().run((services, actor) -> services.outbox().latest(actor, limit));
    PrintWriter out = admin().out();
    out.println("id\tstatus\tattempts\tcreated\tto\tsubject");
    for (OutboxMail m : mails) {
      out.println(m.id() + "\t" + m.status() + "\t" + m.attempts() + "\t" + m.createdAt() + "\t" + m.message().to()
          + "\t" + m.message().subject());
      if (m.lastError() != null) {
        out.println("    last error: " + m.lastError());
      }
      m.message().text().lines().forEach(line -> out.println(line.isEmpty() ? "" : "    " + line));
    }
    return 0;
  }

  private AdminCommand admin() {
    if (admin == null) {
      throw new IllegalStateException("the outbox command runs under the admin command");
    }
    return admin;
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    return spec;
  }
}
