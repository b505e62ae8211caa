package dev.atrium.server;

import dev.atrium.http.Job;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server's periodic jobs on one virtual thread. A failing run is logged with the job's name and an
 * incident id, and the job runs again on time: one broken job stops nothing else.
 */
final class Housekeeping implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      Thread.ofVirtual().name("atrium-housekeeping").factory());

  Housekeeping(List<Job> jobs) {
    for (Job job : jobs) {
      executor.scheduleWithFixedDelay(() -> run(job), job.firstAfter().toMillis(), job.every().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Runs the job once; a failure is logged, never thrown (it would cancel the job's later runs). */
  static void run(Job job) {
    try {
      job.work().run();
    } catch (RuntimeException e) {
      String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      LOG.warn("housekeeping job '{}' failed (incident {})", job.name(), incident, e);
    }
  }

  /**
   * Lets a running job end (they are short: the longest, compacting the H2 file, stops after 200 ms) before the
   * database closes under it: an interrupt in the middle of H2's compaction would make H2 close the store in a
   * panic. A job still running after {@link #CLOSE_WAIT} is interrupted.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
