package dev.atrium.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  @Test
  void createDatabase_handsOutAnEmptyDatabaseOfItsOwn_andCloseDropsIt() throws SQLException {
    TestDatabase first = TestPostgres.createDatabase();
    try (TestDatabase second = TestPostgres.createDatabase()) {
      assertThat(first.name()).startsWith("atrium_test_").isNotEqualTo(second.name());
      assertThat(first.url()).endsWith("/" + first.name());
      try (Connection c = connect(first); Statement st = c.createStatement()) {
        assertThat(count(st, "select count(*) from information_schema.tables where table_schema = 'public'"))
            .isZero();
        st.execute("create table t (x int)");
      }
      try (Connection c = connect(second); Statement st = c.createStatement()) {
        assertThat(count(st, "select count(*) from information_schema.tables where table_schema = 'public'"))
            .as("a table made in one database is not in another").isZero();
      }
    }
    first.close();
    assertThatThrownBy(() -> connect(first).close()).isInstanceOf(SQLException.class)
        .hasMessageContaining(first.name());
  }

  @Test
  void close_twice_dropsOnce() throws SQLException {
    TestDatabase db = TestPostgres.createDatabase();
    try (TestDatabase other = TestPostgres.createDatabase()) {
      db.close();
      assertThat(exists(other, db.name())).as("dropped by the first close").isFalse();
      // A database of the same name, made since: a second drop would take it.
      execute(other, "create database " + db.name());
      try {
        db.close();
        assertThat(exists(other, db.name())).as("left alone by the second close").isTrue();
      } finally {
        execute(other, "drop database if exists " + db.name());
      }
    }
  }

  @Test
  void withDatabase_replacesOnlyTheDatabaseOfAUrl() {
    assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "atrium_test_1"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/atrium_test_1");
    assertThat(TestPostgres.withDatabase("jdbc:postgresql://db1:5432,db2:5433/test?sslmode=disable&ssl=false", "x"))
        .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/x?sslmode=disable&ssl=false");
    assertThat(TestPostgres.withDatabase("jdbc:postgresql://localhost/", "x"))
        .isEqualTo("jdbc:postgresql://localhost/x");
    assertThat(TestPostgres.withDatabase("jdbc:postgresql://localhost", "x"))
        .isEqualTo("jdbc:postgresql://localhost/x");
  }

  private static Connection connect(TestDatabase db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.user());
    if (db.password() != null) {
      props.setProperty("password", db.password());
    }
    return DriverManager.getConnection(db.url(), props);
  }

  private static boolean exists(TestDatabase via, String database) throws SQLException {
    try (Connection c = connect(via);
        PreparedStatement st = c.prepareStatement("select count(*) from pg_database where datname = ?")) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    }
  }

  private static void execute(TestDatabase via, String sql) throws SQLException {
    try (Connection c = connect(via); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
