package dev.atrium.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.server.Atrium;
import dev.atrium.server.Config;
import dev.atrium.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atrium admin outbox list}, run in-process on an H2 file database with no SMTP server configured. */
class OutboxCommandTest {
  static final String ADMIN_EMAIL = "admin@atrium.test";

  @TempDir Path dataDir;
  Map<String, String> env;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void aDatabaseWithTwoKeptMails() {
    env = Map.of("ATRIUM_DATA_DIR", dataDir.toString(), "ATRIUM_ADMIN_EMAIL", ADMIN_EMAIL,
        "ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1", "ATRIUM_PUBLIC_URL", "https://atrium.example.org");
    withServices(services -> {
      User admin = services.accounts().bootstrapAdmin(ADMIN_EMAIL, "admin-password-1").orElseThrow();
      services.accounts().create(admin, new NewUser("ops", "ops@atrium.test", Profile.EMPTY, AccountType.NORMAL,
          Set.of(Roles.ADMINISTRATOR), new NewUser.Password.None(), false), List.of());
      services.verification().request("first@example.org");
      services.verification().request("second@example.org");
    });
  }

  private void withServices(Consumer<Atrium.Services> work) {
    try (Atrium.Services services = Atrium.Services.open(Config.from(env), InstantSource.system(),
        new SecureRandom())) {
      work.accept(services);
    }
  }

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new Main(env)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void list_printsTheNewestMailsFirst_withTheirText() {
    Run run = cli("admin", "outbox", "list", "--limit", "1");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.getFirst()).isEqualTo("id\tstatus\tattempts\tcreated\tto\tsubject");
    assertThat(lines.get(1)).matches("\\d+\tLOCAL\t0\t\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\tsecond@example.org\t"
        + "Verify your email address");
    assertThat(lines).anyMatch(l -> l.matches(
        "    https://atrium\\.example\\.org/api/v1/auth/verifyEmail\\?token=[A-Za-z0-9_-]{43}"));
    assertThat(run.out()).doesNotContain("first@example.org");
    assertThat(cli("admin", "outbox", "list").out()).contains("first@example.org", "second@example.org");
  }

  @Test
  void onlyASuperAdministratorReadsIt_andABadLimitIsRefused() {
    Run ops = cli("admin", "outbox", "list", "--as", "ops");
    assertThat(ops).isEqualTo(new Run(1, "", "atrium: Only a SUPER_ADMINISTRATOR can read the mail outbox\n"));

    Run zero = cli("admin", "outbox", "list", "--limit", "0");
    assertThat(zero).isEqualTo(new Run(1, "", "atrium: limit must be from 1 to 1000, got 0\n"));

    Run bare = cli("admin", "outbox");
    assertThat(bare.code()).isEqualTo(2);
    assertThat(bare.err()).startsWith("Missing required subcommand: list");
  }
}
