package dev.atrium.store.jdbc;

/** The Messages service over the JDBC stores on Postgres. */
class MessageServicesPostgresTest extends MessageServiceSuite {
  MessageServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
