package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /pod/v1/admin/system/protocols/list}: the URI schemes of the server's configuration. */
class AdminProtocolsTest {
  @Test
  void by_default_the_list_is_the_schemes_the_spec_names() {
    try (AdminFixture pod = new AdminFixture()) {
      Response list = pod.admin().get("/pod/v1/admin/system/protocols/list");

      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.contentType()).startsWith("application/json");
      Golden.assertMatches(list.asString(), "symphony/admin/protocol-list.json");
    }
  }

  @Test
  void the_list_is_the_configured_one_lower_cased_each_scheme_once() {
    try (AdminFixture pod = new AdminFixture(Map.of("ATRIUM_URI_PROTOCOLS", "https, MailTo,sip,https,ms-teams"))) {
      String provisioner = pod.signin(pod.createUser("provisioner", "USER_PROVISIONING").email(),
          AdminFixture.PASSWORD);

      assertThat(pod.as(provisioner).get("/pod/v1/admin/system/protocols/list").then().statusCode(200)
          .extract().jsonPath().getList("$", String.class)).containsExactly("https", "mailto", "sip", "ms-teams");
    }
  }
}
