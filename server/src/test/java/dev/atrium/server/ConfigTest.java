package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    return Files.writeString(dir.resolve("atrium.conf"), String.join("\n", lines) + "\n");
  }
  @Test
  void an_empty_environment_gives_the_documented_defaults() {
    Config config = Config.from(Map.of());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.dbUrl()).isNull();
    assertThat(config.adminEmail()).isEqualTo("admin@atrium.local");
    assertThat(config.adminPassword()).isNull();
    assertThat(config.podId()).isEqualTo(1);
    assertThat(config.publicUrl(8080)).isEqualTo("http://localhost:8080");
    assertThat(config.passwordHash()).isEqualTo(new Argon2Hasher.Cost(19_456, 2, 1));
    assertThat(config.presenceTtl()).isEqualTo(java.time.Duration.ofMinutes(60));
    assertThat(config.facebook()).isNull();
    assertThat(config.readyPlayerMe()).isNull();
  }

  @Test
  void facebook_and_ready_player_me_are_configured_by_their_pairs_of_credentials() {
    Config config = Config.from(Map.of(
        "ATRIUM_FACEBOOK_APP_ID", "138483919580948",
        "ATRIUM_FACEBOOK_APP_SECRET", "0123456789abcdef0123456789ABCDEF",
        "ATRIUM_RPM_API_KEY", "sk_live_abcdefgh",
        "ATRIUM_RPM_PARTNER", "atrium-demo",
        "ATRIUM_RPM_API_URL", "http://127.0.0.1:9000/"));

    assertThat(config.facebook()).isEqualTo(new Config.FacebookApp("138483919580948",
        "0123456789abcdef0123456789ABCDEF", URI.create("https://graph.facebook.com/v25.0")));
    assertThat(config.readyPlayerMe()).isEqualTo(new Config.ReadyPlayerMeApp("sk_live_abcdefgh", "atrium-demo",
        URI.create("http://127.0.0.1:9000")));
    // what a log line of the settings would show
    assertThat(config.toString()).doesNotContain("0123456789abcdef").doesNotContain("sk_live_abcdefgh")
        .contains("appSecret=(hidden)", "apiKey=(hidden)");
  }

  @Test
  void the_graph_url_names_a_version_and_replaces_the_default() {
    Config config = Config.from(Map.of(
        "ATRIUM_FACEBOOK_APP_ID", "138483919580948",
        "ATRIUM_FACEBOOK_APP_SECRET", "0123456789abcdef0123456789abcdef",
        "ATRIUM_FACEBOOK_GRAPH_URL", "http://127.0.0.1:9000/v19.0/"));

    assertThat(Objects.requireNonNull(config.facebook()).graphUrl())
        .isEqualTo(URI.create("http://127.0.0.1:9000/v19.0"));
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_FACEBOOK_GRAPH_URL", "https://graph.facebook.com")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_FACEBOOK_GRAPH_URL must end with a Graph API version such as /v25.0, got"
            + " 'https://graph.facebook.com'");
  }

  @Test
  void provider_settings_are_checked_and_secrets_never_repeated() {
    String badSecret = "not-the-secret-but-a-client-token";
    String badKey = "short";
    assertThatThrownBy(() -> Config.from(Map.of(
        "ATRIUM_FACEBOOK_APP_ID", "my-app",
        "ATRIUM_FACEBOOK_APP_SECRET", badSecret,
        "ATRIUM_FACEBOOK_GRAPH_URL", "ftp://graph.facebook.com/v25.0",
        "ATRIUM_RPM_API_KEY", badKey,
        "ATRIUM_RPM_PARTNER", "-demo",
        "ATRIUM_RPM_API_URL", "https://user:pass@api.readyplayer.me")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            "ATRIUM_FACEBOOK_GRAPH_URL must be an http or https URL without query or credentials, got"
                + " 'ftp://graph.facebook.com/v25.0'",
            "ATRIUM_FACEBOOK_APP_ID must be the app's numeric id, got 'my-app'",
            "ATRIUM_FACEBOOK_APP_SECRET must be the app secret, 32 hexadecimal digits (value not shown)",
            "ATRIUM_RPM_API_URL must be an http or https URL without query or credentials, got a value with"
                + " credentials (not shown)",
            "ATRIUM_RPM_API_KEY must be 8 to 512 characters without spaces (value not shown)",
            "ATRIUM_RPM_PARTNER must be the application's Ready Player Me subdomain (letters, digits and inner"
                + " '-'), got '-demo'"));
  }

  @Test
  void half_a_pair_of_provider_credentials_is_refused() {
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_FACEBOOK_APP_ID", "138483919580948",
        "ATRIUM_RPM_API_KEY", "sk_live_abcdefgh")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_FACEBOOK_APP_SECRET must be set with ATRIUM_FACEBOOK_APP_ID\n"
            + "ATRIUM_RPM_PARTNER must be set with ATRIUM_RPM_API_KEY");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_FACEBOOK_APP_SECRET", "0123456789abcdef0123456789abcdef",
        "ATRIUM_RPM_PARTNER", "atrium-demo")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_FACEBOOK_APP_ID must be set with ATRIUM_FACEBOOK_APP_SECRET\n"
            + "ATRIUM_RPM_API_KEY must be set with ATRIUM_RPM_PARTNER");
  }

  @Test
  void the_presence_lifetime_is_read_in_minutes_from_one_minute_to_a_week() {
    assertThat(Config.from(Map.of("ATRIUM_PRESENCE_TTL_MINUTES", "5")).presenceTtl())
        .isEqualTo(java.time.Duration.ofMinutes(5));
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_PRESENCE_TTL_MINUTES", "0")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_PRESENCE_TTL_MINUTES must be an integer from 1 to 10080, got '0'");
  }

  @Test
  void the_bounds_have_defaults_and_are_read_as_whole_numbers_in_their_ranges() {
    assertThat(Config.from(Map.of()).bounds()).isEqualTo(new Config.Bounds(32, 128, 1000,
        java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30)));
    assertThat(Config.from(Map.of("ATRIUM_SOCKETS_PER_SESSION", "2", "ATRIUM_SOCKETS_PER_USER", "3",
        "ATRIUM_SOCKET_QUEUE", "4", "ATRIUM_HEADER_TIMEOUT", "5", "ATRIUM_IDLE_TIMEOUT", "6")).bounds())
        .isEqualTo(new Config.Bounds(2, 3, 4, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(6)));
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_SOCKETS_PER_SESSION", "0", "ATRIUM_SOCKETS_PER_USER", "many",
        "ATRIUM_SOCKET_QUEUE", "-1", "ATRIUM_HEADER_TIMEOUT", "10s", "ATRIUM_IDLE_TIMEOUT", "0")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            "ATRIUM_SOCKETS_PER_SESSION must be an integer from 1 to 100000, got '0'",
            "ATRIUM_SOCKETS_PER_USER must be an integer from 1 to 100000, got 'many'",
            "ATRIUM_SOCKET_QUEUE must be an integer from 1 to 1000000, got '-1'",
            "ATRIUM_HEADER_TIMEOUT must be an integer from 1 to 3600, got '10s'",
            "ATRIUM_IDLE_TIMEOUT must be an integer from 1 to 86400, got '0'"));
  }

  @Test
  void the_default_password_hash_is_at_least_owasps_minimum() {
    Argon2Hasher.Cost cost = Config.DEFAULT_HASH;
    assertThat(cost.memoryKib()).isGreaterThanOrEqualTo(19 * 1024);
    assertThat(cost.iterations()).isGreaterThanOrEqualTo(2);
    assertThat(cost.parallelism()).isEqualTo(1);
  }

  @Test
  void every_invalid_value_is_named_with_what_was_expected() {
    assertThatThrownBy(() -> Config.from(Map.of(
        "ATRIUM_PORT", "eighty",
        "ATRIUM_POD_ID", "-1",
        "ATRIUM_DB_URL", "jdbc:mysql://localhost/x",
        "ATRIUM_ADMIN_EMAIL", "nobody",
        "ATRIUM_ADMIN_PASSWORD", "short",
        "ATRIUM_PUBLIC_URL", "ftp://x",
        "ATRIUM_PASSWORD_HASH", "m=1")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            "ATRIUM_PORT must be an integer from 0 to 65535, got 'eighty'",
            "ATRIUM_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got"
                + " 'jdbc:mysql://localhost/x'",
            "ATRIUM_ADMIN_EMAIL must be an email address, got 'nobody'",
            "ATRIUM_ADMIN_PASSWORD must be 8 to 256 characters long",
            "ATRIUM_POD_ID must be an integer from 0 to 134217727, got '-1'",
            "ATRIUM_PUBLIC_URL must be an http or https URL, got 'ftp://x'",
            "ATRIUM_PASSWORD_HASH needs m from 8 to 4194304, t from 1 to 100 and p from 1 to 16, got 'm=1'"));
  }

  @Test
  void a_password_hash_cost_is_read_as_memory_iterations_parallelism() {
    assertThat(Argon2Hasher.Cost.parse("m=65536, t=3, p=2")).isEqualTo(new Argon2Hasher.Cost(65_536, 3, 2));
    assertThatThrownBy(() -> Argon2Hasher.Cost.parse("m=65536;t=3"))
        .hasMessage("must look like m=19456,t=2,p=1 (memory KiB, iterations, parallelism)");
    assertThatThrownBy(() -> Argon2Hasher.Cost.parse("m=65536,x=3")).hasMessage("knows only m, t and p");
  }

  @Test
  void argon2id_hashes_verify_and_tell_when_their_cost_is_old() {
    Argon2Hasher cheap = new Argon2Hasher(new Argon2Hasher.Cost(64, 1, 1));
    String hash = cheap.hash("correct horse");
    assertThat(hash).startsWith("$argon2id$");
    assertThat(cheap.verify("correct horse", hash)).isTrue();
    assertThat(cheap.verify("wrong horse", hash)).isFalse();
    assertThat(cheap.verify("correct horse", "not a hash")).isFalse();
    assertThat(cheap.needsRehash(hash)).isFalse();
    assertThat(new Argon2Hasher(new Argon2Hasher.Cost(128, 1, 1)).needsRehash(hash)).isTrue();
  }

  @Test
  void a_file_value_wins_over_the_default_an_environment_variable_over_it_and_a_flag_over_both() throws IOException {
    Path file = file("port=1000", "host=127.0.0.2", "data-dir=/srv/atrium", "pod-id=7");
    Config config = Config.from(Map.of("ATRIUM_PORT", "2000", "ATRIUM_HOST", "127.0.0.3"), file,
        Map.of(Setting.PORT, "3000"));

    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.host()).isEqualTo("127.0.0.3");
    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/atrium"));
    assertThat(config.podId()).isEqualTo(7);
    assertThat(config.adminEmail()).isEqualTo("admin@atrium.local");
    // a blank variable counts as not set, so the file's value shows through
    assertThat(Config.from(Map.of("ATRIUM_POD_ID", " "), file, Map.of()).podId()).isEqualTo(7);
  }

  @Test
  void atrium_config_names_the_file_and_the_config_flag_wins_over_it() throws IOException {
    Path named = file("port=1000");
    Path flagged = Files.writeString(dir.resolve("other.conf"), "port=2000\n");

    assertThat(Config.from(Map.of("ATRIUM_CONFIG", named.toString())).port()).isEqualTo(1000);
    assertThat(Config.from(Map.of("ATRIUM_CONFIG", named.toString()), flagged, Map.of()).port()).isEqualTo(2000);
  }

  @Test
  void comments_blank_lines_and_the_whitespace_around_keys_and_values_are_skipped() throws IOException {
    Files.write(dir.resolve("atrium.conf"), ("\uFEFF# Atrium on the test host\r\n"
        + "\r\n"
        + "  port =  9090  \r\n"
        + "\t# the next value keeps its '=' and '#': nothing after the first '=' is interpreted\n"
        + "db-password = a=b#c d \n"
        + "admin-email=\n"
        + "host=127.0.0.1").getBytes(StandardCharsets.UTF_8));

    Config config = Config.from(Map.of(), dir.resolve("atrium.conf"), Map.of());

    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.dbPassword()).isEqualTo("a=b#c d");
    assertThat(config.adminEmail()).as("an empty value is not set").isEqualTo("admin@atrium.local");
    assertThat(config.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void every_mistake_in_the_file_is_named_with_its_line() throws IOException {
    Path file = file(
        "# line 1",
        "port 8080",
        "prot=8080",
        "ATRIUM_HOST=127.0.0.1",
        "--data-dir=/srv",
        "port=x",
        "port=8080",
        "=8080",
        "session-ttl-hours=0",
        "smtp-user=relay",
        "config=/etc/atrium.conf");
    Files.write(file, new byte[] {'h', 'o', 's', 't', '=', (byte) 0xff, '\n'}, java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> Config.from(Map.of(), file, Map.of()))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            file + ":2: a line must be key=value, a comment starting with # or blank",
            file + ":3: unknown setting 'prot'",
            file + ":4: unknown setting 'ATRIUM_HOST': the file names it host",
            file + ":5: unknown setting '--data-dir': the file names it data-dir",
            file + ":7: port is set twice, first on line 6",
            file + ":8: a line must be key=value, a comment starting with # or blank",
            file + ":11: unknown setting 'config'",
            file + ":12: not UTF-8 text",
            file + ":6: port must be an integer from 0 to 65535, got 'x'",
            file + ":9: session-ttl-hours must be an integer from 1 to 8760, got '0'",
            file + ":10: smtp-user is set but smtp-host is not"));
  }

  @Test
  void a_message_names_each_setting_as_it_was_set() throws IOException {
    Path file = file("smtp-host=mail.example.com", "smtp-from=atrium@example.com", "smtp-tls=true",
        "smtp-user=relay", "facebook-app-id=138483919580948");

    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_SMTP_PORT", "0"), file, Map.of(Setting.SMTP_STARTTLS, "true",
        Setting.RPM_PARTNER, "atrium-demo", Setting.POD_ID, "-1")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            "--pod-id must be an integer from 0 to 134217727, got '-1'",
            file + ":5: facebook-app-secret must be set with facebook-app-id",
            "--rpm-api-key must be set with --rpm-partner",
            file + ":3: smtp-tls and --smtp-starttls cannot both be true: TLS from the start, or an upgrade with"
                + " STARTTLS",
            "ATRIUM_SMTP_PORT must be an integer from 1 to 65535, got '0'",
            file + ":4: smtp-user and smtp-password must be set together"));
  }

  @Test
  void no_message_about_the_file_repeats_a_secret() throws IOException {
    Path file = file(
        "db-password=first-db-secret",
        "db-password=second-db-secret",
        "admin-password=short1",
        "facebook-app-id=138483919580948",
        "facebook-app-secret=facebook-secret-not-hex",
        "rpm-api-key=rpm key with spaces",
        "rpm-partner=atrium-demo",
        "smtp-password=smtp-secret",
        "pasted-secret-without-a-key",
        "db password=spaced-db-secret",
        "db-pasword=misspelt-db-secret");

    assertThatThrownBy(() -> Config.from(Map.of(), file, Map.of()))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            file + ":2: db-password is set twice, first on line 1",
            file + ":9: a line must be key=value, a comment starting with # or blank",
            file + ":10: unknown setting (key not shown: it is not a setting name)",
            file + ":11: unknown setting 'db-pasword'",
            file + ":3: admin-password must be 8 to 256 characters long",
            file + ":5: facebook-app-secret must be the app secret, 32 hexadecimal digits (value not shown)",
            file + ":6: rpm-api-key must be 8 to 512 characters without spaces (value not shown)",
            file + ":8: smtp-password is set but smtp-host is not"))
        .message().doesNotContain("secret-", "short1", "rpm key", "pasted");
  }

  @Test
  void a_file_that_cannot_be_read_is_named() {
    Path missing = dir.resolve("missing.conf");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_PORT", "x"), missing, Map.of()))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(missing + ": cannot read the configuration file: no such file\n"
            + "ATRIUM_PORT must be an integer from 0 to 65535, got 'x'");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_CONFIG", dir.toString())))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(dir + ": cannot read the configuration file: it is a directory");
  }

  @Test
  void each_setting_has_a_variable_a_flag_and_a_file_key_of_one_name() {
    assertThat(Setting.SMTP_HOST.variable()).isEqualTo("ATRIUM_SMTP_HOST");
    assertThat(Setting.SMTP_HOST.flag()).isEqualTo("--smtp-host");
    assertThat(Setting.SMTP_HOST.key()).isEqualTo("smtp-host");
    assertThat(Setting.byKey("data-dir")).contains(Setting.DATA_DIR);
    assertThat(Setting.byKey("DATA_DIR")).isEmpty();
  }

  @Test
  void the_readme_lists_every_setting_with_its_variable_and_flag() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("\n## Configuration\n");
    String configuration = readme.substring(start, readme.indexOf("\n## ", start + 1));
    for (Setting setting : Setting.values()) {
      assertThat(configuration).as(setting.name())
          .contains("`" + setting.variable() + "`", "`" + setting.flag() + "`");
    }
  }

  @Test
  void printing_a_configuration_shows_every_setting_but_no_secret() {
    Config config = Config.from(Map.of("ATRIUM_DB_PASSWORD", "db-secret-42", "ATRIUM_ADMIN_PASSWORD", "admin-secret-42",
        "ATRIUM_SMTP_HOST", "smtp.example.test", "ATRIUM_SMTP_FROM", "atrium@example.test", "ATRIUM_SMTP_USER", "relay",
        "ATRIUM_SMTP_PASSWORD", "smtp-secret-42", "ATRIUM_FACEBOOK_APP_ID", "138483919580948",
        "ATRIUM_FACEBOOK_APP_SECRET", "0123456789abcdef0123456789abcdef"));

    assertThat(config.toString()).contains("dbPassword=(hidden)", "adminPassword=(hidden)", "port=8080",
        "smtp.example.test").doesNotContain("secret-42", "0123456789abcdef");
  }

  @Test
  void a_livedigital_signing_key_is_base64_or_text_of_32_bytes_and_never_shown() {
    String base64 = java.util.Base64.getEncoder().encodeToString("k".repeat(32).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    Config fromBase64 = Config.from(Map.of("ATRIUM_LIVEDIGITAL_SIGNING_KEY", base64));
    Config fromText = Config.from(Map.of("ATRIUM_LIVEDIGITAL_SIGNING_KEY", "a key given as text, 32 bytes or more"));

    assertThat(fromBase64.livedigital().signingKey()).isEqualTo("k".repeat(32).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    assertThat(new String(java.util.Objects.requireNonNull(fromText.livedigital().signingKey()),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("a key given as text, 32 bytes or more");
    assertThat(fromBase64.toString()).contains("signingKey=(hidden)").doesNotContain(base64);
    assertThat(fromText.toString()).doesNotContain("32 bytes or more");
    assertThat(Config.from(Map.of()).livedigital()).isEqualTo(Config.LiveDigital.DEFAULT);
    assertThat(Config.from(Map.of("ATRIUM_LIVEDIGITAL_ACCESS_TTL_HOURS", "1", "ATRIUM_LIVEDIGITAL_REFRESH_TTL_HOURS",
        "2")).livedigital()).isEqualTo(new Config.LiveDigital(java.time.Duration.ofHours(1),
        java.time.Duration.ofHours(2), null));
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_LIVEDIGITAL_SIGNING_KEY", "short-secret-key")))
        .hasMessage("ATRIUM_LIVEDIGITAL_SIGNING_KEY must be at least 32 bytes, base64 or text (value not shown)");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_LIVEDIGITAL_ACCESS_TTL_HOURS", "0")))
        .hasMessageContaining("ATRIUM_LIVEDIGITAL_ACCESS_TTL_HOURS");
  }
}
