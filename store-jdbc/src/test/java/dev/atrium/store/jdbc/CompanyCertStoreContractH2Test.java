package dev.atrium.store.jdbc;

/** The company certificate store contract on an in-memory H2 database. */
class CompanyCertStoreContractH2Test extends CompanyCertStoreContract {
  CompanyCertStoreContractH2Test() {
    super(Backend.H2);
  }
}
