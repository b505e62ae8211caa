package dev.atrium.store.jdbc;

/** Concurrent read-modify-write changes of one user over the JDBC stores on PostgreSQL. */
class PatchServicesPostgresTest extends PatchServiceSuite {
  PatchServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
