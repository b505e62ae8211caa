package dev.atrium.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.barrier.Barriers;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomChange;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSearch;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.room.RoomTag;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link Rooms} service over the real JDBC stores, run once per {@link Backend}: what it leaves in the
 * database, which events it publishes, what it audits, and what it asks the barriers. The wire tests of the
 * Symphony dialect cover who may do what; this suite covers what cannot be seen from outside.
 */
abstract class RoomServiceSuite extends DatabaseTest {
  FakeClock clock;
  List<DomainEvent> published;
  JdbcAuditLog audit;
  RecordingBarriers barriers;
  Users users;
  Accounts accounts;
  UserAdmin userAdmin;
  Rooms rooms;
  User admin;
  User ada;
  User bob;
  User cy;

  RoomServiceSuite(Backend backend) {
    super(backend);
  }

  /** Barriers that remember every question and refuse the pairs they are told to. */
  static final class RecordingBarriers implements Barriers {
    final List<Map.Entry<Long, List<Long>>> asked = new CopyOnWriteArrayList<>();
    final List<Set<Long>> blocked = new CopyOnWriteArrayList<>();
    volatile Runnable onAsk = () -> {};

    @Override
    public void requireMayMeet(long userId, Collection<Long> others) {
      asked.add(Map.entry(userId, List.copyOf(others)));
      onAsk.run();
      for (long other : others) {
        if (blocked.contains(Set.of(userId, other))) {
          throw AtriumException.forbidden("Users " + userId + " and " + other + " may not meet");
        }
      }
    }
  }

