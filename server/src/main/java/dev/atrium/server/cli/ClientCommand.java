package dev.atrium.server.cli;

import dev.atrium.core.client.ApiClient;
import dev.atrium.core.client.ApiClients;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atrium admin client …}: API clients, the id and secret an integrator's server signs in with. */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "API clients: the client id and secret an integrator's server signs in with.")
final class ClientCommand implements Runnable {
  @ParentCommand @Nullable AdminCommand admin;
  @Spec @Nullable CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(Objects.requireNonNull(spec).commandLine(),
        "Missing required subcommand: create, list or revoke");
  }

  @Command(name = "create", description = "Creates a client and prints its id and its secret, which is shown once.")
  int create(@Option(names = "--name", required = true, description = "the client's name (1 to 100 characters)")
      String name) {
    ApiClients.Created created = admin().run((services, actor) -> services.clients().create(actor, name));
    PrintWriter out = admin().out();
    out.println("client id:     " + created.client().clientId());
    out.println("client secret: " + created.secret());
    out.println("The secret is shown this once and stored only as a hash: keep it now.");
    return 0;
  }

  @Command(name = "list", description = "Lists every client, newest first: id, name, created, created by (user id),"
      + " revoked (- while live). Never a secret.")
  int list() {
    List<ApiClient> clients = admin().run((services, actor) -> services.clients().list(actor));
    PrintWriter out = admin().out();
    out.println("id\tname\tcreated\tcreatedBy\trevoked");
    for (ApiClient c : clients) {
      out.println(c.clientId() + "\t" + c.name() + "\t" + c.createdAt() + "\t" + c.createdBy() + "\t"
          + revoked(c.revokedAt()));
    }
    return 0;
  }

  @Command(name = "revoke", description = "Revokes a client: its secret no longer signs in. Revoking a revoked"
      + " client keeps its first revocation time.")
  int revoke(@Parameters(paramLabel = "CLIENT_ID", description = "the client's id") String clientId) {
    ApiClient client = admin().run((services, actor) -> services.clients().revoke(actor, clientId));
    admin().out().println(client.clientId() + " revoked at " + revoked(client.revokedAt()));
    return 0;
  }

  private static String revoked(@Nullable Instant at) {
    return at == null ? "-" : at.toString();
  }

  private AdminCommand admin() {
    if (admin == null) {
      throw new IllegalStateException("the client command runs under the admin command");
    }
    return admin;
  }
}
