package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.barrier.BulkResult;
import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.barrier.Policy;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link InformationBarriers} over the real JDBC stores, run once per {@link Backend}: who may meet whom, and
 * the administration of groups, memberships and policies. What the service leaves behind is read back from
 * the database.
 */
abstract class BarrierServiceSuite extends DatabaseTest {
  static final String ENTITLEMENT = "The user lacks the required entitlement to perform this operation";

  FakeClock clock;
  Events events;
  List<DomainEvent> published;
  JdbcAuditLog audit;
  JdbcBarrierStore store;
  Users users;
  Accounts accounts;
  InformationBarriers barriers;
  User admin;

  BarrierServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    clock = new FakeClock();
    events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    JdbcUserStore userStore = new JdbcUserStore(tx);
    audit = new JdbcAuditLog(tx);
    Passwords passwords = new Passwords(new FastPasswordHasher());
    Sessions sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock,
        new SplittableRandom(7), Duration.ofHours(8));
    users = new Users(userStore);
    accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    admin = accounts.bootstrapAdmin("admin@atrium.test", "admin-password").orElseThrow();
    store = new JdbcBarrierStore(tx);
    barriers = new InformationBarriers(store, audit, tx, events, clock, new SplittableRandom(11));
    published.clear();
  }

  User create(String username, String... roles) {
    return accounts.create(admin, new NewUser(username, username + "@example.com", names(username, "Last"),
        AccountType.NORMAL, Set.of(roles), new NewUser.Password.None(), false), List.of());
  }

  Group group(String name) {
    return barriers.createGroup(admin, name, true);
  }

  void add(Group g, User... members) {
    BulkResult result = barriers.addMembers(admin, g.id(), java.util.Arrays.stream(members).map(User::id).toList());
    assertThat(result.succeeded()).as("adding %s", result).isTrue();
  }

  Policy block(Group a, Group b) {
    return barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(a.id(), b.id()), true);
  }

  AuditEntry lastAudit() {
    return audit.latest(1).getFirst();
  }

  /** Alice is in the desk, Bob in research; Carol and Dave are in no group. */
  @Nested
  class Enforcement {
    User alice;
    User bob;
    User carol;
    User dave;
    Group desk;
    Group research;

    @BeforeEach
    void twoGroups() {
      alice = create("alice");
      bob = create("bob");
      carol = create("carol");
      dave = create("dave");
      desk = group("Desk");
      research = group("Research");
      add(desk, alice);
      add(research, bob);
    }

    @Test
    void aBlockedPair_mayNotMeet_eitherWay() {
      block(desk, research);
      assertThatThrownBy(() -> barriers.requireMayMeet(alice.id(), List.of(carol.id(), bob.id())))
          .isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("An information barrier separates user " + alice.id() + " from user " + bob.id());
      assertThatThrownBy(() -> barriers.requireMayMeet(bob.id(), List.of(alice.id())))
          .isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("An information barrier separates user " + bob.id() + " from user " + alice.id());
    }

    @Test
    void theRefusalNamesTheFirstBlockedUserInTheOrderGiven() {
      User erin = create("erin");
      add(research, erin);
      block(desk, research);
      assertThatThrownBy(() -> barriers.requireMayMeet(alice.id(), List.of(carol.id(), erin.id(), bob.id())))
          .hasMessage("An information barrier separates user " + alice.id() + " from user " + erin.id());
    }

    @Test
    void unrelatedUsers_mayMeet() {
      block(desk, research);
      assertThatCode(() -> {
        barriers.requireMayMeet(carol.id(), List.of(dave.id(), alice.id(), bob.id()));
        barriers.requireMayMeet(alice.id(), List.of(carol.id(), dave.id()));
        barriers.requireMayMeet(alice.id(), List.of());
        barriers.requireMayMeet(alice.id(), List.of(alice.id()));
      }).doesNotThrowAnyException();
    }

    @Test
    void membersOfOneGroup_mayMeetEachOther() {
      block(desk, research);
      add(desk, carol);
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(carol.id()))).doesNotThrowAnyException();
    }

    @Test
    void withoutAnyPolicy_groupsKeepNobodyApart() {
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id()))).doesNotThrowAnyException();
    }

    @Test
    void anInactivePolicy_isNotEnforced_untilItIsSwitchedOn() {
      Policy p = barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(desk.id(), research.id()), false);
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id()))).doesNotThrowAnyException();
      barriers.setPolicyActive(admin, p.id(), true);
      assertThatThrownBy(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
      barriers.setPolicyActive(admin, p.id(), false);
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id()))).doesNotThrowAnyException();
    }

    @Test
    void anInactiveGroup_isNotEnforced_untilItIsSwitchedOn() {
      block(desk, research);
      barriers.setGroupActive(admin, research.id(), false);
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id()))).doesNotThrowAnyException();
      barriers.setGroupActive(admin, research.id(), true);
      assertThatThrownBy(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
    }

    @Test
    void aUserInSeveralGroups_carriesTheBarriersOfEach() {
      Group legal = group("Legal");
      add(legal, carol, alice);
      block(legal, research);
      // alice is in the desk (no policy with research) and in legal (blocked from research)
      assertThatThrownBy(() -> barriers.requireMayMeet(bob.id(), List.of(alice.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> barriers.requireMayMeet(carol.id(), List.of(bob.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(carol.id(), dave.id())))
          .doesNotThrowAnyException();
    }

    @Test
    void anAllowPolicy_letsItsGroupsMeet_butDoesNotLiftABlockBetweenAnotherPair() {
      barriers.createPolicy(admin, Policy.Type.ALLOW, List.of(desk.id(), research.id()), true);
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id()))).doesNotThrowAnyException();

      Group legal = group("Legal");
      add(legal, alice);
      block(legal, research);
      assertThatThrownBy(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
    }

    @Test
    void aMembershipChange_holdsFromTheNextCheckOn() {
      block(desk, research);
      barriers.removeMembers(admin, research.id(), List.of(bob.id()));
      assertThatCode(() -> barriers.requireMayMeet(alice.id(), List.of(bob.id()))).doesNotThrowAnyException();
      barriers.addMembers(admin, research.id(), List.of(carol.id()));
      assertThatThrownBy(() -> barriers.requireMayMeet(alice.id(), List.of(carol.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
    }

    @Test
    void theCheckRunsInTheCallersTransaction_andSeesWhatItWrote() {
      block(desk, research);
      assertThatThrownBy(() -> tx.run(() -> {
        barriers.addMembers(admin, research.id(), List.of(carol.id()));
        barriers.requireMayMeet(alice.id(), List.of(carol.id()));
      })).isInstanceOf(AtriumException.Forbidden.class);
      // the refusal rolled the caller's whole transaction back, membership included
      assertThat(store.members(research.id(), 0, 10)).containsExactly(bob.id());
    }
  }

  @Nested
  class Groups {
    @Test
    void createGroup_storesIt_auditsIt_andPublishesIt() {
      clock.advance(Duration.ofMinutes(3));
      Group g = barriers.createGroup(admin, "Traders", true);
      assertThat(g.id()).matches("[0-9a-f]{24}");
      assertThat(g).isEqualTo(new Group(g.id(), "Traders", true, 0, List.of(), clock.instant(), clock.instant()));
      assertThat(barriers.groups(admin)).containsExactly(g);
      assertThat(lastAudit().action()).isEqualTo("barrier.group.create");
      assertThat(lastAudit().target()).isEqualTo("group:" + g.id());
      assertThat(lastAudit().actorId()).isEqualTo(admin.id());
      assertThat(published).containsExactly(new DomainEvent.BarrierGroupChanged(g, clock.instant()));
    }

    @Test
    void createGroup_withANameTakenInAnotherCase_isAConflict_andChangesNothing() {
      group("Traders");
      var before = snapshot();
      assertThatThrownBy(() -> barriers.createGroup(admin, "TRADERS", true))
          .isInstanceOf(AtriumException.Conflict.class).hasMessage("A group named Traders already exists");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void createGroup_withABadName_isInvalid() {
      assertThatThrownBy(() -> barriers.createGroup(admin, " ", true)).hasMessage("name is required");
      assertThatThrownBy(() -> barriers.createGroup(admin, "x".repeat(257), true))
          .hasMessage("name must be at most 256 characters long");
      assertThatThrownBy(() -> barriers.createGroup(admin, "a\nb", true))
          .hasMessage("name must not contain control characters");
      assertThat(barriers.groups(admin)).isEmpty();
    }

    @Test
    void setGroupActive_changesItOnce_auditingBeforeAndAfter() {
      Group g = group("Traders");
      clock.advance(Duration.ofMinutes(1));
      Group off = barriers.setGroupActive(admin, g.id(), false);
      assertThat(off.active()).isFalse();
      assertThat(off.modifiedAt()).isEqualTo(clock.instant());
      assertThat(off.createdAt()).isEqualTo(g.createdAt());
      assertThat(lastAudit().action()).isEqualTo("barrier.group.active");
      assertThat((String) lastAudit().before()).contains("\"active\":true");
      assertThat((String) lastAudit().after()).contains("\"active\":false");

      int audited = audit.latest(100).size();
      assertThat(barriers.setGroupActive(admin, g.id(), false)).isEqualTo(off);
      assertThat(audit.latest(100)).hasSize(audited);
    }

    @Test
    void groupByIdOrName_findsEither() {
      Group g = group("Traders");
      assertThat(barriers.groupByIdOrName(admin, g.id())).isEqualTo(g);
      assertThat(barriers.groupByIdOrName(admin, "traders")).isEqualTo(g);
      assertThatThrownBy(() -> barriers.groupByIdOrName(admin, "nobody"))
          .isInstanceOf(AtriumException.NotFound.class).hasMessage("Group nobody not found");
    }

    @Test
    void anUnknownGroup_isNotFound() {
      assertThatThrownBy(() -> barriers.group(admin, "nope")).isInstanceOf(AtriumException.NotFound.class)
          .hasMessage("Group nope not found");
      assertThatThrownBy(() -> barriers.members(admin, "nope", 0, 10)).hasMessage("Group nope not found");
      assertThatThrownBy(() -> barriers.addMembers(admin, "nope", List.of(admin.id())))
          .hasMessage("Group nope not found");
      assertThatThrownBy(() -> barriers.setGroupActive(admin, "nope", false)).hasMessage("Group nope not found");
    }
  }

  @Nested
  class Memberships {
    @Test
    void addMembers_addsThem_touchesTheGroup_auditsTheAddedIds_andPublishesThem() {
      User alice = create("alice");
      User bob = create("bob");
      Group g = group("Traders");
      published.clear();
      clock.advance(Duration.ofMinutes(2));

      BulkResult result = barriers.addMembers(admin, g.id(), List.of(bob.id(), alice.id(), bob.id()));

      assertThat(result.results()).containsExactly("", "", "");
      assertThat(result.succeeded()).isTrue();
      assertThat(barriers.members(admin, g.id(), 0, 100)).containsExactly(alice.id(), bob.id());
      Group after = barriers.group(admin, g.id());
      assertThat(after.memberCount()).isEqualTo(2);
      assertThat(after.modifiedAt()).isEqualTo(clock.instant());
      assertThat(lastAudit().action()).isEqualTo("barrier.group.members.add");
      assertThat(lastAudit().target()).isEqualTo("group:" + g.id());
      assertThat((String) lastAudit().after()).isEqualTo("[" + bob.id() + "," + alice.id() + "]");
      assertThat(published).containsExactly(new DomainEvent.BarrierMembersChanged(g.id(),
          List.of(bob.id(), alice.id()), List.of(), clock.instant()));
    }

    @Test
    void addMembers_withAnUnknownUser_failsThatId_andChangesNothing() {
      User alice = create("alice");
      Group g = group("Traders");
      long unknown = alice.id() + 1000;
      var before = snapshot();
      published.clear();

      BulkResult result = barriers.addMembers(admin, g.id(), List.of(alice.id(), unknown, -3L));

      assertThat(result.results()).containsExactly("", "User " + unknown + " does not exist",
          "User -3 does not exist");
      assertThat(result.succeeded()).isFalse();
      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }

    @Test
    void addMembers_ofMembersOnly_succeeds_andChangesNothing() {
      User alice = create("alice");
      Group g = group("Traders");
      add(g, alice);
      var before = snapshot();
      assertThat(barriers.addMembers(admin, g.id(), List.of(alice.id())).results()).containsExactly("");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void removeMembers_removesThem_andANonMemberSucceedsToo() {
      User alice = create("alice");
      User bob = create("bob");
      User carol = create("carol");
      Group g = group("Traders");
      add(g, alice, bob);
      published.clear();

      BulkResult result = barriers.removeMembers(admin, g.id(), List.of(carol.id(), alice.id()));

      assertThat(result.results()).containsExactly("", "");
      assertThat(barriers.members(admin, g.id(), 0, 10)).containsExactly(bob.id());
      assertThat(lastAudit().action()).isEqualTo("barrier.group.members.remove");
      assertThat((String) lastAudit().after()).isEqualTo("[" + alice.id() + "]");
      assertThat(published).containsExactly(new DomainEvent.BarrierMembersChanged(g.id(), List.of(),
          List.of(alice.id()), clock.instant()));
    }

    @Test
    void removeMembers_withAnUnknownUser_failsThatId_andRemovesNobody() {
      User alice = create("alice");
      Group g = group("Traders");
      add(g, alice);
      var before = snapshot();
      BulkResult result = barriers.removeMembers(admin, g.id(), List.of(alice.id(), 42L));
      assertThat(result.results()).containsExactly("", "User 42 does not exist");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void members_arePaged_withCheckedBounds() {
      Group g = group("Traders");
      User a = create("a");
      User b = create("b");
      add(g, a, b);
      assertThat(barriers.members(admin, g.id(), 1, 1)).containsExactly(b.id());
      assertThatThrownBy(() -> barriers.members(admin, g.id(), -1, 10)).hasMessage("skip must not be negative");
      assertThatThrownBy(() -> barriers.members(admin, g.id(), 0, 0)).hasMessage("limit must be from 1 to 10000");
      assertThatThrownBy(() -> barriers.members(admin, g.id(), 0, 10_001))
          .hasMessage("limit must be from 1 to 10000");
    }

    @Test
    void tooManyIdsAtOnce_isInvalid() {
      Group g = group("Traders");
      List<Long> many = java.util.stream.LongStream.rangeClosed(1, 10_001).boxed().toList();
      assertThatThrownBy(() -> barriers.addMembers(admin, g.id(), many)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("At most 10000 user ids can be given at once");
    }
  }

  @Nested
  class Policies {
    Group a;
    Group b;

    @BeforeEach
    void twoGroups() {
      a = group("A");
      b = group("B");
      published.clear();
    }

    @Test
    void createPolicy_storesIt_listsItOnItsGroups_auditsIt_andPublishesIt() {
      User alice = create("alice");
      add(a, alice);
      published.clear();
      clock.advance(Duration.ofMinutes(5));
      Policy p = barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(b.id(), a.id()), true);

      assertThat(p).isEqualTo(new Policy(p.id(), Policy.Type.BLOCK, true, List.of(b.id(), a.id()), 1,
          clock.instant(), clock.instant()));
      assertThat(barriers.policies(admin)).containsExactly(p);
      assertThat(barriers.policy(admin, p.id())).isEqualTo(p);
      assertThat(barriers.group(admin, a.id()).policies()).containsExactly(p.id());
      assertThat(barriers.group(admin, b.id()).policies()).containsExactly(p.id());
      assertThat(lastAudit().action()).isEqualTo("barrier.policy.create");
      assertThat(lastAudit().target()).isEqualTo("policy:" + p.id());
      assertThat(published).containsExactly(new DomainEvent.BarrierPolicyChanged(p, clock.instant()));
    }

    @Test
    void createPolicy_needsTwoDifferentExistingGroups() {
      var before = snapshot();
      assertThatThrownBy(() -> barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(a.id()), true))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("A policy joins exactly two groups, got 1");
      assertThatThrownBy(() -> barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(a.id(), b.id(), a.id()),
          true)).hasMessage("A policy joins exactly two groups, got 3");
      assertThatThrownBy(() -> barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(a.id(), a.id()), true))
          .hasMessage("A policy joins two different groups");
      assertThatThrownBy(() -> barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(a.id(), "nope"), true))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("Group nope does not exist");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aPairOfGroups_hasAtMostOneActivePolicy() {
      Policy allow = barriers.createPolicy(admin, Policy.Type.ALLOW, List.of(a.id(), b.id()), true);
      var before = snapshot();
      assertThatThrownBy(() -> barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(b.id(), a.id()), true))
          .isInstanceOf(AtriumException.Conflict.class)
          .hasMessage("Groups " + b.id() + " and " + a.id() + " already have an active policy: " + allow.id()
              + " (allow)");
      assertThat(snapshot()).isEqualTo(before);

      // an inactive one may wait beside it, and is switched on once the other is off
      clock.advance(Duration.ofMinutes(1));
      Policy blockPolicy = barriers.createPolicy(admin, Policy.Type.BLOCK, List.of(a.id(), b.id()), false);
      assertThatThrownBy(() -> barriers.setPolicyActive(admin, blockPolicy.id(), true))
          .isInstanceOf(AtriumException.Conflict.class);
      barriers.setPolicyActive(admin, allow.id(), false);
      assertThat(barriers.setPolicyActive(admin, blockPolicy.id(), true).active()).isTrue();
      assertThat(barriers.policies(admin)).extracting(Policy::id, Policy::active).containsExactly(
          org.assertj.core.groups.Tuple.tuple(allow.id(), false),
          org.assertj.core.groups.Tuple.tuple(blockPolicy.id(), true));
    }

    @Test
    void setPolicyActive_auditsBeforeAndAfter_andPublishes() {
      Policy p = block(a, b);
      published.clear();
      clock.advance(Duration.ofMinutes(1));
      Policy off = barriers.setPolicyActive(admin, p.id(), false);
      assertThat(off).isEqualTo(new Policy(p.id(), Policy.Type.BLOCK, false, p.groups(), 0, p.createdAt(),
          clock.instant()));
      assertThat(lastAudit().action()).isEqualTo("barrier.policy.active");
      assertThat((String) lastAudit().before()).contains("\"active\":true");
      assertThat(published).containsExactly(new DomainEvent.BarrierPolicyChanged(off, clock.instant()));
      assertThatThrownBy(() -> barriers.setPolicyActive(admin, "nope", true))
          .isInstanceOf(AtriumException.NotFound.class).hasMessage("Policy nope not found");
    }
  }

  @Nested
  class Authorization {
    @Test
    void aPlainUser_mayNeitherReadNorChangeBarriers() {
      User plain = create("plain");
      Group g = group("Traders");
      var before = snapshot();
      assertThatThrownBy(() -> barriers.groups(plain)).isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage(ENTITLEMENT);
      assertThatThrownBy(() -> barriers.policies(plain)).hasMessage(ENTITLEMENT);
      assertThatThrownBy(() -> barriers.members(plain, g.id(), 0, 10)).hasMessage(ENTITLEMENT);
      assertThatThrownBy(() -> barriers.addMembers(plain, g.id(), List.of(plain.id()))).hasMessage(ENTITLEMENT);
      assertThatThrownBy(() -> barriers.createGroup(plain, "Mine", true)).hasMessage(ENTITLEMENT);
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aUserProvisioner_managesMemberships_butNotGroupsOrPolicies() {
      User provisioner = create("prov", Roles.USER_PROVISIONING);
      User alice = create("alice");
      Group a = group("A");
      Group b = group("B");
      assertThat(barriers.addMembers(provisioner, a.id(), List.of(alice.id())).succeeded()).isTrue();
      assertThat(barriers.groups(provisioner)).hasSize(2);
      assertThatThrownBy(() -> barriers.createGroup(provisioner, "C", true)).hasMessage(ENTITLEMENT);
      assertThatThrownBy(() -> barriers.setGroupActive(provisioner, a.id(), false)).hasMessage(ENTITLEMENT);
      assertThatThrownBy(() -> barriers.createPolicy(provisioner, Policy.Type.BLOCK, List.of(a.id(), b.id()), true))
          .hasMessage(ENTITLEMENT);
    }
  }
}
