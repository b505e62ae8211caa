package dev.atrium.api.roomful;

/** Roomful's error codes, as its documents name them; HTTP-like codes where the documents give none. */
public final class RoomfulError {
  public static final int OK = 0;
  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int INTERNAL = 500;
  public static final int TOO_FREQUENT = 705;
  public static final int INVALID_PASSWORD = 1006;
  public static final int USER_NOT_FOUND = 1021;
  /** A provider (Facebook, Ready Player Me) cannot answer or is not configured; no Roomful code names this. */
  public static final int UNAVAILABLE = 503;
  public static final int TOKEN_NOT_FOUND = 1051;
  public static final int TOKEN_USED = 1054;

  private RoomfulError() {}
}
