package dev.atrium.store.jdbc;

/** The connection and presence store contract on PostgreSQL: ATRIUM_TEST_PG_URL's server, else an embedded one. */
class ContactsPresenceStoreContractPostgresTest extends ContactsPresenceStoreContract {
  ContactsPresenceStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
