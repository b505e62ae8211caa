package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ATRIUM_URI_PROTOCOLS} (flag {@code --uri-protocols}): what the pod lists as its URI protocols. */
class UriProtocolsConfigTest {
  @Test
  void the_default_is_http_https_ftp_and_mailto() {
    assertThat(Config.from(Map.of()).uriProtocols()).containsExactly("http", "https", "ftp", "mailto");
  }

  @Test
  void schemes_are_separated_by_commas_lower_cased_and_kept_once_in_their_order() {
    assertThat(Config.from(Map.of("ATRIUM_URI_PROTOCOLS", " HTTPS ,sip, web+atrium,https,z39.50r"))
        .uriProtocols()).containsExactly("https", "sip", "web+atrium", "z39.50r");
  }

  @Test
  void a_value_that_is_no_list_of_schemes_stops_the_start_naming_it() {
    for (String bad : new String[] {"http,,https", "http https", "1http", "mailto:", "http;https",
        "a123456789012345678901234567890123"}) {
      assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_URI_PROTOCOLS", bad)))
          .isInstanceOf(Config.Invalid.class)
          .hasMessage("ATRIUM_URI_PROTOCOLS must be URI schemes separated by commas (each a letter, then up to 31"
              + " letters, digits, '+', '-' or '.'), got '" + bad + "'");
    }
  }

  @Test
  void the_flag_overrides_the_environment() {
    Main main = new Main(Map.of("ATRIUM_URI_PROTOCOLS", "ftp"));
    Main.commandLine(main).parseArgs("--uri-protocols", "https,sip");

    assertThat(main.config().uriProtocols()).containsExactly("https", "sip");
  }
}
