package dev.atrium.store.jdbc;

/** The company certificate service over the JDBC store on an in-memory H2 database. */
class CompanyCertServicesH2Test extends CompanyCertServiceSuite {
  CompanyCertServicesH2Test() {
    super(Backend.H2);
  }
}
