package dev.atrium.server.hostile.livedigital;

/**
 * The request bodies LiveDigital's routes read, as records for {@code Shapes} to learn their fields from: the token
 * route reads its JSON or form as loose fields, so the dialect has no records of its own. A route added to the
 * dialect adds its body's fields here.
 */
final class LiveDigitalBodies {
  private LiveDigitalBodies() {}

  record Token(String grant_type, String client_id, String client_secret, String username, String password,
      String refresh_token) {}

  record NewUser(String email, String password, String username, String phone, String captchaToken) {}
}
