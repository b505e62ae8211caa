package dev.atrium.store.jdbc;

/** The message store contract on Postgres. */
class MessageStoreContractPostgresTest extends MessageStoreContract {
  MessageStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
