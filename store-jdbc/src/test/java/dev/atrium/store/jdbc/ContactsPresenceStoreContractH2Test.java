package dev.atrium.store.jdbc;

/** The connection and presence store contract on an in-memory H2 database. */
class ContactsPresenceStoreContractH2Test extends ContactsPresenceStoreContract {
  ContactsPresenceStoreContractH2Test() {
    super(Backend.H2);
  }
}
