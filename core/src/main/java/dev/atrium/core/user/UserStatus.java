package dev.atrium.core.user;

public enum UserStatus {
  ENABLED,
  DISABLED
}
