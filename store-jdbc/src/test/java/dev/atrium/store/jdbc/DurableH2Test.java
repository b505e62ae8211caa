package dev.atrium.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 on disk is opened so that a commit is on the device before the statement returns: H2's own default keeps
 * commits in memory for up to 500 ms, and a kill -9 lost acknowledged users (and handed their ids out again). Each
 * commit is appended at the end of the file, where recovery finds it, and {@link Database#compact} gives the space
 * back.
 */
class DurableH2Test {
  @Test
  void theDefaultFileUrl_isSyncedWithoutWriteDelay_andAppendsEachCommit() {
    assertThat(Database.durableH2("jdbc:h2:file:/data/atrium;DB_CLOSE_ON_EXIT=FALSE"))
        .isEqualTo("jdbc:h2:fsync:/data/atrium;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;REUSE_SPACE=FALSE");
  }

  @Test
  void aPathWithoutPrefix_isSyncedToo() {
    assertThat(Database.durableH2("jdbc:h2:/data/atrium")).isEqualTo("jdbc:h2:fsync:/data/atrium;WRITE_DELAY=0;REUSE_SPACE=FALSE");
    assertThat(Database.durableH2("jdbc:h2:~/atrium;MODE=Regular"))
        .isEqualTo("jdbc:h2:fsync:~/atrium;MODE=Regular;WRITE_DELAY=0;REUSE_SPACE=FALSE");
  }

  @Test
  void anExplicitWriteDelayOrReuseSpace_isKept() {
    assertThat(Database.durableH2("jdbc:h2:file:/data/atrium;write_delay=500"))
        .isEqualTo("jdbc:h2:fsync:/data/atrium;write_delay=500;REUSE_SPACE=FALSE");
    assertThat(Database.durableH2("jdbc:h2:file:/data/atrium;reuse_space=true"))
        .isEqualTo("jdbc:h2:fsync:/data/atrium;reuse_space=true;WRITE_DELAY=0");
    assertThat(Database.durableH2("jdbc:h2:nio:/data/atrium;WRITE_DELAY=500;REUSE_SPACE=TRUE"))
        .isEqualTo("jdbc:h2:nio:/data/atrium;WRITE_DELAY=500;REUSE_SPACE=TRUE");
  }

  @Test
  void anotherFileSystem_optsOutOfTheSyncOnly() {
    assertThat(Database.durableH2("jdbc:h2:nio:/data/atrium"))
        .isEqualTo("jdbc:h2:nio:/data/atrium;WRITE_DELAY=0;REUSE_SPACE=FALSE");
    assertThat(Database.durableH2("jdbc:h2:fsync:/data/atrium;WRITE_DELAY=0"))
        .isEqualTo("jdbc:h2:fsync:/data/atrium;WRITE_DELAY=0;REUSE_SPACE=FALSE");
  }

  @Test
  void inMemoryAndRemoteDatabases_areLeftAlone() {
    assertThat(Database.durableH2("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
    assertThat(Database.durableH2("jdbc:h2:tcp://db:9092/atrium")).isEqualTo("jdbc:h2:tcp://db:9092/atrium");
    assertThat(Database.durableH2("jdbc:h2:ssl://db:9092/atrium")).isEqualTo("jdbc:h2:ssl://db:9092/atrium");
  }

  @Test
  void aFileDatabase_opensWithoutWriteDelay_andKeepsItsRowsAcrossReopening(@TempDir Path dir) throws Exception {
    String url = Database.h2FileUrl(dir);
    try (Database database = Database.open(url, null, null, 2)) {
      assertThat(database.dsl().fetchValue(
          "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'"))
          .isEqualTo("0");
      database.dsl().execute("create table durable_probe (id int primary key)");
      database.dsl().execute("insert into durable_probe values (1)");
    }
    assertThat(Files.exists(dir.resolve("atrium.mv.db"))).isTrue();
    try (Database database = Database.open(url, null, null, 2)) {
      assertThat(database.dsl().fetchValue("select count(*) from durable_probe")).isEqualTo(1L);
    }
  }
  @Test
  void aFileThatAppendsEveryCommit_isCompacted_andKeepsItsRows(@TempDir Path dir) throws Exception {
    String url = Database.h2FileUrl(dir);
    Path file = dir.resolve("atrium.mv.db");
    try (Database database = Database.open(url, null, null, 2)) {
      database.dsl().execute("create table compact_probe (id int primary key, v varchar(200))");
      // Again and again: after a first compaction H2 frees dead chunks at once, and the file fills with free space.
      for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 1000; i++) {
          // one commit each, rewriting the same rows: the file grows by a chunk a commit, nearly all of it dead
          database.dsl().execute("merge into compact_probe values (" + (i % 50) + ", '" + "x".repeat(150) + i + "')");
        }
        long grown = Files.size(file);
        for (int run = 0; run < 20; run++) {
          database.compact(java.time.Duration.ofSeconds(1));
        }
        assertThat(Files.size(file)).as("the file after compaction %d, grown to %,d bytes", round + 1, grown)
            .isLessThan(grown / 4);
      }
      database.dsl().execute("insert into compact_probe values (1000, 'after')");
    }
    try (Database database = Database.open(url, null, null, 2)) {
      assertThat(database.dsl().fetchValue("select count(*) from compact_probe")).isEqualTo(51L);
      assertThat(database.dsl().fetchValue("select v from compact_probe where id = 7"))
          .isEqualTo("x".repeat(150) + 957);
    }
  }
}
