package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line of {@code java -jar atrium.jar}, parsed in-process; no test here starts the server. */
class MainTest {
  @TempDir Path dir;

  @Test
  void every_setting_is_a_flag_that_names_its_variable_in_the_help() {
    StringWriter out = new StringWriter();
    int code = Main.commandLine(new Main(Map.of())).setOut(new PrintWriter(out, true)).execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--config=FILE", "ATRIUM_CONFIG");
    for (Setting setting : Setting.values()) {
      assertThat(out.toString()).contains(setting.flag() + "=<" + setting.key() + ">", setting.variable() + ": ");
    }
    assertThat(out.toString()).contains("ATRIUM_DB_PASSWORD: PostgreSQL password; a secret,");
  }

  @Test
  void the_flags_override_the_environment_which_overrides_the_file() throws IOException {
    Path file = Files.writeString(dir.resolve("atrium.conf"), "port=1000\nhost=127.0.0.2\nsmtp-host=mail.test\n"
        + "smtp-from=atrium@mail.test\n");
    Main main = new Main(Map.of("ATRIUM_HOST", "127.0.0.3", "ATRIUM_PORT", "2000"));

    Main.commandLine(main).parseArgs("--config", file.toString(), "--port", "3000", "--smtp-tls=true",
        "--smtp-starttls", "false");

    Config config = main.config();
    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.host()).isEqualTo("127.0.0.3");
    assertThat(config.smtp()).hasToString("Smtp[mail.test:465, TLS, from atrium@mail.test]");
  }

  @Test
  void a_configuration_file_that_cannot_be_read_stops_the_server_with_exit_code_2() {
    Path missing = dir.resolve("missing.conf");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(Map.of())).setErr(new PrintWriter(err, true));

    int code = cli.execute("--config", missing.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("atrium: invalid configuration:\n" + missing
        + ": cannot read the configuration file: no such file\n");
  }

  @Test
  void a_bad_value_in_the_file_stops_the_server_with_its_line() throws IOException {
    Path file = Files.writeString(dir.resolve("atrium.conf"), "# Atrium\n\nport=eighty\n");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(Map.of("ATRIUM_CONFIG", file.toString())))
        .setErr(new PrintWriter(err, true));

    assertThat(cli.execute()).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("atrium: invalid configuration:\n" + file
        + ":3: port must be an integer from 0 to 65535, got 'eighty'\n");
  }
}
