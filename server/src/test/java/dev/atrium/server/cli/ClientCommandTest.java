package dev.atrium.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.client.ApiClient;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atrium admin client create|list|revoke}, run in-process on an H2 file database. */
class ClientCommandTest {
  static final String ADMIN_EMAIL = "admin@atrium.test";
  static final Pattern CREATED = Pattern.compile(
      "client id:     ([A-Za-z0-9]{24})\nclient secret: ([A-Za-z0-9_-]{43})\n"
          + "The secret is shown this once and stored only as a hash: keep it now\\.\n");

  @TempDir Path dataDir;
  Map<String, String> env;

  record Run(int code, String out, String err) {}

  record Created(String id, String secret) {}

  @BeforeEach
  void aDatabaseWithASuperAdministratorAndAnAdministrator() {
    env = Map.of("ATRIUM_DATA_DIR", dataDir.toString(), "ATRIUM_ADMIN_EMAIL", ADMIN_EMAIL,
        "ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1");
    withServices(services -> {
      User admin = services.accounts().bootstrapAdmin(ADMIN_EMAIL, "admin-password-1").orElseThrow();
      services.accounts().create(admin, new NewUser("ops", "ops@atrium.test", Profile.EMPTY, AccountType.NORMAL,
          Set.of(Roles.ADMINISTRATOR), new NewUser.Password.None(), false), List.of());
      return admin;
    });
  }

  private <T> T withServices(Function<Atrium.Services, T> work) {
    try (Atrium.Services services = Atrium.Services.open(Config.from(env), InstantSource.system(),
        new SecureRandom())) {
      return work.apply(services);
    }
  }

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new Main(env)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Created create(String name) {
    Run run = cli("admin", "client", "create", "--name", name);
    assertThat(run.code()).as(run.err()).isZero();
    Matcher m = CREATED.matcher(run.out());
    assertThat(m.matches()).as(run.out()).isTrue();
    return new Created(m.group(1), m.group(2));
  }

  private String rows() {
    return withServices(s -> s.database().dsl().fetch("select * from api_client").formatCSV());
  }

  private Optional<ApiClient> verify(Created c) {
    return withServices(s -> s.clients().verify(c.id(), c.secret()));
  }

  @Test
  void create_printsTheIdAndTheSecretOnce_andListShowsNoSecret() {
    Created acme = create("Acme integration");
    Created other = create("Other");

    Run list = cli("admin", "client", "list");
    assertThat(list.code()).as(list.err()).isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines.getFirst()).isEqualTo("id\tname\tcreated\tcreatedBy\trevoked");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith(other.id() + "\tOther\t");
    assertThat(lines.get(2)).matches(acme.id() + "\tAcme integration\t\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\t\\d+\t-");
    assertThat(list.out()).doesNotContain(acme.secret()).doesNotContain(other.secret());
    assertThat(rows()).contains(acme.id()).doesNotContain(acme.secret());
    assertThat(verify(acme)).map(ApiClient::name).contains("Acme integration");
  }

  @Test
  void revoke_isIdempotent_andARevokedClientNoLongerVerifies() {
    Created acme = create("Acme integration");

    Run first = cli("admin", "client", "revoke", acme.id());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).matches(acme.id() + " revoked at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n");
    Run second = cli("admin", "client", "revoke", acme.id());
    assertThat(second).isEqualTo(first);
    String revokedAt = first.out().substring(first.out().lastIndexOf(' ') + 1).strip();
    assertThat(cli("admin", "client", "list").out().lines().toList().get(1)).endsWith("\t" + revokedAt);
    assertThat(verify(acme)).isEmpty();

    assertThat(cli("admin", "client", "revoke", "NoSuchClient0000000000000"))
        .isEqualTo(new Run(1, "", "atrium: API client NoSuchClient0000000000000 not found\n"));
  }

  @Test
  void anAdministratorWhoIsNotSuperIsRefused_andABadNameOrUsageChangesNothing() {
    Created kept = create("Kept");
    String before = rows();
    Run refused = new Run(1, "", "atrium: The user lacks the required entitlement to perform this operation\n");

    assertThat(cli("admin", "client", "create", "--name", "Intruder", "--as", "ops")).isEqualTo(refused);
    assertThat(cli("admin", "client", "list", "--as", "ops")).isEqualTo(refused);
    assertThat(cli("admin", "client", "revoke", kept.id(), "--as", "ops")).isEqualTo(refused);
    assertThat(cli("admin", "client", "create", "--name", "  ")).isEqualTo(new Run(1, "",
        "atrium: name must be 1 to 100 characters, without control characters\n"));
    assertThat(cli("admin", "client", "create").code()).isEqualTo(2);
    Run bare = cli("admin", "client");
    assertThat(bare.code()).isEqualTo(2);
    assertThat(bare.err()).startsWith("Missing required subcommand: create, list or revoke");
    assertThat(rows()).isEqualTo(before);
    assertThat(verify(kept)).isPresent();
  }
}
