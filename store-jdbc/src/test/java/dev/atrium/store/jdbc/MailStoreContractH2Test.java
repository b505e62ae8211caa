package dev.atrium.store.jdbc;

/** The mail store contract on H2. */
class MailStoreContractH2Test extends MailStoreContract {
  MailStoreContractH2Test() {
    super(Backend.H2);
  }
}
