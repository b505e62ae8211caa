package dev.atrium.store.jdbc;

/** The user-model services over the JDBC stores on PostgreSQL (ATRIUM_TEST_PG_URL, else embedded). */
class UserModelServicesPostgresTest extends UserModelServiceSuite {
  UserModelServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
