package dev.atrium.store.jdbc;

/** The barrier store contract on an in-memory H2 database. */
class BarrierStoreContractH2Test extends BarrierStoreContract {
  BarrierStoreContractH2Test() {
    super(Backend.H2);
  }
}
