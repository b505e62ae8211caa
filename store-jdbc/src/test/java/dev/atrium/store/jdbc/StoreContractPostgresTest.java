package dev.atrium.store.jdbc;

/** The store contract on PostgreSQL: the server named by ATRIUM_TEST_PG_URL, else an embedded one. */
class StoreContractPostgresTest extends StoreContract {
  StoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
