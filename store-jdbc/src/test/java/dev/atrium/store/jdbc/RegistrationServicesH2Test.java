package dev.atrium.store.jdbc;

/** Registration and free usernames over the JDBC stores on H2. */
class RegistrationServicesH2Test extends RegistrationServiceSuite {
  RegistrationServicesH2Test() {
    super(Backend.H2);
  }
}
