package dev.atrium.http;

import java.time.Duration;

/**
 * Periodic work: {@code work} runs {@code firstAfter} after start, then {@code every} after each run ends. A failed
 * run is logged with an incident id under the job's name and the next one runs on time.
 */
public record Job(String name, Duration firstAfter, Duration every, Runnable work) {
  public Job {
    if (name.isBlank()) {
      throw new IllegalArgumentException("a job needs a name");
    }
    if (firstAfter.isNegative() || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("job " + name + " needs a non-negative first delay and a positive period");
    }
  }

  /** A job that first runs one period after start. */
  public static Job every(String name, Duration every, Runnable work) {
    return new Job(name, every, every, work);
  }
}
