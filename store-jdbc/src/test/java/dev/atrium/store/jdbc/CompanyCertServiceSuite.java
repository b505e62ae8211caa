package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static dev.atrium.store.jdbc.Fixtures.withRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.cert.CertAttributes;
import dev.atrium.core.cert.CertAttributesEdit;
import dev.atrium.core.cert.CertStatus;
import dev.atrium.core.cert.CertType;
import dev.atrium.core.cert.CompanyCert;
import dev.atrium.core.cert.CompanyCerts;
import dev.atrium.core.cert.X509Pem;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.testkit.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link CompanyCerts} service over the JDBC store and audit log, with certificates made by keytool and a
 * clock the tests move; run once per {@link Backend}. What the service leaves behind is read back from the
 * database.
 */
abstract class CompanyCertServiceSuite extends DatabaseTest {
  static final CertAttributes USER_CERT = new CertAttributes("Leaf", CertType.USER, CertStatus.TRUSTED);
  static final CertAttributes CA_CERT = new CertAttributes("Authority", CertType.USERSIGNING, CertStatus.TRUSTED);

  KeytoolCerts.Made pems;
  FakeClock clock;
  List<DomainEvent> published;
  JdbcCompanyCertStore store;
  JdbcAuditLog audit;
  CompanyCerts certs;
  User admin;

  CompanyCertServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    pems = KeytoolCerts.get();
    clock = new FakeClock();
    Events events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    store = new JdbcCompanyCertStore(tx);
    audit = new JdbcAuditLog(tx);
    certs = new CompanyCerts(store, audit, tx, events, clock);
    admin = withRoles(user(userId(1), "admin", null, names(null, null)), Set.of(Roles.ADMINISTRATOR));
  }

  static String fingerprint(String pem) {
    return X509Pem.parse(pem).fingerprint();
  }

  AuditEntry lastAudit() {
    return audit.latest(1).getFirst();
  }

  @Test
  void create_storesWhatItReadsFromTheCertificate_auditsIt_andPublishesIt() {
    clock.advance(Duration.ofMinutes(3));
    CompanyCert created = certs.create(admin, pems.leaf(), USER_CERT, true);

    X509Pem.Parsed parsed = X509Pem.parse(pems.leaf());
    assertThat(created.fingerprint()).matches("[0-9a-f]{64}").isEqualTo(parsed.fingerprint());
    assertThat(created.pem()).isEqualTo(parsed.pem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(created.attributes()).isEqualTo(USER_CERT);
    assertThat(created.commonName()).isEqualTo("leaf.user");
    assertThat(created.expiresAt()).isEqualTo(parsed.certificate().getNotAfter().toInstant());
    assertThat(created.issuerFingerprint()).isNull();
    assertThat(created.lastSeenAt()).isNull();
    assertThat(created.createdAt()).isEqualTo(clock.instant()).isEqualTo(created.updatedAt());
    assertThat(created.updatedBy()).isEqualTo(admin.id());
    assertThat(store.byFingerprint(created.fingerprint())).contains(created);

    AuditEntry entry = lastAudit();
    assertThat(entry.actorId()).isEqualTo(admin.id());
    assertThat(entry.action()).isEqualTo("companycert.create");
    assertThat(entry.target()).isEqualTo("companycert:" + created.fingerprint());
    assertThat(entry.before()).isNull();
    assertThat((String) entry.after()).contains("\"fingerprint\":\"" + created.fingerprint() + "\"");
    assertThat(entry.at()).isEqualTo(clock.instant());
    assertThat(published).containsExactly(new DomainEvent.CompanyCertCreated(created, clock.instant()));
  }

  @Test
  void aCertificateRegisteredAfterItsIssuer_namesIt_andTheSelfSignedIssuerNamesNone() {
    CompanyCert ca = certs.create(admin, pems.ca(), CA_CERT, true);
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);

    assertThat(ca.issuerFingerprint()).isNull();
    assertThat(leaf.issuerFingerprint()).isEqualTo(ca.fingerprint());
    assertThat(certs.issuedBy(admin, ca.fingerprint())).containsExactly(leaf);
    assertThat(certs.issuedBy(admin, leaf.fingerprint())).isEmpty();
  }

  @Test
  void anIssuerRegisteredAfterItsCertificates_becomesTheirIssuer() {
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    CompanyCert expired = certs.create(admin, pems.expired(), USER_CERT, false);
    CompanyCert ca = certs.create(admin, pems.ca(), CA_CERT, true);

    assertThat(certs.issuedBy(admin, ca.fingerprint())).extracting(CompanyCert::fingerprint)
        .containsExactlyInAnyOrder(leaf.fingerprint(), expired.fingerprint());
    assertThat(store.byFingerprint(leaf.fingerprint()).orElseThrow().issuerFingerprint()).isEqualTo(ca.fingerprint());
  }

  @Test
  void anAuthorityWithTheIssuersNameButAnotherKey_isNotTheIssuer() {
    CompanyCert impostor = certs.create(admin, pems.otherCa(), CA_CERT, true);
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    assertThat(leaf.issuerFingerprint()).isNull();

    CompanyCert ca = certs.create(admin, pems.ca(), CA_CERT, true);
    assertThat(certs.issuedBy(admin, ca.fingerprint())).extracting(CompanyCert::fingerprint)
        .containsExactly(leaf.fingerprint());
    assertThat(certs.issuedBy(admin, impostor.fingerprint())).isEmpty();
  }

  @Test
  void deletingAnIssuer_leavesItsCertificatesWithoutOne_auditsIt_andPublishesIt() {
    CompanyCert ca = certs.create(admin, pems.ca(), CA_CERT, true);
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    published.clear();
    clock.advance(Duration.ofHours(1));

    CompanyCert deleted = certs.delete(admin, ca.fingerprint());

    assertThat(deleted).isEqualTo(ca);
    assertThat(store.byFingerprint(ca.fingerprint())).isEmpty();
    assertThat(store.byFingerprint(leaf.fingerprint()).orElseThrow().issuerFingerprint()).isNull();
    AuditEntry entry = lastAudit();
    assertThat(entry.action()).isEqualTo("companycert.delete");
    assertThat(entry.target()).isEqualTo("companycert:" + ca.fingerprint());
    assertThat((String) entry.before()).contains("\"fingerprint\":\"" + ca.fingerprint() + "\"");
    assertThat(entry.after()).isNull();
    assertThat(published).containsExactly(new DomainEvent.CompanyCertDeleted(ca, clock.instant()));
  }

  @Test
  void update_replacesOnlyTheAttributesGiven_auditsIt_andPublishesIt() {
    CompanyCert before = certs.create(admin, pems.leaf(), USER_CERT, true);
    published.clear();
    clock.advance(Duration.ofMinutes(10));
    User other = withRoles(user(userId(2), "other.admin", null, names(null, null)),
        Set.of(Roles.SUPER_ADMINISTRATOR));

    CompanyCert after = certs.update(other, before.fingerprint(), new CertAttributesEdit(null, null,
        CertStatus.REVOKED));

    assertThat(after.attributes()).isEqualTo(new CertAttributes("Leaf", CertType.USER, CertStatus.REVOKED));
    assertThat(after.updatedAt()).isEqualTo(clock.instant());
    assertThat(after.updatedBy()).isEqualTo(other.id());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(store.byFingerprint(before.fingerprint())).contains(after);
    AuditEntry entry = lastAudit();
    assertThat(entry.actorId()).isEqualTo(other.id());
    assertThat(entry.action()).isEqualTo("companycert.update");
    assertThat((String) entry.before()).contains("\"status\":\"TRUSTED\"");
    assertThat((String) entry.after()).contains("\"status\":\"REVOKED\"");
    assertThat(published).containsExactly(new DomainEvent.CompanyCertUpdated(before, after, clock.instant()));
  }

  @Test
  void aFingerprintInUpperCaseOrWithColons_findsTheCertificate() {
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    String colons = String.join(":", leaf.fingerprint().toUpperCase(Locale.ROOT).split("(?<=\\G..)"));
    assertThat(certs.get(admin, colons)).isEqualTo(leaf);
    assertThat(certs.detail(admin, leaf.fingerprint().toUpperCase(Locale.ROOT)).cert()).isEqualTo(leaf);
  }

  @Test
  void podManaged_listsTheOperationsCertificatesOnly() {
    certs.create(admin, pems.leaf(), USER_CERT, true);
    CompanyCert ops = certs.create(admin, pems.ca(), new CertAttributes("Ops", CertType.OPERATIONSSIGNING,
        CertStatus.KNOWN), true);
    CompanyCert opsUser = certs.create(admin, pems.expired(), new CertAttributes("Ops user",
        CertType.OPERATIONSUSER, CertStatus.KNOWN), false);
    assertThat(certs.listPodManaged(admin, 0, 10)).containsExactly(ops, opsUser);
    assertThat(certs.listOfTypes(admin, Set.of(), 0, 10)).isEmpty();
    assertThat(certs.list(admin, 0, 10)).hasSize(3);
  }

  // ---- refusals change nothing

  void refused(ThrowingCallable call, Class<? extends AtriumException> type, String message) {
    Map<String, String> before = snapshot();
    published.clear();
    assertThatThrownBy(call).isInstanceOf(type).hasMessage(message);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
  }

  @Test
  void aDuplicateCertificate_isAConflict_andChangesNothing() {
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    refused(() -> certs.create(admin, pems.leaf(), CA_CERT, false), AtriumException.Conflict.class,
        "Company certificate " + leaf.fingerprint() + " already exists");
  }

  @Test
  void anExpiredCertificate_isRefusedByTheV2Rule_andAcceptedOtherwise() {
    String notAfter = X509Pem.parse(pems.expired()).notAfter().toString();
    refused(() -> certs.create(admin, pems.expired(), USER_CERT, true), AtriumException.Invalid.class,
        "The certificate expired on " + notAfter);
    assertThat(certs.create(admin, pems.expired(), USER_CERT, false).commonName()).isEqualTo("expired.user");
  }

  @Test
  void anUnknownFingerprint_isNotFound_forEveryOperation() {
    certs.create(admin, pems.leaf(), USER_CERT, true);
    String unknown = "0".repeat(64);
    String message = "Company certificate " + unknown + " not found";
    refused(() -> certs.get(admin, unknown), AtriumException.NotFound.class, message);
    refused(() -> certs.issuedBy(admin, unknown), AtriumException.NotFound.class, message);
    refused(() -> certs.update(admin, unknown, new CertAttributesEdit("x", null, null)),
        AtriumException.NotFound.class, message);
    refused(() -> certs.delete(admin, unknown), AtriumException.NotFound.class, message);
  }

  @Test
  void onlyPodAdministrators_mayReadOrChangeCertificates() {
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    String message = "The user lacks the required entitlement to perform this operation";
    for (String role : List.of(Roles.USER_PROVISIONING, Roles.INDIVIDUAL)) {
      User actor = withRoles(user(userId(3), "someone", null, names(null, null)), Set.of(role));
      Class<AtriumException.Forbidden> forbidden = AtriumException.Forbidden.class;
      refused(() -> certs.create(actor, pems.ca(), CA_CERT, true), forbidden, message);
      refused(() -> certs.update(actor, leaf.fingerprint(), new CertAttributesEdit("x", null, null)), forbidden,
          message);
      refused(() -> certs.delete(actor, leaf.fingerprint()), forbidden, message);
      refused(() -> certs.get(actor, leaf.fingerprint()), forbidden, message);
      refused(() -> certs.list(actor, 0, 10), forbidden, message);
      refused(() -> certs.listPodManaged(actor, 0, 10), forbidden, message);
      refused(() -> certs.issuedBy(actor, leaf.fingerprint()), forbidden, message);
    }
  }

  @Test
  void aBlankOrLongName_isRefused() {
    CompanyCert leaf = certs.create(admin, pems.leaf(), USER_CERT, true);
    refused(() -> certs.create(admin, pems.ca(), new CertAttributes(" ", CertType.USER, CertStatus.KNOWN), true),
        AtriumException.Invalid.class, "name must not be blank");
    refused(() -> certs.update(admin, leaf.fingerprint(), new CertAttributesEdit("n".repeat(257), null, null)),
        AtriumException.Invalid.class, "name must be at most 256 characters long");
  }
}
