package dev.atrium.api.symphony;

import dev.atrium.core.account.PasswordRestore;
import dev.atrium.core.admin.Admin;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.cert.CompanyCerts;
import dev.atrium.core.contact.Connections;
import dev.atrium.core.message.Messages;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.CredentialKind;
import dev.atrium.http.Dialect;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * The Symphony dialect: the pod API 1.40 under {@code /pod} (header {@code sessionToken}), the RSA login
 * the BDK uses under {@code /login} and {@code /relay}, and logout under {@code /sessionauth}.
 */
public final class SymphonyApi implements Dialect {
  public static final String NAME = "symphony";
  /** The paths whose errors are Symphony's. */
  private static final String[] PREFIXES = {"/pod/", "/login/", "/relay/", "/sessionauth/", "/keyauth/", "/agent/"};

  private final SymphonyAuth auth;
  private final SymphonyUsers directory;
  private final SymphonyAdmin admin;
  private final SymphonyCerts certs;
  private final SymphonyBarriers barriers;
  private final SymphonyConnections connections;
  private final SymphonyPresence presence;
  private final SymphonyRooms rooms;
  private final SymphonyStreams streams;
  private final SymphonyMessages messages;
  private final SymphonyPasswordReset passwordReset;
  private final SymphonyProtocols protocols;
  private final Authenticator callers;
  private final RateLimits limits;

  public SymphonyApi(Users users, Accounts accounts, UserAdmin userAdmin, Sessions sessions, Admin admin,
      CompanyCerts certs, InformationBarriers barriers, Connections connections, Presence presence, Rooms rooms,
      Messages messages, Avatars avatars, InstantSource clock, PasswordRestore restore, List<String> uriProtocols,
      RateLimits limits) {
    this.callers = new Authenticator(sessions, CredentialKind.header(Requests.SESSION_HEADER));
    this.limits = limits;
    Requests requests = new Requests(callers);
    UserMapping mapping = new UserMapping(avatars);
    this.auth = new SymphonyAuth(users, sessions, clock);
    this.directory = new SymphonyUsers(users, mapping, requests);
    this.admin = new SymphonyAdmin(users, accounts, userAdmin, admin, avatars, mapping, requests);
    this.certs = new SymphonyCerts(certs, requests);
    this.barriers = new SymphonyBarriers(barriers, requests);
    this.connections = new SymphonyConnections(connections, requests);
    this.presence = new SymphonyPresence(presence, requests);
    this.rooms = new SymphonyRooms(rooms, requests);
    this.streams = new SymphonyStreams(rooms, requests);
    this.messages = new SymphonyMessages(messages, requests);
    this.passwordReset = new SymphonyPasswordReset(restore, requests);
    this.protocols = new SymphonyProtocols(uriProtocols, requests);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> formRoutes() {
    return Set.of("POST /agent/v4/stream/{sid}/message/create");
  }

  @Override
  public void install(JavalinConfig cfg, ErrorRouter errors) {
    for (String prefix : PREFIXES) {
      errors.route(prefix, SymphonyErrors.POD);
    }
    limits.paths(callers, PREFIXES).auth("POST /login/pubkey/authenticate", "POST /relay/pubkey/authenticate");
    // the operations whose spec answers 404 for a user or connection that cannot be found
    for (String prefix : new String[] {"/pod/v1/connection/", "/pod/v3/user/", "/pod/v1/user/presence/register"}) {
      errors.route(prefix, SymphonyErrors.WITH_NOT_FOUND);
    }
    auth.routes(cfg);
    directory.routes(cfg);
    admin.routes(cfg);
    certs.routes(cfg);
    barriers.routes(cfg);
    connections.routes(cfg);
    presence.routes(cfg);
    rooms.routes(cfg);
    streams.routes(cfg);
    messages.routes(cfg);
    passwordReset.routes(cfg);
    protocols.routes(cfg);
  }
}
