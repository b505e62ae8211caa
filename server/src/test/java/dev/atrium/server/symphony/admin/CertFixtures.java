package dev.atrium.server.symphony.admin;

import com.symphony.bdk.gen.api.model.CompanyCert;
import com.symphony.bdk.gen.api.model.CompanyCertAttributes;
import com.symphony.bdk.gen.api.model.CompanyCertStatus;
import com.symphony.bdk.gen.api.model.CompanyCertType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The checked-in certificates of {@code src/test/resources/certs} (see its README) and their SHA-256
 * fingerprints, the ids the pod API gives them.
 */
final class CertFixtures {
  static final String CA = "e17b7a2cedf2f89b657256b77b7d7a6ff165b94934350d929103aaafcb6acd14";
  static final String BOT = "3eef19a64149645f5827386e60cf56e0f111fc95a7036b36e8dd35060001e5da";
  static final String JIRA = "30441aaf91eff5aaf3d0c5aea6dc35a514f37485d49e78096b9c1a79661e4c95";
  static final String EXPIRED = "3173c3771740429a437f55ffaaada53da6270135d649c880c58f52b4b4365691";
  static final String AGENT = "23a0cc895e54c4b7f8be7ac56609ee289be869753b0bea99b5276706f366fecf";

  /** 2124-12-08T00:00:00Z, when every fixture but the expired one expires. */
  static final long FAR_EXPIRY = 4889289600000L;
  /** 2001-01-02T00:00:00Z. */
  static final long EXPIRED_AT = 978393600000L;

  private CertFixtures() {}

  /** The PEM text of {@code certs/<name>.pem}. */
  static String pem(String name) {
    try (InputStream in = CertFixtures.class.getResourceAsStream("/certs/" + name + ".pem")) {
      if (in == null) {
        throw new IllegalArgumentException("no certificate fixture certs/" + name + ".pem");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CompanyCertAttributes attributes(String name, CompanyCertType.TypeEnum type,
      CompanyCertStatus.TypeEnum status) {
    return new CompanyCertAttributes().name(name).type(new CompanyCertType().type(type))
        .status(new CompanyCertStatus().type(status));
  }

  /** The BDK's request body for a fixture. */
  static CompanyCert cert(String file, String name, CompanyCertType.TypeEnum type,
      CompanyCertStatus.TypeEnum status) {
    return new CompanyCert().pem(pem(file)).attributes(attributes(name, type, status));
  }
}
