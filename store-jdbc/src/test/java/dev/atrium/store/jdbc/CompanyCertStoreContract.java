package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.cert.CertAttributes;
import dev.atrium.core.cert.CertStatus;
import dev.atrium.core.cert.CertType;
import dev.atrium.core.cert.CompanyCert;
import dev.atrium.core.error.AtriumException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the company certificate store must do, run once per {@link Backend} by a one-line subclass. The store
 * keeps what the service read from a certificate; it never parses one, so the rows here are made up.
 */
abstract class CompanyCertStoreContract extends DatabaseTest {
  JdbcCompanyCertStore certs;

  CompanyCertStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void store() {
    certs = new JdbcCompanyCertStore(tx);
  }

  static String fp(int n) {
    return String.format("%064x", n);
  }

  static CompanyCert cert(int n, String name, CertType type) {
    return new CompanyCert(fp(n), "-----BEGIN CERTIFICATE-----\nMII" + n + "\n-----END CERTIFICATE-----\n",
        new CertAttributes(name, type, CertStatus.TRUSTED), null, "subject-" + n, "issuer-" + n, "cn-" + n,
        T0.plusSeconds(86_400), null, T0, T0, 42);
  }

  void insert(CompanyCert... all) {
    tx.run(() -> List.of(all).forEach(certs::insert));
  }

  static List<String> fingerprints(List<CompanyCert> list) {
    return list.stream().map(CompanyCert::fingerprint).toList();
  }

  @Test
  void insert_thenByFingerprint_returnsEveryField() {
    CompanyCert c = new CompanyCert(fp(1), "-----BEGIN CERTIFICATE-----\n" + "A".repeat(64_000)
        + "\n-----END CERTIFICATE-----\n", new CertAttributes("Bot signing", CertType.USERSIGNING, CertStatus.KNOWN),
        fp(2), "s".repeat(64), "i".repeat(64), "bot.user", T0.plusMillis(123_456_789_012L), T0.plusMillis(5),
        T0.plusMillis(1), T0.plusMillis(2), 7_078_106_103_809L);
    insert(c);
    assertThat(certs.byFingerprint(fp(1))).contains(c);
  }

  @Test
  void insert_withoutIssuerCommonNameOrLastSeen_readsThemBackAsAbsent() {
    CompanyCert c = new CompanyCert(fp(1), "pem", new CertAttributes("n", CertType.USER, CertStatus.DISABLED), null,
        "s", "i", null, T0, null, T0, T0, 1);
    insert(c);
    assertThat(certs.byFingerprint(fp(1))).contains(c);
  }

  @Test
  void byFingerprint_unknown_isEmpty() {
    insert(cert(1, "a", CertType.USER));
    assertThat(certs.byFingerprint(fp(2))).isEmpty();
  }

  @Test
  void insert_aFingerprintAlreadyStored_isAConflict_andKeepsTheFirst() {
    CompanyCert first = cert(1, "first", CertType.USER);
    insert(first);
    assertThatThrownBy(() -> insert(cert(1, "second", CertType.OPERATIONSUSER)))
        .isInstanceOf(AtriumException.Conflict.class)
        .hasMessage("The change collides with existing data: a duplicate");
    assertThat(certs.byFingerprint(fp(1))).contains(first);
  }

  @Test
  void updateAttributes_replacesNameTypeStatusAndUpdateTimeAndAuthor_only() {
    CompanyCert before = cert(1, "old", CertType.USER).withIssuer(fp(9));
    insert(before);
    CompanyCert after = before.withAttributes(new CertAttributes("new", CertType.OPERATIONSSIGNING,
        CertStatus.REVOKED), T0.plusSeconds(60), 99);
    tx.run(() -> certs.updateAttributes(after));
    assertThat(certs.byFingerprint(fp(1))).contains(after);
  }

  @Test
  void setIssuer_setsAndClearsTheIssuer() {
    insert(cert(1, "leaf", CertType.USER));
    tx.run(() -> certs.setIssuer(fp(1), fp(2)));
    assertThat(certs.byFingerprint(fp(1)).orElseThrow().issuerFingerprint()).isEqualTo(fp(2));
    tx.run(() -> certs.setIssuer(fp(1), null));
    assertThat(certs.byFingerprint(fp(1)).orElseThrow().issuerFingerprint()).isNull();
  }

