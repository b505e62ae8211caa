package dev.atrium.core.cert;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Storage of company certificates; every call joins the caller's transaction. Lists are ordered by name, then
 * fingerprint.
 */
public interface CompanyCertStore {
  /** Inserts a certificate; a fingerprint already stored is a {@code Conflict}. */
  void insert(CompanyCert cert);

  /** Replaces the attributes and the update time and author of a stored certificate. */
  void updateAttributes(CompanyCert cert);

  void setIssuer(String fingerprint, @Nullable String issuerFingerprint);

  /** Whether a certificate was deleted. */
  boolean delete(String fingerprint);

  Optional<CompanyCert> byFingerprint(String fingerprint);

  /** A page of every certificate. */
  List<CompanyCert> page(int skip, int limit);

  /** A page of the certificates of the types given. */
  List<CompanyCert> pageOfTypes(Set<CertType> types, int skip, int limit);

  /** The certificates whose issuer is the one given. */
  List<CompanyCert> issuedBy(String fingerprint);

  /** The certificates whose subject has the hash given: the candidates to have issued a certificate. */
  List<CompanyCert> withSubject(String subjectHash);

  /** The certificates whose issuer name has the hash given: the candidates to have been issued by one. */
  List<CompanyCert> withIssuerName(String issuerHash);
}
