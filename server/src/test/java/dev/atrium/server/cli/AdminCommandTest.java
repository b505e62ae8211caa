package dev.atrium.server.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.server.Atrium;
import dev.atrium.server.Config;
import dev.atrium.server.Main;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atrium admin …} run in-process, as {@code java -jar atrium.jar admin …} runs it, against an H2 file
 * database in a temporary directory; what it did is read back through the services and over HTTP from the
 * server started afterwards on the same directory.
 */
class AdminCommandTest {
  static final String ADMIN_EMAIL = "admin@atrium.test";
  static final String ADMIN_PASSWORD = "admin-password-1";

  @TempDir Path dataDir;
  Map<String, String> env;
  long alice;
  long bob;

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  @BeforeEach
  void aDatabaseWithAnAdministratorAndThreeUsers() {
    env = new HashMap<>(Map.of(
        "ATRIUM_DATA_DIR", dataDir.toString(),
        "ATRIUM_ADMIN_EMAIL", ADMIN_EMAIL,
        "ATRIUM_ADMIN_PASSWORD", ADMIN_PASSWORD,
        "ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1",
        "ATRIUM_POD_ID", "103",
        "ATRIUM_PORT", "0",
        "ATRIUM_HOST", "127.0.0.1"));
    withServices(services -> {
      User admin = services.accounts().bootstrapAdmin(ADMIN_EMAIL, ADMIN_PASSWORD).orElseThrow();
      alice = create(services, admin, "alice");
      bob = create(services, admin, "bob");
      create(services, admin, "plain");
    });
  }

  private static long create(Atrium.Services services, User admin, String username) {
    return services.accounts().create(admin, new NewUser(username, username + "@example.test", Profile.EMPTY,
        AccountType.NORMAL, Set.of(Roles.INDIVIDUAL), new NewUser.Password.None(), false), List.of()).id();
  }

  private void withServices(Consumer<Atrium.Services> work) {
    try (Atrium.Services services = Atrium.Services.open(Config.from(env), InstantSource.system(),
        new SecureRandom())) {
      work.accept(services);
    }
  }

  private Run cli(String... args) {
    return cli(env, args);
  }

  private static Run cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new Main(env)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private String created(String... args) {
    Run run = cli(args);
    assertThat(run.code()).as("exit code of %s; stderr %s", List.of(args), run.err()).isZero();
    assertThat(run.lines()).hasSize(1);
    return run.out().strip();
  }

