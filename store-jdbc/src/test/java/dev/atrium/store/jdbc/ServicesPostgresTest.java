package dev.atrium.store.jdbc;

/** The Users, Sessions and Admin services over the JDBC stores on PostgreSQL (ATRIUM_TEST_PG_URL, else embedded). */
class ServicesPostgresTest extends ServiceSuite {
  ServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
