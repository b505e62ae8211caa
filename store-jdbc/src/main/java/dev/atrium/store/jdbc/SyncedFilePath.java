package dev.atrium.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's disk file system with every write synchronous: a database opened as {@code jdbc:h2:fsync:/path} opens its
 * files for writing in mode {@code rwd} ({@code O_DSYNC}), so a write returns only once its data is on the device.
 * H2's MVStore never syncs a commit by itself (it calls {@code force} only on close and {@code CHECKPOINT SYNC});
 * with {@code WRITE_DELAY=0} it writes each commit before the statement returns, and through this file system
 * that write is on disk before the request is answered. Concurrent commits share a write (MVStore stores once for
 * every transaction that committed while the previous store ran), so a busy server pays less than one sync per
 * commit.
 */
public final class SyncedFilePath extends FilePathWrapper {
  /** The prefix of the database name in the JDBC URL. */
  public static final String SCHEME = "fsync";

  // H2 makes a wrapper per path with the no-argument constructor, the way it makes its own.
  public SyncedFilePath() {}

  @Override
  public FileChannel open(String mode) throws IOException {
    return getBase().open(mode.equals("rw") ? "rwd" : mode);
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
