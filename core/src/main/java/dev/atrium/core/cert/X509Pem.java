package dev.atrium.core.cert;

import dev.atrium.core.Pem;
import dev.atrium.core.error.AtriumException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Reads an X.509 certificate in PEM form with the JDK's {@link CertificateFactory}, and what the pod API shows
 * of it. A PEM that is not exactly one certificate is {@code Invalid}, with a message saying what is wrong.
 */
public final class X509Pem {
  public static final int MAX_PEM_LENGTH = 65_536;

  private static final HexFormat HEX = HexFormat.of();
  /** How {@link java.util.Date#toString()} prints a time, which is what Symphony shows, in UTC. */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);
  /** Names for attribute types that RFC 2253 would otherwise print as object identifiers. */
  private static final Map<String, String> OID_NAMES = Map.of(
      "1.2.840.113549.1.9.1", "EMAILADDRESS", "2.5.4.5", "SERIALNUMBER", "2.5.4.4", "SURNAME",
      "2.5.4.42", "GIVENNAME", "2.5.4.12", "T", "2.5.4.46", "DNQ");
  private static final String[] KEY_USAGES = {"Digital Signature", "Non Repudiation", "Key Encipherment",
      "Data Encipherment", "Key Agreement", "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only"};

  private X509Pem() {}

  /** A certificate read from a PEM, with the values the store keeps. */
  public record Parsed(X509Certificate certificate, String pem, String fingerprint, String subjectHash,
      String issuerHash, @Nullable String commonName, Instant notAfter) {}

  public static Parsed parse(String pem) {
    if (pem.length() > MAX_PEM_LENGTH) {
      throw AtriumException.invalid("pem must be at most " + MAX_PEM_LENGTH + " characters long");
    }
    List<Pem.Block> blocks = Pem.blocks(pem, Pem.CERTIFICATE);
    if (blocks.isEmpty()) {
      throw AtriumException.invalid(
          "pem must hold an X.509 certificate between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----");
    }
    if (blocks.size() > 1) {
      throw AtriumException.invalid("pem must hold exactly one certificate");
    }
    byte[] der;
    try {
      der = blocks.getFirst().der();
    } catch (IllegalArgumentException e) {
      throw AtriumException.invalid("pem is not valid base64 between its BEGIN and END lines");
    }
    X509Certificate cert = certificate(der);
    byte[] encoded;
    try {
      encoded = cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw AtriumException.invalid("pem does not hold a valid X.509 certificate");
    }
    display(cert.getIssuerX500Principal()); // refused now if unreadable, rather than on every later read
    return new Parsed(cert, Pem.encode(Pem.CERTIFICATE, encoded), sha256(encoded),
        nameHash(cert.getSubjectX500Principal()), nameHash(cert.getIssuerX500Principal()),
        commonName(cert.getSubjectX500Principal()), cert.getNotAfter().toInstant());
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      var parsed = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
      if (parsed instanceof X509Certificate x509) {
        return x509;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      // A parser meeting hostile bytes may throw anything; all of it means the same to the caller.
    }
    throw AtriumException.invalid("pem does not hold a valid X.509 certificate");
  }

  /**
   * The fingerprint an id given by a client stands for: hex digits in either case, optionally separated by
   * colons as keytool and openssl print them.
   */
  public static String normaliseFingerprint(String fingerprint) {
    return fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
  }

  /** Whether {@code issuer}'s key verifies {@code child}'s signature and its subject is the child's issuer. */
  public static boolean issued(X509Certificate issuer, X509Certificate child) {
    if (!issuer.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
      return false;
    }
    try {
      child.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The details the pod API's {@code certInfo} shows, in Symphony's sections and names where it has them. */
  public static List<CertSection> details(X509Certificate cert) {
    byte[] encoded;
    try {
      encoded = cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored certificate no longer encodes", e);
    }
    List<CertSection> sections = new ArrayList<>();
    sections.add(new CertSection("General", List.of(
        field("Issuer", display(cert.getIssuerX500Principal())),
        field("Subject", display(cert.getSubjectX500Principal())),
        field("Signature Algorithm", cert.getSigAlgName()),
        field("Serial Number", cert.getSerialNumber().toString(16)),
        field("Version", Integer.toString(cert.getVersion())))));
    sections.add(new CertSection("Validity", List.of(
        field("Not Before", DATE.format(cert.getNotBefore().toInstant())),
        field("Not After", DATE.format(cert.getNotAfter().toInstant())))));
    PublicKey key = cert.getPublicKey();
    List<CertSection.Field> keyFields = new ArrayList<>();
    keyFields.add(field("Algorithm", key.getAlgorithm()));
    keyFields.add(field("Format", String.valueOf(key.getFormat())));
    switch (key) {
      case RSAKey rsa -> keyFields.add(field("Key Size", Integer.toString(rsa.getModulus().bitLength())));
      case ECKey ec -> keyFields.add(field("Key Size", Integer.toString(ec.getParams().getCurve().getField()
          .getFieldSize())));
      default -> {
        // no size to show for other algorithms
      }
    }
    sections.add(new CertSection("Public Key", keyFields));
    List<CertSection.Field> extensions = new ArrayList<>();
    int pathLength = cert.getBasicConstraints();
    extensions.add(field("Basic Constraints", pathLength < 0 ? "End Entity"
        : pathLength == Integer.MAX_VALUE ? "CA" : "CA, path length " + pathLength));
    boolean[] usage = cert.getKeyUsage();
    if (usage != null) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < usage.length && i < KEY_USAGES.length; i++) {
        if (usage[i]) {
          names.add(KEY_USAGES[i]);
        }
      }
      extensions.add(field("Key Usage", String.join(", ", names)));
    }
    sections.add(new CertSection("Extensions", extensions));
    sections.add(new CertSection("Fingerprints", List.of(
        field("SHA-256", sha256(encoded)), field("SHA-1", HEX.formatHex(digest("SHA-1", encoded))))));
    return sections;
  }

  private static CertSection.Field field(String name, String value) {
    return new CertSection.Field(name, value);
  }

  /**
   * A name as Symphony shows it: its parts from the most significant (country) to the most specific (common
   * name), separated by spaces: {@code C=US O=Symphony Communications LLC CN=bot_user_provisioning}.
   */
  static String display(X500Principal principal) {
    return rdns(principal).stream().map(Rdn::toString).collect(Collectors.joining(" "));
  }

  /** The most specific common name of the subject, if it has one. */
  private static @Nullable String commonName(X500Principal subject) {
    List<Rdn> rdns = rdns(subject);
    for (int i = rdns.size() - 1; i >= 0; i--) {
      Rdn rdn = rdns.get(i);
      if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String value) {
        return value;
      }
    }
    return null;
  }

  /** The parts of a name, the most significant first (LdapName numbers them from the right). */
  private static List<Rdn> rdns(X500Principal principal) {
    try {
      return new LdapName(principal.getName(X500Principal.RFC2253, OID_NAMES)).getRdns();
    } catch (InvalidNameException e) {
      throw AtriumException.invalid("pem holds a certificate whose names cannot be read");
    }
  }

  private static String nameHash(X500Principal principal) {
    return sha256(principal.getName(X500Principal.CANONICAL).getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    return HEX.formatHex(digest("SHA-256", bytes));
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
