package dev.atrium.http;

import java.util.Locale;

/** The kinds of work {@link RateLimits} counts apart, each with its own rate. */
public enum RouteClass {
  /**
   * Routes that present credentials, create accounts or send mail (sign-in, sign-up, restore codes, verification
   * mails, key authentication): each dialect names its own.
   */
  AUTH,
  /** Every other route that changes something: POST, PUT, PATCH, DELETE. */
  WRITE,
  /** Routes that only read: GET, HEAD, OPTIONS. */
  READ,
  /** A method called over a socket (Roomful's {@code user:*}). */
  SOCKET,
  /**
   * Each route on its own, on the paths of a dialect that limits its routes one by one, as Rocket.Chat does (its
   * default: 10 calls a minute per route and caller); counted besides the route's class.
   */
  ROUTE;

  /** Its name in the settings: {@code auth}, {@code write}, {@code read}, {@code socket}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
