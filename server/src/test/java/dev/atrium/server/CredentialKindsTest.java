package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.session.Session;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.User;
import dev.atrium.http.Authenticator;
import dev.atrium.http.Credential;
import dev.atrium.http.CredentialKind;
import io.javalin.Javalin;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The credential kinds a dialect can accept, over real sessions: each route of a small server resolves its caller
 * through one chain of kinds and answers the caller's user id, or 401.
 */
class CredentialKindsTest {
  static Atrium.Services services;
  static Javalin app;
  static User ann;
  static User bob;
  static Sessions.Minted annSession;
  static Sessions.Minted bobSession;

  /** A token that names a session by id, as a verified JWT would: {@code sid:<session id>}. */
  static Optional<Credential> sessionIdToken(String token) {
    return token.startsWith("sid:") ? Optional.of(new Credential.SessionId(token.substring(4))) : Optional.empty();
  }

  @BeforeAll
  static void start() throws Exception {
    Config config = Config.from(Map.of("ATRIUM_DATA_DIR", Files.createTempDirectory("atrium-kinds-").toString(),
        "ATRIUM_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1"));
    services = Atrium.Services.open(config, InstantSource.system(), new SecureRandom());
    ann = services.accounts().bootstrapAdmin("ann@example.test", "ann-password-1").orElseThrow();
    bob = services.personas().create(ann.id(), dev.atrium.core.user.Profile.EMPTY.withNames("Bob", "Persona"));
    annSession = services.sessions().open(ann, Session.Kind.SESSION, "roomful", null);
    bobSession = services.sessions().open(bob, Session.Kind.SESSION, "roomful", null);
    Sessions sessions = services.sessions();
    Map<String, Authenticator> chains = Map.of(
        "header", new Authenticator(sessions, CredentialKind.header("X-Token")),
        "pair", new Authenticator(sessions, CredentialKind.userAndToken("X-User-Id", "X-Auth-Token")),
        "bearer", new Authenticator(sessions, CredentialKind.bearer()),
        "jwt", new Authenticator(sessions, CredentialKind.bearer(CredentialKindsTest::sessionIdToken),
            CredentialKind.cookie("accessToken", CredentialKindsTest::sessionIdToken)),
        "cookie", new Authenticator(sessions, CredentialKind.cookie("session")),
        "chain", new Authenticator(sessions, CredentialKind.bearer(), CredentialKind.header("X-Token")));
    app = Javalin.create(cfg -> chains.forEach((name, authenticator) -> cfg.routes.get("/" + name, ctx -> {
      var caller = authenticator.find(ctx);
      if (caller.isPresent()) {
        ctx.result(Long.toString(caller.get().userId()));
      } else {
        ctx.status(401);
      }
    }))).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
    services.close();
  }

  static RequestSpecification request() {
    return given().baseUri("http://127.0.0.1:" + app.port());
  }

  static String caller(RequestSpecification request, String route) {
    var response = request.get("/" + route);
    return response.statusCode() == 401 ? "none" : response.asString();
  }

  static String id(User user) {
    return Long.toString(user.id());
  }

  @Test
  void a_session_token_in_a_header() {
    assertThat(caller(request().header("X-Token", annSession.token()), "header")).isEqualTo(id(ann));
    assertThat(caller(request().header("X-Token", "forged"), "header")).isEqualTo("none");
    assertThat(caller(request().header("X-Token", ""), "header")).isEqualTo("none");
    assertThat(caller(request(), "header")).isEqualTo("none");
  }

  @Test
  void a_user_id_and_token_pair_must_belong_together() {
    assertThat(caller(request().header("X-User-Id", id(ann)).header("X-Auth-Token", annSession.token()), "pair"))
        .isEqualTo(id(ann));
    assertThat(caller(request().header("X-User-Id", id(bob)).header("X-Auth-Token", annSession.token()), "pair"))
        .isEqualTo("none");
    assertThat(caller(request().header("X-Auth-Token", annSession.token()), "pair")).isEqualTo("none");
    assertThat(caller(request().header("X-User-Id", id(ann)), "pair")).isEqualTo("none");
  }

  @Test
  void a_bearer_token_in_any_case_of_the_scheme_and_no_other_scheme() {
    assertThat(caller(request().header("Authorization", "Bearer " + bobSession.token()), "bearer"))
        .isEqualTo(id(bob));
    assertThat(caller(request().header("Authorization", "bEaReR " + bobSession.token()), "bearer"))
        .isEqualTo(id(bob));
    assertThat(caller(request().header("Authorization", "Basic " + bobSession.token()), "bearer")).isEqualTo("none");
    assertThat(caller(request().header("Authorization", "Bearer "), "bearer")).isEqualTo("none");
  }

  @Test
  void a_token_that_names_its_session_finds_it_by_id_until_the_session_ends() {
    Sessions.Minted minted = services.sessions().open(ann, Session.Kind.SESSION, "roomful", null);
    String jwt = "sid:" + minted.session().id();
    assertThat(caller(request().header("Authorization", "Bearer " + jwt), "jwt")).isEqualTo(id(ann));
    assertThat(caller(request().cookie("accessToken", jwt), "jwt")).isEqualTo(id(ann));
    assertThat(caller(request().header("Authorization", "Bearer sid:no-such-session"), "jwt")).isEqualTo("none");
    assertThat(caller(request().header("Authorization", "Bearer " + minted.token()), "jwt"))
        .as("an opaque token the decoder cannot read").isEqualTo("none");

    services.sessions().logout(minted.token());

    assertThat(caller(request().header("Authorization", "Bearer " + jwt), "jwt")).isEqualTo("none");
  }

  @Test
  void a_session_token_in_a_cookie() {
    assertThat(caller(request().cookie("session", annSession.token()), "cookie")).isEqualTo(id(ann));
    assertThat(caller(request().cookie("session", "forged"), "cookie")).isEqualTo("none");
  }

  @Test
  void the_first_kind_the_request_carries_decides() {
    assertThat(caller(request().header("X-Token", annSession.token()), "chain")).isEqualTo(id(ann));
    assertThat(caller(request().header("Authorization", "Bearer " + bobSession.token())
        .header("X-Token", annSession.token()), "chain")).isEqualTo(id(bob));
    assertThat(caller(request().header("Authorization", "Bearer forged").header("X-Token", annSession.token()),
        "chain")).isEqualTo("none");
    assertThat(caller(request().header("Authorization", "Basic abc").header("X-Token", annSession.token()),
        "chain")).as("another scheme is not a bearer credential").isEqualTo(id(ann));
  }

  @Test
  void a_key_manager_token_is_no_caller_of_any_kind() {
    Sessions.Minted key = services.sessions().open(ann, Session.Kind.KEY_MANAGER, "roomful", null);
    assertThat(caller(request().header("X-Token", key.token()), "header")).isEqualTo("none");
    assertThat(caller(request().header("Authorization", "Bearer sid:" + key.session().id()), "jwt"))
        .isEqualTo("none");
  }
}
