package dev.atrium.store.jdbc;

/** The barrier store contract on PostgreSQL: the server named by ATRIUM_TEST_PG_URL, else an embedded one. */
class BarrierStoreContractPostgresTest extends BarrierStoreContract {
  BarrierStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
