package dev.atrium.store.jdbc;

/** The account services over the JDBC stores on Postgres. */
class AccountServicesPostgresTest extends AccountServiceSuite {
  AccountServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
