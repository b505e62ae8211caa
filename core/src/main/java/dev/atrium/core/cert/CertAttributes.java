package dev.atrium.core.cert;

/** What an administrator says about a certificate: a friendly name, its type and its status. */
public record CertAttributes(String name, CertType type, CertStatus status) {}
