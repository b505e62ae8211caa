package dev.atrium.store.jdbc;

/** The message store contract on H2. */
class MessageStoreContractH2Test extends MessageStoreContract {
  MessageStoreContractH2Test() {
    super(Backend.H2);
  }
}
