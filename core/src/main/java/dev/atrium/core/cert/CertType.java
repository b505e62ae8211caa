package dev.atrium.core.cert;

/** What a company certificate is for; the names are Symphony's. */
public enum CertType {
  USERSIGNING,
  USER,
  OPERATIONSSIGNING,
  OPERATIONSUSER
}
