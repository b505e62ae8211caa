package dev.atrium.store.jdbc;

/** The company certificate service over the JDBC store on PostgreSQL. */
class CompanyCertServicesPostgresTest extends CompanyCertServiceSuite {
  CompanyCertServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
