package dev.atrium.store.jdbc;

/** The mail store contract on Postgres. */
class MailStoreContractPostgresTest extends MailStoreContract {
  MailStoreContractPostgresTest() {
    super(Backend.POSTGRES);
  }
}
