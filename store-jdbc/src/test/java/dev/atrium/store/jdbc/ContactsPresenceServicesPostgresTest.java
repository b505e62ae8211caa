package dev.atrium.store.jdbc;

/** The Connections and Presence services over the JDBC stores on PostgreSQL. */
class ContactsPresenceServicesPostgresTest extends ContactsPresenceServiceSuite {
  ContactsPresenceServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
