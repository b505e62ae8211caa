package dev.atrium.store.jdbc;

/** The information-barrier service over the JDBC stores on an in-memory H2 database. */
class BarrierServicesH2Test extends BarrierServiceSuite {
  BarrierServicesH2Test() {
    super(Backend.H2);
  }
}
