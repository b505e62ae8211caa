package dev.atrium.store.jdbc;

/** The user-model store contract on an in-memory H2 database. */
class UserModelStoreContractH2Test extends UserModelStoreContract {
  UserModelStoreContractH2Test() {
    super(Backend.H2);
  }
}