  @BeforeEach
  void wire() {
    clock = new FakeClock();
    Events events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    JdbcUserStore userStore = new JdbcUserStore(tx);
    audit = new JdbcAuditLog(tx);
    Passwords passwords = new Passwords(new FastPasswordHasher());
    Sessions sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock,
        new SplittableRandom(7), Duration.ofHours(8));
    users = new Users(userStore);
    accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    userAdmin = new UserAdmin(userStore, users, audit, tx, events, clock);
    barriers = new RecordingBarriers();
    rooms = new Rooms(new JdbcRoomStore(tx), users, barriers, audit, tx, events, clock, new SplittableRandom(11));
    admin = accounts.bootstrapAdmin("admin@atrium.test", "admin-password").orElseThrow();
    ada = create("ada");
    bob = create("bob");
    cy = create("cy");
    published.clear();
  }

  User create(String username, String... roles) {
    return accounts.create(admin, new NewUser(username, username + "@example.com", Fixtures.names(username, "Test"),
        AccountType.NORMAL, Set.of(roles), new NewUser.Password.None(), false), List.of());
  }

  Room room(User owner, String name) {
    return rooms.create(owner, RoomSpec.builder().name(name).build());
  }

  int auditSize() {
    return audit.latest(1000).size();
  }

  @Nested
  class Creation {
    @Test
    void theCreatorIsTheOnlyMemberAndOwner_andTheEventSaysSo() {
      Room room = rooms.create(ada, RoomSpec.builder().name("  Desk  ").description("The desk")
          .keywords(List.of(new RoomTag("region", "EMEA"))).isPublic(true).readOnly(true).discoverable(true)
          .membersCanInvite(true).build());

      assertThat(room.name()).isEqualTo("Desk");
      assertThat(room.kind()).isEqualTo(RoomKind.ROOM);
      assertThat(room.active()).isTrue();
      assertThat(room.creatorId()).isEqualTo(ada.id());
      assertThat(room.createdAt()).isEqualTo(clock.instant());
      assertThat(rooms.members(ada, room.id())).containsExactly(
          Membership.joined(room.id(), ada.id(), RoomRole.OWNER, clock.instant()));
      assertThat(published).containsExactly(new DomainEvent.RoomCreated(room, List.of(ada.id()), clock.instant()));
      assertThat(barriers.asked).containsExactly(Map.entry(ada.id(), List.of()));
    }

    @Test
    void aUserWithoutTheEntitlementCannotCreateAPublicRoom_butAPrivateOne() {
      userAdmin.setFeatures(admin, bob.id(), Map.of(Rooms.CAN_CREATE_PUBLIC_ROOM, false));
      Map<String, String> before = snapshot();

      RoomSpec open = RoomSpec.builder().name("Open").isPublic(true).discoverable(true).build();
      assertThatThrownBy(() -> rooms.create(bob, open)).isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("The user lacks the canCreatePublicRoom entitlement");
      assertThat(snapshot()).isEqualTo(before);
      assertThat(room(bob, "Closed").isPublic()).isFalse();
    }
  }

  @Nested
  class Conversations {
    @Test
    void theSameParticipantsGetTheSameConversation_inAnyOrderAndWithRepeats() {
      Room im = rooms.conversation(ada, List.of(bob.id()));
      Room again = rooms.conversation(bob, List.of(ada.id(), ada.id(), bob.id()));
      Room mim = rooms.conversation(cy, List.of(bob.id(), ada.id()));
      Room byAdmin = rooms.adminConversation(admin, List.of(ada.id(), cy.id(), bob.id(), cy.id()));

      assertThat(im.kind()).isEqualTo(RoomKind.IM);
      assertThat(again.id()).isEqualTo(im.id());
      assertThat(mim.kind()).isEqualTo(RoomKind.MIM);
      assertThat(byAdmin.id()).isEqualTo(mim.id());
      assertThat(rooms.participants(List.of(im, mim))).containsExactly(
          Map.entry(im.id(), List.of(ada.id(), bob.id())), Map.entry(mim.id(), List.of(ada.id(), bob.id(), cy.id())));
      assertThat(published).filteredOn(DomainEvent.RoomCreated.class::isInstance).hasSize(2);
    }

    @Test
    void theBarriersAreAskedAboutEveryPair() {
      rooms.conversation(cy, List.of(ada.id(), bob.id()));

      assertThat(barriers.asked).containsExactly(Map.entry(ada.id(), List.of(bob.id(), cy.id())),
          Map.entry(bob.id(), List.of(cy.id())), Map.entry(cy.id(), List.of()));
    }

    @Test
    void aBarrierRefusesTheConversation_andNothingIsWritten() {
      barriers.blocked.add(Set.of(bob.id(), cy.id()));
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> rooms.conversation(ada, List.of(bob.id(), cy.id())))
          .isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("Users " + bob.id() + " and " + cy.id() + " may not meet");
      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }

    @Test
    void anExistingConversationIsNotHandedOutOnceABarrierSeparatesItsParticipants() {
      rooms.conversation(ada, List.of(bob.id()));
      barriers.blocked.add(Set.of(ada.id(), bob.id()));

      assertThatThrownBy(() -> rooms.conversation(ada, List.of(bob.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
    }

    @Test
    void anUnknownOrDisabledParticipantRefusesTheConversation_andNothingIsWritten() {
      accounts.setStatus(admin, cy.id(), UserStatus.DISABLED);
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> rooms.conversation(ada, List.of(bob.id(), 424242L)))
          .isInstanceOf(AtriumException.NotFound.class).hasMessage("User 424242 not found");
      assertThatThrownBy(() -> rooms.conversation(ada, List.of(bob.id(), cy.id())))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("User " + cy.id() + " is deactivated");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void twoRequestsOpeningTheSameConversationAtOnceGetOneConversation() throws Exception {
      // Both requests pass the lookup before either inserts: the unique participants key turns the
      // second insert into a conflict, and the service answers with the conversation the first made.
      CyclicBarrier bothLookedUp = new CyclicBarrier(2);
      barriers.onAsk = () -> {
        if (barriers.asked.size() <= 2) {
          try {
            bothLookedUp.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
      CompletableFuture<Room> first = CompletableFuture.supplyAsync(() -> rooms.conversation(ada, List.of(bob.id())));
      CompletableFuture<Room> second = CompletableFuture.supplyAsync(() -> rooms.conversation(bob, List.of(ada.id())));

      assertThat(first.get(20, TimeUnit.SECONDS).id()).isEqualTo(second.get(20, TimeUnit.SECONDS).id());
      assertThat(database.dsl().fetchCount(database.dsl().selectFrom("room"))).isEqualTo(1);
    }

    @Test
    void anAdministratorsConversationIsAudited_andNeedsTheRole() {
      Room mim = rooms.adminConversation(admin, List.of(ada.id(), bob.id(), cy.id()));

      AuditEntry entry = audit.latest(1).getFirst();
      assertThat(entry.action()).isEqualTo("conversation.create");
      assertThat(entry.target()).isEqualTo("room:" + mim.id());
      assertThat(rooms.participants(List.of(mim)).get(mim.id())).doesNotContain(admin.id());
      assertThatThrownBy(() -> rooms.adminConversation(ada, List.of(bob.id(), cy.id())))
          .isInstanceOf(AtriumException.Forbidden.class);
    }
  }

  @Nested
  class Members {
    @Test
    void addingAMemberAsksTheBarriersAboutTheCurrentMembers() {
      Room room = room(ada, "Desk");
      rooms.addMember(ada, room.id(), bob.id());
      barriers.asked.clear();

      rooms.addMember(ada, room.id(), cy.id());

      assertThat(barriers.asked).containsExactly(Map.entry(cy.id(), List.of(ada.id(), bob.id())));
    }

    @Test
    void aBarrierRefusesTheNewMember_andNothingIsWritten() {
      Room room = room(ada, "Desk");
      barriers.blocked.add(Set.of(ada.id(), bob.id()));
      published.clear();
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> rooms.addMember(ada, room.id(), bob.id()))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }

    @Test
    void eachChangePublishesItsEvent_andRepeatingItChangesNothing() {
      Room room = room(ada, "Desk");
      published.clear();

      assertThat(rooms.addMember(ada, room.id(), bob.id())).isTrue();
      assertThat(rooms.addMember(ada, room.id(), bob.id())).isFalse();
      assertThat(rooms.promoteOwner(ada, room.id(), bob.id())).isTrue();
      assertThat(rooms.promoteOwner(ada, room.id(), bob.id())).isFalse();
      clock.advance(Duration.ofMinutes(1));
      assertThat(rooms.demoteOwner(bob, room.id(), ada.id())).isTrue();
      assertThat(rooms.removeMember(bob, room.id(), ada.id())).isTrue();
      assertThat(rooms.removeMember(bob, room.id(), ada.id())).isFalse();

      assertThat(published).extracting(e -> e.getClass().getSimpleName()).containsExactly("RoomMemberAdded",
          "RoomMemberRoleChanged", "RoomMemberRoleChanged", "RoomMemberRemoved");
      assertThat(published.getLast()).isInstanceOfSatisfying(DomainEvent.RoomMemberRemoved.class,
          e -> assertThat(e.membership().leftAt()).isEqualTo(clock.instant()));
    }

    @Test
    void pastMembersAreKept_andShownToAdministratorsOnly() {
      Room room = room(ada, "Desk");
      rooms.addMember(ada, room.id(), bob.id());
      rooms.removeMember(ada, room.id(), bob.id());

      assertThat(rooms.members(ada, room.id())).extracting(Membership::userId).containsExactly(ada.id());
      assertThat(rooms.members(admin, room.id())).extracting(Membership::userId, Membership::current)
          .containsExactly(tuple(ada.id(), true), tuple(bob.id(), false));
    }

    @Test
    void whatAnAdministratorDoesByTheRoleAloneIsAudited_whatAnOwnerDoesIsNot() {
      User provisioner = create("prov", Roles.USER_PROVISIONING);
      Room room = room(ada, "Desk");
      int before = auditSize();

      rooms.addMember(ada, room.id(), bob.id());
      assertThat(auditSize()).isEqualTo(before);

      rooms.addMember(provisioner, room.id(), cy.id());
      rooms.promoteOwner(provisioner, room.id(), cy.id());
      rooms.update(provisioner, room.id(), RoomChange.builder().name("Renamed").build());
      rooms.setActive(provisioner, room.id(), false);
      assertThat(audit.latest(4)).extracting(AuditEntry::actorId, AuditEntry::action, AuditEntry::target)
          .containsExactly(tuple(provisioner.id(), "room.deactivate", "room:" + room.id()),
              tuple(provisioner.id(), "room.update", "room:" + room.id()),
              tuple(provisioner.id(), "room.owner.promote", "room:" + room.id()),
              tuple(provisioner.id(), "room.member.add", "room:" + room.id()));
    }

    @Test
    void aRoomNeverLosesItsLastOwner_evenToTwoDemotionsAtOnce() throws Exception {
      for (int round = 0; round < 10; round++) {
        Room room = room(ada, "Desk " + round);
        rooms.addMember(ada, room.id(), bob.id());
        rooms.promoteOwner(ada, room.id(), bob.id());

        CompletableFuture<Boolean> one = CompletableFuture.supplyAsync(() -> demotes(ada, room, bob));
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> demotes(bob, room, ada));

        assertThat(List.of(one.get(20, TimeUnit.SECONDS), other.get(20, TimeUnit.SECONDS)))
            .containsExactlyInAnyOrder(true, false);
        assertThat(rooms.members(ada, room.id()).stream().filter(Membership::isOwner)).hasSize(1);
      }
    }

    private boolean demotes(User actor, Room room, User target) {
      try {
        return rooms.demoteOwner(actor, room.id(), target.id());
      } catch (AtriumException e) {
        // The loser of the race either is no longer an owner itself, or would have demoted the last owner.
        return false;
      }
    }
  }

  @Nested
  class Changes {
    @Test
    void anUpdateKeepsWhatItDoesNotName_andTheImmutableAttributesStay() {
      Room room = rooms.create(ada, RoomSpec.builder().name("Desk").description("About")
          .keywords(List.of(new RoomTag("k", "v"))).readOnly(true).discoverable(true).build());
      clock.advance(Duration.ofSeconds(5));

      Room changed = rooms.update(ada, room.id(), RoomChange.builder().description("").membersCanInvite(true)
          .isPublic(false).readOnly(true).build());

      assertThat(changed).isEqualTo(room.withAttributes("Desk", null, room.keywords(), true, true, clock.instant()));
      assertThat(published.getLast()).isEqualTo(new DomainEvent.RoomUpdated(room, changed, clock.instant()));
      assertThatThrownBy(() -> rooms.update(ada, room.id(), RoomChange.builder().isPublic(true).build()))
          .isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("public cannot be changed after the room is created");
    }

    @Test
    void aDeactivatedRoomChangesInNothingButItsActiveFlag() {
      Room room = room(ada, "Desk");
      rooms.addMember(ada, room.id(), bob.id());
      rooms.setActive(ada, room.id(), false);
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> rooms.addMember(ada, room.id(), cy.id()))
          .hasMessage("New members cannot be added to deactivated rooms");
      assertThatThrownBy(() -> rooms.removeMember(ada, room.id(), bob.id()))
          .hasMessage("Members cannot be removed from deactivated rooms");
      assertThatThrownBy(() -> rooms.promoteOwner(ada, room.id(), bob.id()))
          .hasMessage("Owners cannot be changed in deactivated rooms");
      assertThatThrownBy(() -> rooms.update(ada, room.id(), RoomChange.builder().name("New").build()))
          .hasMessage("Room " + room.id() + " is deactivated; reactivate it before changing it");
      assertThat(snapshot()).isEqualTo(before);

      assertThat(rooms.setActive(ada, room.id(), true).active()).isTrue();
    }

    @Test
    void settingTheActiveFlagItAlreadyHasPublishesNothing() {
      Room room = room(ada, "Desk");
      published.clear();

      assertThat(rooms.setActive(ada, room.id(), true)).isEqualTo(room);
      assertThat(published).isEmpty();
    }
  }

  @Nested
  class Search {
    @Test
    void aQueryWithoutWordsNeedsAFilterThatNarrowsItToSomeonesRooms() {
      room(ada, "Desk");
      assertThatThrownBy(() -> rooms.search(ada, RoomSearch.builder().query(" %% ").limit(50).build()))
          .isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("query must contain a word unless owner, creator or member is given");
      assertThat(rooms.search(ada, RoomSearch.builder().memberId(ada.id()).limit(50).build()).total())
          .isEqualTo(1);
    }

    @Test
    void labelsAreMatchedIgnoringCase_andCountedOnceEach() {
      rooms.create(ada, RoomSpec.builder().name("Tesla").keywords(List.of(new RoomTag("Industry", "automobile")))
          .discoverable(true).build());

      var page = rooms.search(bob, RoomSearch.builder().query("auto").labels(List.of("INDUSTRY", "industry "))
          .limit(50).build());

      assertThat(page.total()).isEqualTo(1);
      assertThat(page.facets()).containsExactly(Map.entry("industry", 1L));
    }

    @Test
    void aQueryOfTooManyWordsIsRefused() {
      assertThatThrownBy(() -> rooms.search(ada, RoomSearch.builder().query("a b c d e f g h i").limit(50).build()))
          .hasMessage("query must have at most 8 words");
    }
  }

  @Nested
  class RoomRoles {
    @Test
    void aModeratorAddsAUserWithARole_thenChangesIt_publishingTheMembershipEvents() {
      Room room = room(ada, "Roles");
      rooms.setRole(ada, room.id(), bob.id(), RoomRole.MODERATOR);
      published.clear();

      Membership added = rooms.setRole(bob, room.id(), cy.id(), RoomRole.GUEST);
      Membership changed = rooms.setRole(bob, room.id(), cy.id(), RoomRole.MEMBER);
      Membership same = rooms.setRole(bob, room.id(), cy.id(), RoomRole.MEMBER);

      assertThat(added.role()).isEqualTo(RoomRole.GUEST);
      assertThat(changed.role()).isEqualTo(RoomRole.MEMBER);
      assertThat(same).isEqualTo(changed);
      assertThat(published).hasSize(2);
      assertThat(published.get(0)).isInstanceOf(DomainEvent.RoomMemberAdded.class);
      assertThat(published.get(1)).isInstanceOf(DomainEvent.RoomMemberRoleChanged.class);
      assertThat(barriers.asked).contains(Map.entry(cy.id(), List.of(ada.id(), bob.id())));
    }

    @Test
    void aPlainMemberMayNotGiveRoles_andAnOwnersRoleIsNeverChanged() {
      Room room = room(ada, "Roles");
      rooms.setRole(ada, room.id(), bob.id(), RoomRole.MEMBER);
      rooms.setRole(ada, room.id(), cy.id(), RoomRole.MODERATOR);
      published.clear();

      assertThatThrownBy(() -> rooms.setRole(bob, room.id(), bob.id(), RoomRole.MODERATOR))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> rooms.setRole(cy, room.id(), ada.id(), RoomRole.MEMBER))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> rooms.setRole(ada, room.id(), bob.id(), RoomRole.OWNER))
          .isInstanceOf(AtriumException.Invalid.class);
      assertThat(rooms.membershipOf(ada, room.id()).orElseThrow().role()).isEqualTo(RoomRole.OWNER);
      assertThat(rooms.membershipOf(bob, room.id()).orElseThrow().role()).isEqualTo(RoomRole.MEMBER);
      assertThat(published).isEmpty();
    }

    @Test
    void anAdministratorGivesARoleInAnyRoom_audited() {
      Room room = room(ada, "Roles");

      rooms.setRole(admin, room.id(), bob.id(), RoomRole.MODERATOR);

      assertThat(rooms.membershipOf(bob, room.id()).orElseThrow().role()).isEqualTo(RoomRole.MODERATOR);
      assertThat(audit.latest(1)).extracting(AuditEntry::action).containsExactly("room.role.set");
    }
  }

  /** Rooms created in a loop, to check that ids are what the wire expects. */
  @Test
  void roomIdsAreUrlSafeAndDistinct() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(room(ada, "r" + i).id());
    }
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[A-Za-z0-9_-]{34}"));
  }
}
