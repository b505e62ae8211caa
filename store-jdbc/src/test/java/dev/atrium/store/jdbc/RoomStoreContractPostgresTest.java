package dev.atrium.store.jdbc;

/** The room store contract on PostgreSQL: the server named by ATRIUM_TEST_PG_URL, else an embedded one. */
class RoomStoreContractPostgresTest extends RoomStoreContract {
  RoomStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
