package dev.atrium.store.jdbc;

/** The Users, Sessions and Admin services over the JDBC stores on an in-memory H2 database. */
class ServicesH2Test extends ServiceSuite {
  ServicesH2Test() {
    super(Backend.H2);
  }
}
