package dev.atrium.core.cert;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pod's company certificates, for pod administrators (SUPER_ADMINISTRATOR, ADMINISTRATOR) only. Every change
 * is one transaction that writes the audit log; its event is published after commit.
 *
 * <p>A certificate's issuer is the stored certificate whose subject is its issuer name and whose key verifies
 * its signature. Links are kept both ways as certificates come and go: a certificate registered after those it
 * issued becomes their issuer, and deleting an issuer leaves its certificates with another stored certificate
 * that verifies them, or none.
 */
public final class CompanyCerts {
  public static final int MAX_NAME_LENGTH = 256;
  public static final int MAX_COMMON_NAME_LENGTH = 1024;
  /** The types {@code podmanaged} lists. */
  public static final Set<CertType> POD_MANAGED = Set.copyOf(EnumSet.of(CertType.OPERATIONSSIGNING,
      CertType.OPERATIONSUSER));

  private final CompanyCertStore store;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public CompanyCerts(CompanyCertStore store, AuditLog audit, Transactor tx, Events events, InstantSource clock) {
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  // ---- reads

  public CompanyCertDetail detail(User actor, String fingerprint) {
    CompanyCert cert = get(actor, fingerprint);
    return new CompanyCertDetail(cert, X509Pem.details(X509Pem.parse(cert.pem()).certificate()));
  }

  public CompanyCert get(User actor, String fingerprint) {
    requireAdmin(actor);
    return find(fingerprint);
  }

  public List<CompanyCert> list(User actor, int skip, int limit) {
    requireAdmin(actor);
    checkPage(skip, limit);
    return store.page(skip, limit);
  }

  /** The certificates of the given types; none given, none listed. */
  public List<CompanyCert> listOfTypes(User actor, Set<CertType> types, int skip, int limit) {
    requireAdmin(actor);
    checkPage(skip, limit);
    return types.isEmpty() ? List.of() : store.pageOfTypes(types, skip, limit);
  }

  /**
   * What a real pod lists as pod-managed are the certificates it made for its own services. Atrium makes none,
   * so the nearest meaning is kept: the certificates registered for the pod's operations (OPERATIONS* types).
   */
  public List<CompanyCert> listPodManaged(User actor, int skip, int limit) {
    return listOfTypes(actor, POD_MANAGED, skip, limit);
  }

  /** The certificates that the one given issued (whose signature its key verifies). */
  public List<CompanyCert> issuedBy(User actor, String fingerprint) {
    CompanyCert issuer = get(actor, fingerprint);
    return store.issuedBy(issuer.fingerprint());
  }

  // ---- changes

  /**
   * Registers a certificate. {@code rejectExpired} is the v2 endpoint's rule; v1 registers an expired
   * certificate as Symphony's v1 does.
   */
  public CompanyCert create(User actor, String pem, CertAttributes attributes, boolean rejectExpired) {
    requireAdmin(actor);
    checkName(attributes.name());
    X509Pem.Parsed parsed = X509Pem.parse(pem);
    Instant now = clock.instant();
    if (rejectExpired) {
      require(!parsed.notAfter().isBefore(now), "The certificate expired on " + parsed.notAfter());
    }
    require(parsed.commonName() == null || parsed.commonName().length() <= MAX_COMMON_NAME_LENGTH,
        "The certificate's common name must be at most " + MAX_COMMON_NAME_LENGTH + " characters long");
    return tx.inTransaction(() -> {
      if (store.byFingerprint(parsed.fingerprint()).isPresent()) {
        throw AtriumException.conflict("Company certificate " + parsed.fingerprint() + " already exists");
      }
      CompanyCert cert = new CompanyCert(parsed.fingerprint(), parsed.pem(), attributes,
          issuerOf(parsed.fingerprint(), parsed.certificate(), parsed.issuerHash()), parsed.subjectHash(),
          parsed.issuerHash(), parsed.commonName(), parsed.notAfter(), null, now, now, actor.id());
      store.insert(cert);
      for (CompanyCert child : store.withIssuerName(cert.subjectHash())) {
        if (child.issuerFingerprint() == null && !child.fingerprint().equals(cert.fingerprint())
            && X509Pem.issued(parsed.certificate(), certificate(child))) {
          store.setIssuer(child.fingerprint(), cert.fingerprint());
        }
      }
      audit.append(new AuditEntry(actor.id(), "companycert.create", target(cert), null, cert, now));
      events.publish(new DomainEvent.CompanyCertCreated(cert, now));
      return cert;
    });
  }

  public CompanyCert update(User actor, String fingerprint, CertAttributesEdit edit) {
    requireAdmin(actor);
    if (edit.name() != null) {
      checkName(edit.name());
    }
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      CompanyCert before = find(fingerprint);
      CompanyCert changed = before.withAttributes(edit.applyTo(before.attributes()), now, actor.id());
      store.updateAttributes(changed);
      audit.append(new AuditEntry(actor.id(), "companycert.update", target(changed), before, changed, now));
      events.publish(new DomainEvent.CompanyCertUpdated(before, changed, now));
      return changed;
    });
  }

  public CompanyCert delete(User actor, String fingerprint) {
    requireAdmin(actor);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      CompanyCert cert = find(fingerprint);
      store.delete(cert.fingerprint());
      for (CompanyCert child : store.issuedBy(cert.fingerprint())) {
        store.setIssuer(child.fingerprint(), issuerOf(child.fingerprint(), certificate(child), child.issuerHash()));
      }
      audit.append(new AuditEntry(actor.id(), "companycert.delete", target(cert), cert, null, now));
      events.publish(new DomainEvent.CompanyCertDeleted(cert, now));
      return cert;
    });
  }

  // ----

  private CompanyCert find(String fingerprint) {
    String normalised = X509Pem.normaliseFingerprint(fingerprint);
    return store.byFingerprint(normalised)
        .orElseThrow(() -> AtriumException.notFound("Company certificate " + fingerprint + " not found"));
  }

  /** The stored certificate, other than the certificate itself, that issued it; the first by name if several. */
  private @Nullable String issuerOf(String fingerprint, X509Certificate cert, String issuerHash) {
    for (CompanyCert candidate : store.withSubject(issuerHash)) {
      if (!candidate.fingerprint().equals(fingerprint) && X509Pem.issued(certificate(candidate), cert)) {
        return candidate.fingerprint();
      }
    }
    return null;
  }

  private static X509Certificate certificate(CompanyCert stored) {
    return X509Pem.parse(stored.pem()).certificate();
  }

  private static String target(CompanyCert cert) {
    return "companycert:" + cert.fingerprint();
  }

  private static void requireAdmin(User actor) {
    Roles.require(actor, Roles.POD_ADMINS);
  }

  private static void checkName(String name) {
    require(!name.isBlank(), "name must not be blank");
    require(name.length() <= MAX_NAME_LENGTH, "name must be at most " + MAX_NAME_LENGTH + " characters long");
  }

  private static void checkPage(int skip, int limit) {
    require(skip >= 0, "skip must not be negative");
    require(limit > 0, "limit must be positive");
  }
}