  @Test
  void delete_removesOnlyThatCertificate_andSaysWhetherItExisted() {
    insert(cert(1, "a", CertType.USER), cert(2, "b", CertType.USER));
    assertThat(tx.inTransaction(() -> certs.delete(fp(1)))).isTrue();
    assertThat(tx.inTransaction(() -> certs.delete(fp(1)))).isFalse();
    assertThat(fingerprints(certs.page(0, 10))).containsExactly(fp(2));
  }

  @Test
  void page_ordersByNameThenFingerprint_andSkipsAndLimits() {
    insert(cert(4, "beta", CertType.USER), cert(3, "alpha", CertType.OPERATIONSUSER), cert(2, "beta", CertType.USER),
        cert(1, "gamma", CertType.USERSIGNING));
    assertThat(fingerprints(certs.page(0, 10))).containsExactly(fp(3), fp(2), fp(4), fp(1));
    assertThat(fingerprints(certs.page(1, 2))).containsExactly(fp(2), fp(4));
    assertThat(certs.page(4, 10)).isEmpty();
  }

  @Test
  void pageOfTypes_listsOnlyThoseTypes_inTheSameOrder() {
    insert(cert(1, "d", CertType.USER), cert(2, "c", CertType.OPERATIONSUSER), cert(3, "b", CertType.USERSIGNING),
        cert(4, "a", CertType.OPERATIONSSIGNING));
    assertThat(fingerprints(certs.pageOfTypes(EnumSet.of(CertType.OPERATIONSSIGNING, CertType.OPERATIONSUSER), 0,
        10))).containsExactly(fp(4), fp(2));
    assertThat(fingerprints(certs.pageOfTypes(Set.of(CertType.USER), 0, 10))).containsExactly(fp(1));
    assertThat(fingerprints(certs.pageOfTypes(EnumSet.allOf(CertType.class), 1, 2))).containsExactly(fp(3), fp(2));
  }

  @Test
  void issuedBy_listsTheCertificatesNamingThatIssuer() {
    insert(with(cert(1, "b", CertType.USER), fp(9), "x", "x"), with(cert(2, "a", CertType.USER), fp(9), "x", "x"),
        with(cert(3, "c", CertType.USER), fp(8), "x", "x"), cert(9, "ca", CertType.USERSIGNING));
    assertThat(fingerprints(certs.issuedBy(fp(9)))).containsExactly(fp(2), fp(1));
    assertThat(certs.issuedBy(fp(7))).isEmpty();
  }

  @Test
  void withSubject_andWithIssuerName_findByTheNameHashes() {
    insert(with(cert(1, "leaf", CertType.USER), null, "leaf-subject", "ca-subject"),
        with(cert(2, "ca", CertType.USERSIGNING), null, "ca-subject", "ca-subject"),
        with(cert(3, "other", CertType.USER), null, "other-subject", "elsewhere"));
    assertThat(fingerprints(certs.withSubject("ca-subject"))).containsExactly(fp(2));
    assertThat(fingerprints(certs.withIssuerName("ca-subject"))).containsExactly(fp(2), fp(1));
    assertThat(certs.withSubject("nobody")).isEmpty();
  }

  @Test
  void aRolledBackInsert_leavesNothing() {
    assertThatThrownBy(() -> tx.run(() -> {
      certs.insert(cert(1, "a", CertType.USER));
      throw AtriumException.invalid("refused");
    })).isInstanceOf(AtriumException.Invalid.class);
    assertThat(certs.byFingerprint(fp(1))).isEmpty();
  }

  private static CompanyCert with(CompanyCert c, @Nullable String issuer, String subjectHash, String issuerHash) {
    return new CompanyCert(c.fingerprint(), c.pem(), c.attributes(), issuer, subjectHash, issuerHash, c.commonName(),
        c.expiresAt(), c.lastSeenAt(), c.createdAt(), c.updatedAt(), c.updatedBy());
  }
}
