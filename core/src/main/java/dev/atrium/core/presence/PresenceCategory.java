package dev.atrium.core.presence;

import java.util.Set;

/** What a user's presence says: Symphony's categories, the 1.40 ones and the newer ones of the v2 API. */
public enum PresenceCategory {
  /** A stored value no client understands; never set, never stored. */
  UNDEFINED,
  AVAILABLE,
  BUSY,
  DO_NOT_DISTURB,
  ON_THE_PHONE,
  BE_RIGHT_BACK,
  IN_A_MEETING,
  AWAY,
  OUT_OF_OFFICE,
  OFF_WORK,
  OFFLINE;

  /**
   * What a user may set. The pod API 1.40 allows AVAILABLE, BUSY, ON_THE_PHONE and AWAY and reserves the rest;
   * the newer ones are those the BDK 2.12 offers in its {@code PresenceStatus} (BE_RIGHT_BACK, IN_A_MEETING,
   * OUT_OF_OFFICE, OFF_WORK). UNDEFINED, DO_NOT_DISTURB and OFFLINE are for the server to decide.
   */
  public static final Set<PresenceCategory> SETTABLE = Set.of(AVAILABLE, BUSY, ON_THE_PHONE, AWAY, BE_RIGHT_BACK,
      IN_A_MEETING, OUT_OF_OFFICE, OFF_WORK);

  /** The categories of the pod API 1.40's {@code Presence} enum; the newer ones have no name there. */
  public static final Set<PresenceCategory> V1 = Set.of(UNDEFINED, AVAILABLE, BUSY, DO_NOT_DISTURB, ON_THE_PHONE,
      BE_RIGHT_BACK, AWAY, OFFLINE);

  public boolean settable() {
    return SETTABLE.contains(this);
  }
}
