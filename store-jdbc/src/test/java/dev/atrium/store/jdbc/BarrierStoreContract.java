package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.Policy;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@code BarrierStore} must do, run once per {@link Backend} by a one-line subclass. Each test
 * starts on empty tables.
 */
abstract class BarrierStoreContract extends DatabaseTest {
  JdbcUserStore users;
  JdbcBarrierStore store;

  BarrierStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    users = new JdbcUserStore(tx);
    store = new JdbcBarrierStore(tx);
  }

  long newUser(String username) {
    User u = user(userId(users.nextSequence()), username, null, names(null, null));
    tx.run(() -> users.insert(u));
    return u.id();
  }

  Group group(String id, String name, boolean active, Instant at) {
    Group g = new Group(id, name, active, 0, List.of(), at, at);
    tx.run(() -> store.insertGroup(g));
    return g;
  }

  Group group(String id) {
    return group(id, "Group " + id, true, T0);
  }

  Policy policy(String id, Policy.Type type, boolean active, String a, String b) {
    Policy p = new Policy(id, type, active, List.of(a, b), 0, T0, T0);
    tx.run(() -> store.insertPolicy(p));
    return p;
  }

  void members(String groupId, long... userIds) {
    tx.run(() -> store.addMembers(groupId, LongStream.of(userIds).boxed().toList()));
  }

  @Nested
  class Groups {
    @Test
    void insert_thenGroup_returnsEveryField_withNoMembersAndNoPolicies() {
      Group g = group("g1", "Traders", false, T0);
      assertThat(store.group("g1")).contains(g);
      assertThat(store.group("nope")).isEmpty();
    }

    @Test
    void groupByName_ignoresCase() {
      Group g = group("g1", "Research Desk", true, T0);
      assertThat(store.groupByName("research desk")).contains(g);
      assertThat(store.groupByName("RESEARCH DESK")).contains(g);
      assertThat(store.groupByName("Research")).isEmpty();
    }

    @Test
    void insert_nameTakenInAnotherCase_isAConflict() {
      group("g1", "Traders", true, T0);
      Group twin = new Group("g2", "TRADERS", true, 0, List.of(), T0, T0);
      assertThatThrownBy(() -> tx.run(() -> store.insertGroup(twin))).isInstanceOf(AtriumException.Conflict.class);
      assertThat(store.group("g2")).isEmpty();
    }

    @Test
    void groups_oldestFirst_thenById() {
      group("b", "B", true, T0.plusSeconds(2));
      group("c", "C", true, T0);
      group("a", "A", true, T0);
      assertThat(store.groups()).extracting(Group::id).containsExactly("a", "c", "b");
    }

    @Test
    void update_writesNameActiveAndModificationTime_andKeepsCreation() {
      group("g1", "Old", true, T0);
      Group changed = new Group("g1", "New", false, 0, List.of(), T0, T0.plusSeconds(30));
      tx.run(() -> store.updateGroup(changed));
      assertThat(store.group("g1")).contains(changed);
      assertThat(store.groupByName("old")).isEmpty();
      assertThat(store.groupByName("new")).contains(changed);
    }

    @Test
    void aGroup_countsItsMembers_andListsItsPolicies_oldestFirst() {
      group("a");
      group("b");
      group("c");
      long u1 = newUser("u1");
      long u2 = newUser("u2");
      members("a", u1, u2);
      tx.run(() -> {
        store.insertPolicy(new Policy("p2", Policy.Type.ALLOW, false, List.of("a", "c"), 0, T0.plusSeconds(1),
            T0.plusSeconds(1)));
        store.insertPolicy(new Policy("p1", Policy.Type.BLOCK, true, List.of("b", "a"), 0, T0, T0));
      });

      Group a = store.group("a").orElseThrow();
      assertThat(a.memberCount()).isEqualTo(2);
      assertThat(a.policies()).containsExactly("p1", "p2");
      assertThat(store.groups()).extracting(Group::id, Group::memberCount, Group::policies).containsExactly(
          org.assertj.core.groups.Tuple.tuple("a", 2, List.of("p1", "p2")),
          org.assertj.core.groups.Tuple.tuple("b", 0, List.of("p1")),
          org.assertj.core.groups.Tuple.tuple("c", 0, List.of("p2")));
    }

    @Test
    void lockGroups_holdsTheRowsUntilTheTransactionEnds() throws Exception {
      group("a");
      CountDownLatch locked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> tx.run(() -> {
        store.lockGroups(List.of("a", "unknown"));
        locked.countDown();
        await(release);
      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> tx.inTransaction(() -> {
        store.lockGroups(List.of("a"));
        return "locked";
      }));
      // Not a timing assertion: while the first holds the lock the second cannot finish, however long we look.
      assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS))
          .isInstanceOf(java.util.concurrent.TimeoutException.class);
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("locked");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Nested
  class Memberships {
    @Test
    void addMembers_addsThoseNotYetMembers_andSaysWhichItAdded() {
      group("a");
      long u1 = newUser("u1");
      long u2 = newUser("u2");
      long u3 = newUser("u3");
      members("a", u2);
      List<Long> added = new ArrayList<>();
      tx.run(() -> added.addAll(store.addMembers("a", List.of(u3, u1, u2))));
      assertThat(added).containsExactlyInAnyOrder(u1, u3);
      assertThat(store.members("a", 0, 100)).containsExactly(u1, u2, u3);
    }

    @Test
    void members_areAscending_andPaged() {
      group("a");
      group("b");
      long u1 = newUser("u1");
      long u2 = newUser("u2");
      long u3 = newUser("u3");
      members("a", u3, u1, u2);
      members("b", u1);
      assertThat(store.members("a", 0, 2)).containsExactly(u1, u2);
      assertThat(store.members("a", 2, 2)).containsExactly(u3);
      assertThat(store.members("a", 3, 2)).isEmpty();
      assertThat(store.members("b", 0, 10)).containsExactly(u1);
      assertThat(store.members("unknown", 0, 10)).isEmpty();
    }

    @Test
    void removeMembers_removesThoseWhoAreMembers_andSaysWhichItRemoved() {
      group("a");
      group("b");
      long u1 = newUser("u1");
      long u2 = newUser("u2");
      members("a", u1);
      members("b", u1, u2);
      List<Long> removed = new ArrayList<>();
      tx.run(() -> removed.addAll(store.removeMembers("a", List.of(u1, u2))));
      assertThat(removed).containsExactly(u1);
      assertThat(store.members("a", 0, 10)).isEmpty();
      assertThat(store.members("b", 0, 10)).containsExactly(u1, u2);
    }

    @Test
    void addMembers_ofAnUnknownUser_isAConflict_andAddsNobody() {
      group("a");
      long u1 = newUser("u1");
      assertThatThrownBy(() -> tx.run(() -> store.addMembers("a", List.of(u1, userId(9_999)))))
          .isInstanceOf(AtriumException.Conflict.class);
      assertThat(store.members("a", 0, 10)).isEmpty();
    }

    @Test
    void existingUsers_areThoseOfTheIdsThatNameAUser() {
      long u1 = newUser("u1");
      long u2 = newUser("u2");
      assertThat(store.existingUsers(List.of(u2, userId(9_999), u1, -5L))).containsExactlyInAnyOrder(u1, u2);
      assertThat(store.existingUsers(List.of())).isEmpty();
    }
  }

  @Nested
  class Policies {
    @Test
    void insert_thenPolicy_returnsEveryField_withItsGroupsInOrder() {
      group("a");
      group("b");
      Policy p = policy("p1", Policy.Type.BLOCK, true, "b", "a");
      assertThat(store.policy("p1")).contains(p);
      assertThat(store.policy("nope")).isEmpty();
    }

    @Test
    void policies_oldestFirst_andCountTheDistinctUsersOfBothGroups() {
      group("a");
      group("b");
      group("c");
      long u1 = newUser("u1");
      long u2 = newUser("u2");
      long u3 = newUser("u3");
      members("a", u1, u2);
      members("b", u2, u3);
      tx.run(() -> {
        store.insertPolicy(new Policy("p2", Policy.Type.ALLOW, true, List.of("a", "c"), 0, T0.plusSeconds(1),
            T0.plusSeconds(1)));
        store.insertPolicy(new Policy("p1", Policy.Type.BLOCK, true, List.of("a", "b"), 0, T0, T0));
      });
      assertThat(store.policies()).extracting(Policy::id, Policy::memberCount).containsExactly(
          org.assertj.core.groups.Tuple.tuple("p1", 3), org.assertj.core.groups.Tuple.tuple("p2", 2));
    }

    @Test
    void update_writesActiveAndModificationTime() {
      group("a");
      group("b");
      Policy p = policy("p1", Policy.Type.BLOCK, true, "a", "b");
      Policy off = new Policy("p1", Policy.Type.BLOCK, false, p.groups(), 0, T0, T0.plusSeconds(9));
      tx.run(() -> store.updatePolicy(off));
      assertThat(store.policy("p1")).contains(off);
    }

    @Test
    void policiesBetween_findsThePoliciesOfThePair_inEitherOrder() {
      group("a");
      group("b");
      group("c");
      policy("p1", Policy.Type.BLOCK, true, "a", "b");
      policy("p2", Policy.Type.ALLOW, false, "b", "a");
      policy("p3", Policy.Type.BLOCK, true, "a", "c");
      assertThat(store.policiesBetween("a", "b")).extracting(Policy::id).containsExactly("p1", "p2");
      assertThat(store.policiesBetween("b", "a")).extracting(Policy::id).containsExactly("p1", "p2");
      assertThat(store.policiesBetween("b", "c")).isEmpty();
    }
  }

  @Nested
  class Blocked {
    long alice;
    long bob;
    long carol;
    long dave;

    @BeforeEach
    void twoGroupsApart() {
      alice = newUser("alice");
      bob = newUser("bob");
      carol = newUser("carol");
      dave = newUser("dave");
      group("a");
      group("b");
      members("a", alice);
      members("b", bob);
    }

    @Test
    void anActiveBlockBetweenTheirGroups_blocksBothWays() {
      policy("p", Policy.Type.BLOCK, true, "a", "b");
      assertThat(store.blocked(alice, List.of(bob, carol))).containsExactly(bob);
      assertThat(store.blocked(bob, List.of(carol, alice))).containsExactly(alice);
    }

    @Test
    void usersInNoGroup_orInTheSameGroup_areNotBlocked() {
      policy("p", Policy.Type.BLOCK, true, "a", "b");
      members("a", carol);
      assertThat(store.blocked(alice, List.of(carol, dave))).isEmpty();
      assertThat(store.blocked(dave, List.of(alice, bob))).isEmpty();
    }

    @Test
    void anAllowPolicy_blocksNobody() {
      policy("p", Policy.Type.ALLOW, true, "a", "b");
      assertThat(store.blocked(alice, List.of(bob))).isEmpty();
    }

    @Test
    void anInactivePolicy_blocksNobody() {
      policy("p", Policy.Type.BLOCK, false, "a", "b");
      assertThat(store.blocked(alice, List.of(bob))).isEmpty();
    }

    @Test
    void anInactiveGroup_onEitherSide_blocksNobody() {
      policy("p", Policy.Type.BLOCK, true, "a", "b");
      tx.run(() -> store.updateGroup(new Group("a", "Group a", false, 0, List.of(), T0, T0)));
      assertThat(store.blocked(alice, List.of(bob))).isEmpty();
      assertThat(store.blocked(bob, List.of(alice))).isEmpty();
    }

    @Test
    void aUserInSeveralGroups_isBlockedByAnyOfThem() {
      group("c");
      members("c", carol, alice);
      policy("p", Policy.Type.BLOCK, true, "c", "b");
      policy("q", Policy.Type.ALLOW, true, "a", "b");
      assertThat(store.blocked(bob, List.of(alice, carol, dave))).containsExactlyInAnyOrder(alice, carol);
    }

    @Test
    void noOthers_noneBlocked() {
      policy("p", Policy.Type.BLOCK, true, "a", "b");
      assertThat(store.blocked(alice, List.of())).isEmpty();
    }

    @Test
    void aBlockedUserFarDownALongList_isFound() {
      policy("p", Policy.Type.BLOCK, true, "a", "b");
      List<Long> others = new ArrayList<>(LongStream.rangeClosed(1, 12_000).map(i -> userId(100_000 + i)).boxed()
          .toList());
      others.add(bob);
      assertThat(store.blocked(alice, others)).containsExactly(bob);
    }

    @Test
    void theCheckSeesWhatTheCallersTransactionWrote() {
      policy("p", Policy.Type.BLOCK, true, "a", "b");
      tx.run(() -> {
        store.addMembers("b", List.of(carol));
        assertThat(store.blocked(alice, List.of(carol))).containsExactly(carol);
      });
    }
  }
}
