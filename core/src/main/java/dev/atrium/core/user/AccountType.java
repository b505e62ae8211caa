package dev.atrium.core.user;

/** NORMAL is a person; SYSTEM is a service account (a bot) that logs in with an RSA key. */
public enum AccountType {
  NORMAL,
  SYSTEM
}
