package dev.atrium.store.jdbc;

/** The information-barrier service over the JDBC stores on PostgreSQL. */
class BarrierServicesPostgresTest extends BarrierServiceSuite {
  BarrierServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
