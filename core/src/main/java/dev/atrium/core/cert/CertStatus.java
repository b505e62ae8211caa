package dev.atrium.core.cert;

/** How far the pod trusts a company certificate; the names are Symphony's. */
public enum CertStatus {
  TRUSTED,
  KNOWN,
  REVOKED,
  DISABLED
}
