package dev.atrium.store.jdbc;

/** Registration and free usernames over the JDBC stores on PostgreSQL. */
class RegistrationServicesPostgresTest extends RegistrationServiceSuite {
  RegistrationServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
