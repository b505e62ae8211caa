package dev.atrium.store.jdbc;

/** The Messages service over the JDBC stores on H2. */
class MessageServicesH2Test extends MessageServiceSuite {
  MessageServicesH2Test() {
    super(Backend.H2);
  }
}
