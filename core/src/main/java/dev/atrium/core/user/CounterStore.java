package dev.atrium.core.user;

/** Counts over rooms and connections for {@link UserCounters}; joins the caller's transaction. */
public interface CounterStore {
  /** One query of indexed counts. */
  UserCounters counters(long userId);
}
