package dev.atrium.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * X.509 certificates for the tests, made with the running JDK's {@code keytool}: the JDK has no public API to
 * build a certificate. They are made once per test JVM (a keytool run costs a JVM start). EC keys, because
 * they are quick to make.
 */
final class KeytoolCerts {
  /** Two authorities with the same name and different keys, a certificate the first issued, and an expired one. */
  record Made(String ca, String otherCa, String leaf, String expired) {}

  private static final Pattern ENTRY = Pattern.compile(
      "Alias name: (\\S+).*?(-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----)", Pattern.DOTALL);
  private static volatile @Nullable Made made;

  private KeytoolCerts() {}

  static Made get() {
    Made result = made;
    if (result == null) {
      synchronized (KeytoolCerts.class) {
        result = made;
        if (result == null) {
          made = result = make();
        }
      }
    }
    return result;
  }

  private static String pem(Map<String, String> pems, String alias) {
    String pem = pems.get(alias);
    if (pem == null) {
      throw new IllegalStateException("keytool listed no certificate for " + alias);
    }
    return pem;
  }

  private static Made make() {
    Path dir;
    try {
      dir = Files.createTempDirectory("atrium-certs-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      String store = dir.resolve("certs.p12").toString();
      keytool(store, "-genkeypair", "-alias", "ca", "-dname", "CN=Suite CA, O=Atrium", "-ext", "bc:c");
      keytool(store, "-genkeypair", "-alias", "otherca", "-dname", "CN=Suite CA, O=Atrium", "-ext", "bc:c");
      keytool(store, "-genkeypair", "-alias", "leaf", "-dname", "CN=leaf.user, O=Atrium", "-signer", "ca");
      keytool(store, "-genkeypair", "-alias", "expired", "-dname", "CN=expired.user, O=Atrium", "-signer", "ca",
          "-startdate", "2001/01/01 00:00:00", "-validity", "1");
      // The first certificate listed under an alias is the entry's own; a signed entry's chain follows it.
      Map<String, String> pems = new LinkedHashMap<>();
      Matcher m = ENTRY.matcher(keytool(store, "-list", "-rfc"));
      while (m.find()) {
        pems.put(m.group(1), m.group(2) + "\n");
      }
      return new Made(pem(pems, "ca"), pem(pems, "otherca"), pem(pems, "leaf"), pem(pems, "expired"));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind
      }
    }
  }

  private static String keytool(String store, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-keystore", store, "-storepass", "changeit", "-storetype", "PKCS12"));
    command.addAll(List.of(args));
    if (args[0].equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
