package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;

import dev.atrium.core.mail.Outbox;
import dev.atrium.server.Atrium;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The access sweep of the password reset and the protocol list: a refused reset mails nothing and audits nothing,
 * whoever asks, even for a plain user's own account.
 */
class AdminPasswordResetAccessTest extends AccessSweep {
  AdminFixture.Created target;
  String targetToken;

  @Override
  void setUp() {
    target = pod.createUser("target");
    targetToken = pod.signin(target.email(), PASSWORD);
  }

  /** The target may not start a reset of their own account here either (that is the Roomful restore flow). */
  @Override
  List<String> otherRefusedTokens() {
    return List.of(targetToken);
  }

  @Override
  Stream<Route> routes() {
    return Stream.of(
        new Route("POST", "/pod/v1/admin/user/" + target.id() + "/action/password_reset", Map.of("type", "EMAIL")),
        new Route("GET", "/pod/v1/admin/system/protocols/list", null));
  }

  @Override
  List<String> state() {
    Atrium atrium = pod.server.atrium();
    long mails = atrium.services().outbox().latest(atrium.users().get(pod.adminId), Outbox.MAX_LIST).stream()
        .filter(m -> m.message().to().equals(target.email())).count();
    long resets = atrium.services().audit().latest(1000).stream()
        .filter(e -> e.action().equals("user.password.reset")).count();
    return List.of("mails to the target: " + mails, "resets audited: " + resets);
  }
}