  @Test
  void groups_members_and_a_block_policy_made_on_the_command_line_hold_in_the_server() {
    String desk = created("admin", "group", "create", "--name", "Desk");
    String research = created("admin", "group", "create", "--name", "Research");
    assertThat(desk).matches("[0-9a-f]{24}");

    Run added = cli("admin", "group", "add", "--group", "desk", "--user", "alice");
    assertThat(added).isEqualTo(new Run(0, "Group Desk (" + desk + ") has 1 members\n", ""));
    // an id and an email that name the same user: one member
    assertThat(cli("admin", "group", "add", "--group", research, "--user", bob + ",bob@example.test").out())
        .isEqualTo("Group Research (" + research + ") has 1 members\n");
    String policy = created("admin", "policy", "create", "--type", "block", "--groups", "Desk," + research);

    assertThat(cli("admin", "group", "list").lines()).containsExactly(
        "id\tname\tactive\tmembers\tpolicies",
        desk + "\tDesk\ttrue\t1\t" + policy,
        research + "\tResearch\ttrue\t1\t" + policy);
    assertThat(cli("admin", "policy", "list").lines()).containsExactly(
        "id\ttype\tactive\tmembers\tgroups",
        policy + "\tBLOCK\ttrue\t2\t" + desk + "," + research);
    assertThat(cli("admin", "group", "members", "--group", "Desk").lines()).containsExactly(String.valueOf(alice));

    withServices(services -> {
      assertThatThrownBy(() -> services.barriers().requireMayMeet(alice, List.of(bob)))
          .isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("An information barrier separates user " + alice + " from user " + bob);
      User admin = services.users().byEmail(ADMIN_EMAIL).orElseThrow();
      AuditEntry last = services.audit().latest(1).getFirst();
      assertThat(last.actorId()).isEqualTo(admin.id());
      assertThat(last.action()).isEqualTo("barrier.policy.create");
      assertThat(last.target()).isEqualTo("policy:" + policy);
    });

    try (Atrium server = Atrium.start(Config.from(env))) {
      String token = given().baseUri("http://127.0.0.1:" + server.port()).contentType(ContentType.JSON)
          .body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)).post("/api/v1/auth/signin")
          .then().statusCode(200).extract().path("data.session_token");
      JsonPath groups = given().baseUri("http://127.0.0.1:" + server.port()).header("sessionToken", token)
          .get("/pod/v1/admin/group/list").then().statusCode(200).extract().jsonPath();
      assertThat(groups.getList("name")).containsExactly("Desk", "Research");
      assertThat(groups.getList("memberCount")).containsExactly(1, 1);
      assertThat(groups.getList("policies")).containsExactly(List.of(policy), List.of(policy));
      given().baseUri("http://127.0.0.1:" + server.port()).header("sessionToken", token)
          .get("/pod/v1/admin/group/" + desk + "/membership/list").then().statusCode(200)
          .body(org.hamcrest.Matchers.equalTo("[" + alice + "]"));
    }
  }

  @Test
  void a_membership_change_with_an_unknown_user_names_each_failure_and_changes_nothing() {
    String desk = created("admin", "group", "create", "--name", "Desk");
    long unknown = bob + 1_000;

    Run run = cli("admin", "group", "add", "--group", desk, "--user", "alice", String.valueOf(unknown), "bob");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).containsExactly(unknown + ": User " + unknown + " does not exist",
        "atrium: nothing changed");
    assertThat(cli("admin", "group", "members", "--group", desk).out()).isEmpty();
  }

  @Test
  void a_username_that_names_nobody_is_refused_before_anything_changes() {
    created("admin", "group", "create", "--name", "Desk");
    Run run = cli("admin", "group", "add", "--group", "Desk", "--user", "alice,nobody");
    assertThat(run).isEqualTo(new Run(1, "", "atrium: no user with the username or email nobody\n"));
    assertThat(cli("admin", "group", "members", "--group", "Desk").out()).isEmpty();
  }

  @Test
  void the_services_refusals_are_one_line_on_stderr_and_exit_code_1() {
    created("admin", "group", "create", "--name", "Desk");
    assertThat(cli("admin", "group", "create", "--name", "DESK"))
        .isEqualTo(new Run(1, "", "atrium: A group named Desk already exists\n"));
    assertThat(cli("admin", "group", "add", "--group", "Nowhere", "--user", "alice"))
        .isEqualTo(new Run(1, "", "atrium: Group Nowhere not found\n"));
    assertThat(cli("admin", "policy", "create", "--type", "BLOCK", "--groups", "Desk,Desk"))
        .isEqualTo(new Run(1, "", "atrium: A policy joins two different groups\n"));
    assertThat(cli("admin", "policy", "activate", "--policy", "nope"))
        .isEqualTo(new Run(1, "", "atrium: Policy nope not found\n"));
  }

  @Test
  void the_acting_user_is_named_with_as_and_must_be_an_administrator() {
    Run before = cli("admin", "--as", "plain", "group", "create", "--name", "Mine");
    Run after = cli("admin", "group", "create", "--name", "Mine", "--as", "plain@example.test");
    for (Run run : List.of(before, after)) {
      assertThat(run).isEqualTo(new Run(1, "",
          "atrium: The user lacks the required entitlement to perform this operation\n"));
    }
    assertThat(cli("admin", "--as", "nobody", "group", "list"))
        .isEqualTo(new Run(1, "", "atrium: no user nobody in the database; start the server once to create the"
            + " administrator, or name one with --as\n"));
    assertThat(cli("admin", "group", "list").lines()).containsExactly("id\tname\tactive\tmembers\tpolicies");
  }

  @Test
  void groups_and_policies_are_switched_off_and_on() {
    String desk = created("admin", "group", "create", "--name", "Desk");
    created("admin", "group", "create", "--name", "Research", "--inactive");
    String policy = created("admin", "policy", "create", "--type", "ALLOW", "--groups", "Desk,Research",
        "--inactive");

    assertThat(cli("admin", "group", "deactivate", "--group", "Desk").out())
        .isEqualTo("Group Desk (" + desk + ") is inactive\n");
    assertThat(cli("admin", "group", "activate", "--group", desk).out())
        .isEqualTo("Group Desk (" + desk + ") is active\n");
    assertThat(cli("admin", "policy", "activate", "--policy", policy).out())
        .isEqualTo("Policy " + policy + " (ALLOW) is active\n");
    assertThat(cli("admin", "policy", "list").lines()).element(1).asString().contains("\tALLOW\ttrue\t");
    assertThat(cli("admin", "policy", "deactivate", "--policy", policy).out())
        .isEqualTo("Policy " + policy + " (ALLOW) is inactive\n");
    assertThat(cli("admin", "group", "list").lines()).element(2).asString().contains("\tResearch\tfalse\t");
  }

  @Test
  void the_settings_are_the_servers_and_its_flags_come_before_or_after_the_command() {
    Map<String, String> noDataDir = new HashMap<>(env);
    noDataDir.remove("ATRIUM_DATA_DIR");
    created("admin", "group", "create", "--name", "Desk");
    assertThat(cli(noDataDir, "--data-dir", dataDir.toString(), "admin", "group", "list").lines()).hasSize(2);
    assertThat(cli(noDataDir, "admin", "group", "list", "--data-dir", dataDir.toString()).lines()).hasSize(2);

    Map<String, String> invalid = new HashMap<>(env);
    invalid.put("ATRIUM_POD_ID", "x");
    Run run = cli(invalid, "admin", "group", "list");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("atrium: invalid configuration:\n"
        + "ATRIUM_POD_ID must be an integer from 0 to 134217727, got 'x'\n");
  }

  @Test
  void the_admin_commands_read_the_configuration_file_named_by_flag_or_variable(@TempDir Path conf)
      throws java.io.IOException {
    created("admin", "group", "create", "--name", "Desk");
    Path file = java.nio.file.Files.writeString(conf.resolve("atrium.conf"), "# the server's settings\n"
        + "data-dir = " + dataDir + "\n"
        + "admin-email = " + ADMIN_EMAIL + "\n");
    Map<String, String> none = Map.of();

    assertThat(cli(none, "admin", "group", "list", "--config", file.toString()).lines()).hasSize(2);
    assertThat(cli(none, "--config", file.toString(), "admin", "group", "list").lines()).hasSize(2);
    assertThat(cli(Map.of("ATRIUM_CONFIG", file.toString()), "admin", "group", "list").lines()).hasSize(2);

    java.nio.file.Files.writeString(file, "data-dir=" + dataDir + "\npod-id=x\n");
    Run run = cli(none, "admin", "group", "list", "--config", file.toString());
    assertThat(run).isEqualTo(new Run(2, "", "atrium: invalid configuration:\n"
        + file + ":2: pod-id must be an integer from 0 to 134217727, got 'x'\n"));
  }

  @Test
  void an_empty_database_has_no_administrator_to_act_yet(@TempDir Path empty) {
    Map<String, String> fresh = new HashMap<>(env);
    fresh.put("ATRIUM_DATA_DIR", empty.toString());
    assertThat(cli(fresh, "admin", "policy", "list")).isEqualTo(new Run(1, "", "atrium: no user " + ADMIN_EMAIL
        + " in the database; start the server once to create the administrator, or name one with --as\n"));
  }

  @Test
  void a_missing_subcommand_or_option_is_a_usage_error() {
    Run run = cli("admin", "group");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required subcommand: create, list, members, add, remove, activate"
        + " or deactivate");
    run = cli("admin", "policy", "create", "--type", "DENY", "--groups", "a,b");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--type");
    assertThat(cli("admin", "group", "create").err()).startsWith("Missing required option: '--name=<name>'");
  }
}
