package dev.atrium.store.jdbc;

/** The company certificate store contract on PostgreSQL: the server named by ATRIUM_TEST_PG_URL, else embedded. */
class CompanyCertStoreContractPostgresTest extends CompanyCertStoreContract {
  CompanyCertStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
