package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
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

    assertThat(config.facebook().graphUrl()).isEqualTo(URI.create("http://127.0.0.1:9000/v19.0"));
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
}
