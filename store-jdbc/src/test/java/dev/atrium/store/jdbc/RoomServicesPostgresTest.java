package dev.atrium.store.jdbc;

/** The Rooms service over the JDBC stores on PostgreSQL. */
class RoomServicesPostgresTest extends RoomServiceSuite {
  RoomServicesPostgresTest() {
    super(Backend.POSTGRES);
  }
}
