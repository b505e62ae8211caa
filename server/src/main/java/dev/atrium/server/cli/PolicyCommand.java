package dev.atrium.server.cli;

import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.barrier.Policy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code atrium admin policy …}: policies between two information-barrier groups. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Information-barrier policies: BLOCK keeps two groups apart; ALLOW is recorded, not enforced.")
final class PolicyCommand implements Runnable {
  @ParentCommand @Nullable AdminCommand admin;
  @Spec @Nullable CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(Objects.requireNonNull(spec).commandLine(),
        "Missing required subcommand: create, list, activate or deactivate");
  }

  @Command(name = "create", description = "Creates a policy between two groups and prints its id.")
  int create(
      @Option(names = "--type", required = true, description = "BLOCK or ALLOW") Policy.Type type,
      @Option(names = "--groups", required = true, split = ",", arity = "1..*", paramLabel = "GROUP",
          description = "the two groups, by id or name: A,B") List<String> groups,
      @Option(names = "--inactive", description = "create it switched off") boolean inactive) {
    Policy policy = admin().run((services, actor) -> {
      InformationBarriers barriers = services.barriers();
      List<String> ids = groups.stream().map(g -> barriers.groupByIdOrName(actor, g).id()).toList();
      return barriers.createPolicy(actor, type, ids, !inactive);
    });
    out().println(policy.id());
    return 0;
  }

  @Command(name = "list", description = "Lists every policy: id, type, active, member count, group ids.")
  int list() {
    List<Policy> policies = admin().run((services, actor) -> services.barriers().policies(actor));
    PrintWriter out = out();
    out.println("id\ttype\tactive\tmembers\tgroups");
    for (Policy p : policies) {
      out.println(p.id() + "\t" + p.type() + "\t" + p.active() + "\t" + p.memberCount() + "\t"
          + String.join(",", p.groups()));
    }
    return 0;
  }

  @Command(name = "activate", description = "Switches a policy on.")
  int activate(@Option(names = "--policy", required = true, paramLabel = "POLICY", description = "its id")
      String policy) {
    return setActive(policy, true);
  }

  @Command(name = "deactivate", description = "Switches a policy off.")
  int deactivate(@Option(names = "--policy", required = true, paramLabel = "POLICY", description = "its id")
      String policy) {
    return setActive(policy, false);
  }

  private int setActive(String policyId, boolean active) {
    Policy p = admin().run((services, actor) -> services.barriers().setPolicyActive(actor, policyId, active));
    out().println("Policy " + p.id() + " (" + p.type() + ") is " + (p.active() ? "active" : "inactive"));
    return 0;
  }

  private AdminCommand admin() {
    if (admin == null) {
      throw new IllegalStateException("the policy command runs under the admin command");
    }
    return admin;
  }

  private PrintWriter out() {
    return admin().out();
  }
}
