package dev.atrium.store.jdbc;

/** The account services over the JDBC stores on H2. */
class AccountServicesH2Test extends AccountServiceSuite {
  AccountServicesH2Test() {
    super(Backend.H2);
  }
}
