package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.provider.FacebookIdentity;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FakeFacebook;
import dev.atrium.testkit.FakeReadyPlayerMe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root hands out the provider ports the settings ask for. */
class ProvidersWiringTest {
  @TempDir Path dataDir;

  private Atrium.Services open(Map<String, String> settings, FakeClock clock) {
    Map<String, String> values = new HashMap<>(settings);
    values.put("ATRIUM_DATA_DIR", dataDir.toString());
    values.put("ATRIUM_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    values.put("ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1");
    return Atrium.Services.open(Config.from(values), clock, new SecureRandom());
  }

  @Test
  void configured_providers_are_asked_over_http() {
    FakeClock clock = new FakeClock();
    try (FakeFacebook facebook = FakeFacebook.start(clock);
        FakeReadyPlayerMe rpm = FakeReadyPlayerMe.start("atrium-test", clock);
        Atrium.Services services = open(Map.of(
            "ATRIUM_FACEBOOK_APP_ID", facebook.appId(),
            "ATRIUM_FACEBOOK_APP_SECRET", facebook.appSecret(),
            "ATRIUM_FACEBOOK_GRAPH_URL", facebook.graphUrl(),
            "ATRIUM_RPM_API_KEY", rpm.apiKey(),
            "ATRIUM_RPM_PARTNER", rpm.partner(),
            "ATRIUM_RPM_API_URL", rpm.apiUrl()), clock)) {
      String token = facebook.issueToken("777", "Cy Dorn", "cy@example.com");
      String rpmUser = rpm.addUser();

      assertThat(services.facebook().verify(token)).isEqualTo(new FacebookIdentity("777", "Cy Dorn",
          "cy@example.com"));
      assertThat(rpm.userOf(services.avatarTokens().tokenFor(rpmUser))).contains(rpmUser);
      // the services read the clock they were given: the token expires by it
      clock.advance(FakeFacebook.TOKEN_LIFETIME);
      assertThatThrownBy(() -> services.facebook().verify(token)).hasMessage("The Facebook access token has expired");
    }
  }

  @Test
  void providers_that_are_not_configured_refuse_every_call() throws Exception {
    try (Atrium.Services services = open(Map.of(), new FakeClock())) {
      assertThatThrownBy(() -> services.facebook().verify("EAAanything"))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Facebook login is not configured on this server");
      assertThatThrownBy(() -> services.avatarTokens().tokenFor("64943d471dc01e086ac887ee"))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Ready Player Me is not configured on this server");
    }
    assertThat(Files.isDirectory(dataDir)).isTrue();
  }
}
