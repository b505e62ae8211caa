package dev.atrium.server.symphony;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.server.TestServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running server seen from Symphony's side: the administrator's session token, users made through the
 * admin API, RSA keys and the JWTs a bot signs with them. Everything goes over the wire.
 */
final class SymphonyPod implements AutoCloseable {
  static final String SESSION = "sessionToken";

  /** A user who logs in with an RSA key: its id, username, and the key pair whose public half is on the pod. */
  record KeyUser(long id, String username, KeyPair keys) {}

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private final TestServer server;
  private final String adminToken;

  private SymphonyPod(TestServer server, String adminToken) {
    this.server = server;
    this.adminToken = adminToken;
  }

  static SymphonyPod start() {
    return start(Map.of(), java.time.InstantSource.system());
  }

  /** A pod with extra settings whose expiries read the clock given (a {@code FakeClock} the test moves). */
  static SymphonyPod start(Map<String, String> overrides, java.time.InstantSource clock) {
    TestServer server = TestServer.start(overrides, clock);
    String token = given().baseUri(server.baseUrl()).contentType(ContentType.JSON)
        .body(Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD))
        .post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
    return new SymphonyPod(server, token);
  }

  int port() {
    return server.port();
  }

  TestServer server() {
    return server;
  }

  String baseUrl() {
    return server.baseUrl();
  }

  String adminToken() {
    return adminToken;
  }

  /** A request to the pod without any session header. */
  RequestSpecification anonymous() {
    return given().baseUri(server.baseUrl());
  }

  /** A request to the pod with the session token given in {@code sessionToken}. */
  RequestSpecification as(String sessionToken) {
    return anonymous().header(SESSION, sessionToken);
  }

  RequestSpecification asAdmin() {
    return as(adminToken);
  }

  /** A unique suffix, so tests sharing one server do not collide on usernames and emails. */
  static String unique(String base) {
    return base + SEQUENCE.incrementAndGet();
  }

  /** Creates a user through {@code POST /pod/v2/admin/user/create}; returns its id. */
  long createUser(Map<String, Object> userAttributes) {
    return createUser(userAttributes, java.util.List.of("INDIVIDUAL"));
  }

  /** Creates a user holding the roles given; returns its id. */
  long createUser(Map<String, Object> userAttributes, java.util.List<String> roles) {
    Number id = asAdmin().contentType(ContentType.JSON)
        .body(Map.of("userAttributes", userAttributes, "roles", roles))
        .post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().path("userSystemInfo.id");
    return id.longValue();
  }

  /** A SYSTEM (service) user whose current key is a fresh RSA key pair. */
  KeyUser createServiceUser(String username) {
    return createServiceUser(username, java.util.List.of("INDIVIDUAL"));
  }

  /** A SYSTEM (service) user holding the roles given, whose current key is a fresh RSA key pair. */
  KeyUser createServiceUser(String username, java.util.List<String> roles) {
    KeyPair keys = newKeyPair();
    long id = createUser(Map.of("userName", username, "accountType", "SYSTEM", "displayName", "Bot " + username,
        "emailAddress", username + "@bots.atrium.test",
        "currentKey", Map.of("key", publicPem(keys), "action", "SAVE")), roles);
    return new KeyUser(id, username, keys);
  }

  /** A NORMAL user with a password, who can sign in through the Roomful dialect. */
  long createPasswordUser(String username, String email, String password) {
    Number id = asAdmin().contentType(ContentType.JSON)
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", email, "accountType", "NORMAL"),
            "password", password, "roles", java.util.List.of("INDIVIDUAL")))
        .post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().path("userSystemInfo.id");
    return id.longValue();
  }

  /** Logs a key user in through {@code /login/pubkey/authenticate}; returns the session token. */
  String login(KeyUser user) {
    return anonymous().contentType(ContentType.JSON)
        .body(Map.of("token", jwt(user.username(), Instant.now().plusSeconds(240), user.keys().getPrivate())))
        .post("/login/pubkey/authenticate")
        .then().statusCode(200).extract().path("token");
  }

  /** Signs in through the Roomful dialect; returns the session token. */
  String roomfulSignin(String email, String password) {
    return anonymous().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
        .post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
  }

  void setStatus(long userId, String status) {
    asAdmin().contentType(ContentType.JSON).body(Map.of("status", status))
        .post("/pod/v1/admin/user/" + userId + "/status/update")
        .then().statusCode(200);
  }

  // ---- keys and JWTs

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has RSA", e);
    }
  }

  static String publicPem(KeyPair keys) {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  /** The private key as a PKCS#8 PEM file, the form the BDK reads from {@code bot.privateKey.path}. */
  static Path writePrivateKey(KeyPair keys, Path dir) {
    try {
      Path file = dir.resolve("bot-private-key.pem");
      Files.writeString(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** A JWT as the BDK makes it: RS512, {@code sub} = username, {@code exp}. */
  static String jwt(String subject, Instant expires, PrivateKey key) {
    return jwt(new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expires)).build(), key);
  }

  static String jwt(JWTClaimsSet claims, PrivateKey key) {
    try {
      SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).type(JOSEObjectType.JWT).build(),
          claims);
      signed.sign(new RSASSASigner(key));
      return signed.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
