package dev.atrium.core.cert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A company certificate as stored: the certificate itself (PEM, normalised to 64-character lines), what the
 * administrator said about it, and what was read from it once at registration.
 *
 * <p>The fingerprint, its id, is the lower-case hex SHA-256 of the DER encoding. {@code subjectHash} and
 * {@code issuerHash} are SHA-256 hashes of the canonical subject and issuer names: a certificate's issuer is
 * looked for among the certificates whose subject hash equals its issuer hash. {@code issuerFingerprint} names
 * the stored certificate whose key verifies this one's signature, if any (never the certificate itself).
 * {@code lastSeenAt} is when the certificate was last presented to log in; Atrium has no certificate login yet,
 * so it stays absent.
 */
public record CompanyCert(
    String fingerprint,
    String pem,
    CertAttributes attributes,
    @Nullable String issuerFingerprint,
    String subjectHash,
    String issuerHash,
    @Nullable String commonName,
    Instant expiresAt,
    @Nullable Instant lastSeenAt,
    Instant createdAt,
    Instant updatedAt,
    long updatedBy) {

  public CompanyCert withAttributes(CertAttributes changed, Instant at, long by) {
    return new CompanyCert(fingerprint, pem, changed, issuerFingerprint, subjectHash, issuerHash, commonName,
        expiresAt, lastSeenAt, createdAt, at, by);
  }

  public CompanyCert withIssuer(@Nullable String issuer) {
    return new CompanyCert(fingerprint, pem, attributes, issuer, subjectHash, issuerHash, commonName, expiresAt,
        lastSeenAt, createdAt, updatedAt, updatedBy);
  }
}
