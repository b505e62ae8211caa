package dev.atrium.server.cli;

import dev.atrium.core.barrier.BulkResult;
import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code atrium admin group …}: information-barrier groups and their members. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Information-barrier groups.")
final class GroupCommand implements Runnable {
  @ParentCommand @Nullable AdminCommand admin;
  @Spec @Nullable CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(Objects.requireNonNull(spec).commandLine(),
        "Missing required subcommand: create, list, members, add, remove, activate or deactivate");
  }

  @Command(name = "create", description = "Creates a group and prints its id.")
  int create(
      @Option(names = "--name", required = true, description = "the group's name (unique, ignoring case)") String name,
      @Option(names = "--inactive", description = "create it switched off") boolean inactive) {
    Group group = admin().run((services, actor) -> services.barriers().createGroup(actor, name, !inactive));
    out().println(group.id());
    return 0;
  }

  @Command(name = "list", description = "Lists every group: id, name, active, member count, policy ids.")
  int list() {
    List<Group> groups = admin().run((services, actor) -> services.barriers().groups(actor));
    PrintWriter out = out();
    out.println("id\tname\tactive\tmembers\tpolicies");
    for (Group g : groups) {
      out.println(g.id() + "\t" + g.name() + "\t" + g.active() + "\t" + g.memberCount() + "\t"
          + String.join(",", g.policies()));
    }
    return 0;
  }

  @Command(name = "members", description = "Prints the ids of a group's members, one a line.")
  int members(@Option(names = "--group", required = true, paramLabel = "GROUP", description = "id or name")
      String group) {
    List<Long> members = admin().run((services, actor) -> {
      InformationBarriers barriers = services.barriers();
      return barriers.members(actor, barriers.groupByIdOrName(actor, group).id(), 0, InformationBarriers.MAX_BULK);
    });
    members.forEach(out()::println);
    return 0;
  }

  @Command(name = "add", description = "Adds users to a group; if any of them fails, nobody is added.")
  int add(@Option(names = "--group", required = true, paramLabel = "GROUP", description = "id or name") String group,
      @Option(names = "--user", required = true, arity = "1..*", split = ",", paramLabel = "USER",
          description = "user ids, usernames or emails") List<String> users) {
    return changeMembers(group, users, true);
  }

  @Command(name = "remove", description = "Removes users from a group; if any of them fails, nobody is removed.")
  int remove(
      @Option(names = "--group", required = true, paramLabel = "GROUP", description = "id or name") String group,
      @Option(names = "--user", required = true, arity = "1..*", split = ",", paramLabel = "USER",
          description = "user ids, usernames or emails") List<String> users) {
    return changeMembers(group, users, false);
  }

  private int changeMembers(String groupRef, List<String> userRefs, boolean add) {
    record Outcome(Group group, List<Long> ids, BulkResult result) {}
    Outcome outcome = admin().run((services, actor) -> {
      List<Long> ids = userIds(services.users(), userRefs);
      InformationBarriers barriers = services.barriers();
      String id = barriers.groupByIdOrName(actor, groupRef).id();
      BulkResult result = add ? barriers.addMembers(actor, id, ids) : barriers.removeMembers(actor, id, ids);
      return new Outcome(barriers.group(actor, id), ids, result);
    });
    if (!outcome.result().succeeded()) {
      for (int i = 0; i < outcome.ids().size(); i++) {
        String message = outcome.result().results().get(i);
        if (!message.isEmpty()) {
          err().println(userRefs.get(i) + ": " + message);
        }
      }
      throw new AdminCommand.Failed("nothing changed");
    }
    Group g = outcome.group();
    out().println("Group " + g.name() + " (" + g.id() + ") has " + g.memberCount() + " members");
    return 0;
  }

  /** Each argument as a user id: a number is one already, a username or email is looked up. */
  private static List<Long> userIds(Users users, List<String> refs) {
    List<Long> ids = new ArrayList<>();
    for (String ref : refs) {
      if (ref.matches("-?[0-9]{1,18}")) {
        ids.add(Long.parseLong(ref));
      } else {
        ids.add(AdminCommand.user(users, ref).map(User::id)
            .orElseThrow(() -> new AdminCommand.Failed("no user with the username or email " + ref)));
      }
    }
    return ids;
  }

  @Command(name = "activate", description = "Switches a group on: its policies apply to its members.")
  int activate(@Option(names = "--group", required = true, paramLabel = "GROUP", description = "id or name")
      String group) {
    return setActive(group, true);
  }

  @Command(name = "deactivate", description = "Switches a group off: it keeps its members, no policy applies.")
  int deactivate(@Option(names = "--group", required = true, paramLabel = "GROUP", description = "id or name")
      String group) {
    return setActive(group, false);
  }

  private int setActive(String groupRef, boolean active) {
    Group g = admin().run((services, actor) -> {
      InformationBarriers barriers = services.barriers();
      return barriers.setGroupActive(actor, barriers.groupByIdOrName(actor, groupRef).id(), active);
    });
    out().println("Group " + g.name() + " (" + g.id() + ") is " + (g.active() ? "active" : "inactive"));
    return 0;
  }

  private AdminCommand admin() {
    if (admin == null) {
      throw new IllegalStateException("the group command runs under the admin command");
    }
    return admin;
  }

  private PrintWriter out() {
    return admin().out();
  }

  private PrintWriter err() {
    return admin().err();
  }
}
