package dev.atrium.store.jdbc;

/** The store contract on an in-memory H2 database. */
class StoreContractH2Test extends StoreContract {
  StoreContractH2Test() {
    super(Backend.H2);
  }
}
