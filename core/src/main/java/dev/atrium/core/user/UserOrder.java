package dev.atrium.core.user;

/** The orders a list of every user can be read in; ties are broken by id. */
public enum UserOrder {
  USERNAME,
  /** The display name (a user without one sorts as the database sorts an absent value). */
  NAME,
  CREATED_AT,
  LAST_LOGIN,
  /** Enabled or disabled. */
  STATUS
}
