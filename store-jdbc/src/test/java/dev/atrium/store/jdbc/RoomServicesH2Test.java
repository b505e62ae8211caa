package dev.atrium.store.jdbc;

/** The Rooms service over the JDBC stores on an in-memory H2 database. */
class RoomServicesH2Test extends RoomServiceSuite {
  RoomServicesH2Test() {
    super(Backend.H2);
  }
}
