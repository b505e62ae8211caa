package dev.atrium.store.jdbc;

/** The user-model services over the JDBC stores on an in-memory H2 database. */
class UserModelServicesH2Test extends UserModelServiceSuite {
  UserModelServicesH2Test() {
    super(Backend.H2);
  }
}
