package dev.atrium.store.jdbc;

/** The room store contract on an in-memory H2 database. */
class RoomStoreContractH2Test extends RoomStoreContract {
  RoomStoreContractH2Test() {
    super(Backend.H2);
  }
}
