package dev.atrium.core.cert;

import java.util.List;

/** A certificate with the details read from it for display. */
public record CompanyCertDetail(CompanyCert cert, List<CertSection> certInfo) {
  public CompanyCertDetail {
    certInfo = List.copyOf(certInfo);
  }
}
