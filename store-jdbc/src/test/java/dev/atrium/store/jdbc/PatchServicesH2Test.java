package dev.atrium.store.jdbc;

/** Concurrent read-modify-write changes of one user over the JDBC stores on H2. */
class PatchServicesH2Test extends PatchServiceSuite {
  PatchServicesH2Test() {
    super(Backend.H2);
  }
}
