package dev.atrium.store.jdbc;

/** The user-model store contract on PostgreSQL (ATRIUM_TEST_PG_URL, else embedded). */
class UserModelStoreContractPostgresTest extends UserModelStoreContract {
  UserModelStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
