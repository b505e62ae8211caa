package dev.atrium.store.jdbc;

/** The Connections and Presence services over the JDBC stores on an in-memory H2 database. */
class ContactsPresenceServicesH2Test extends ContactsPresenceServiceSuite {
  ContactsPresenceServicesH2Test() {
    super(Backend.H2);
  }
}
