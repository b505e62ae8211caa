package dev.atrium.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.barrier.Barriers;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.message.Message;
import dev.atrium.core.message.Messages;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.room.Subscription;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Messages} service over the real JDBC stores, once per {@link Backend}: what it stores, which
 * events it publishes, what it audits, and that a refused request changes nothing.
 */
abstract class MessageServiceSuite extends DatabaseTest {
  FakeClock clock;
  List<DomainEvent> published;
  JdbcAuditLog audit;
  Users users;
  Accounts accounts;
  Rooms rooms;
  Messages messages;
  User admin;
  User ada;
  User bob;

  MessageServiceSuite(Backend backend) {
    super(backend);
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
    JdbcRoomStore roomStore = new JdbcRoomStore(tx);
    rooms = new Rooms(roomStore, users, Barriers.NONE, audit, tx, events, clock, new SplittableRandom(11));
    messages = new Messages(new JdbcMessageStore(tx), roomStore, users, audit, tx, events, clock,
        new SplittableRandom(13));
    admin = accounts.bootstrapAdmin("admin@atrium.test", "admin-password").orElseThrow();
    ada = create("ada");
    bob = create("bob");
    published.clear();
  }

  User create(String username) {
    return accounts.create(admin, new NewUser(username, username + "@example.com", Fixtures.names(username, "Test"),
        AccountType.NORMAL, Set.of(), new NewUser.Password.None(), false), List.of());
  }

  Room room(User owner, String name) {
    return rooms.create(owner, RoomSpec.builder().name(name).build());
  }

  @Test
  void send_countsOneUnreadForEveryOtherCurrentMember_andTheSenderHasReadTheRoom() {
    Room room = room(ada, "Unread");
    rooms.addMember(ada, room.id(), bob.id());
    messages.send(bob, room.id(), "<messageML>one</messageML>", null);
    messages.send(bob, room.id(), "<messageML>two</messageML>", null);
    assertThat(unread(ada, room)).isEqualTo(2);
    assertThat(unread(bob, room)).isZero();

    messages.send(ada, room.id(), "<messageML>three</messageML>", null);
    assertThat(unread(ada, room)).isZero();
    assertThat(unread(bob, room)).isEqualTo(1);
  }

  @Test
  void subscriptionsOf_listsTheCurrentRoomsWithRoleAndUnread_andEachConversationsPartners() {
    Room desk = room(ada, "Desk");
    rooms.addMember(ada, desk.id(), bob.id());
    Room im = rooms.conversation(ada, List.of(bob.id()));
    messages.send(ada, im.id(), "<messageML>hi</messageML>", null);

    List<Subscription> bobs = rooms.subscriptionsOf(bob.id());
    assertThat(bobs).extracting(sub -> sub.room().id()).containsExactlyInAnyOrder(desk.id(), im.id());
    Subscription ofIm = bobs.stream().filter(sub -> sub.room().id().equals(im.id())).findFirst().orElseThrow();
    assertThat(ofIm.partners()).containsExactly("ada");
    assertThat(ofIm.membership().unreadCount()).isEqualTo(1);
    Subscription ofDesk = bobs.stream().filter(sub -> sub.room().id().equals(desk.id())).findFirst().orElseThrow();
    assertThat(ofDesk.partners()).isEmpty();
    assertThat(ofDesk.membership().role()).isEqualTo(RoomRole.MEMBER);
    assertThat(rooms.subscriptionsOf(ada.id())).filteredOn(sub -> sub.room().id().equals(desk.id()))
        .extracting(sub -> sub.membership().role()).containsExactly(RoomRole.OWNER);

    rooms.removeMember(ada, desk.id(), bob.id());
    assertThat(rooms.subscriptionsOf(bob.id())).extracting(sub -> sub.room().id()).containsExactly(im.id());
  }

  private int unread(User user, Room room) {
    return rooms.subscriptionsOf(user.id()).stream().filter(sub -> sub.room().id().equals(room.id())).findFirst()
        .orElseThrow().membership().unreadCount();
  }

  @Test
  void send_storesTheMessageAndItsPlainText_andPublishesTheEventAfterCommit() {
    Room room = room(ada, "Desk");
    published.clear();

    Messages.Posted posted = messages.send(ada, room.id(), "<messageML>Hello <b>world</b></messageML>", "{}");

    Message m = posted.message();
    assertThat(m.text()).isEqualTo("Hello world");
    assertThat(m.data()).isEqualTo("{}");
    assertThat(m.sentAt()).isEqualTo(clock.instant());
    assertThat(m.suppressed()).isFalse();
    assertThat(messages.list(ada, room.id(), clock.instant(), 0, 50).messages()).containsExactly(m);
    assertThat(published).containsExactly(new DomainEvent.MessageSent(m, posted.room(), clock.instant()));
  }

  @Test
  void refusedSends_changeNothing() {
    Room room = room(ada, "Desk");
    published.clear();
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> messages.send(bob, room.id(), "<messageML>hi</messageML>", null))
        .isInstanceOf(AtriumException.Forbidden.class);
    assertThatThrownBy(() -> messages.send(ada, room.id(), "<messageML>hi", null))
        .isInstanceOf(AtriumException.Invalid.class);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
    rooms.setActive(ada, room.id(), false);
    published.clear();
    before = snapshot();
    assertThatThrownBy(() -> messages.send(ada, room.id(), "<messageML>hi</messageML>", null))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("Stream " + room.id() + " is deactivated and takes no messages");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
  }

  @Test
  void aMemberWhoLeft_neitherPostsNorReads() {
    Room room = room(ada, "Desk");
    rooms.addMember(ada, room.id(), bob.id());
    messages.send(bob, room.id(), "<messageML>bye</messageML>", null);
    rooms.removeMember(bob, room.id(), bob.id());

    assertThatThrownBy(() -> messages.send(bob, room.id(), "<messageML>again</messageML>", null))
        .isInstanceOf(AtriumException.Forbidden.class);
    assertThatThrownBy(() -> messages.list(bob, room.id(), clock.instant(), 0, 50))
        .isInstanceOf(AtriumException.Forbidden.class)
        .hasMessage("The user is not a member of room " + room.id());
  }

  @Test
  void suppress_isAudited_publishedOnce_andKeepsTheFirstDate() {
    Room room = room(ada, "Desk");
    Message m = messages.send(ada, room.id(), "<messageML>oops</messageML>", null).message();
    published.clear();

    Message first = messages.suppress(admin, m.id());
    clock.advance(Duration.ofMinutes(5));
    Message again = messages.suppress(admin, m.id());

    assertThat(first.suppressedAt()).isEqualTo(FakeClock.START);
    assertThat(again.suppressedAt()).isEqualTo(FakeClock.START);
    AuditEntry entry = audit.latest(1).getFirst();
    assertThat(entry.action()).isEqualTo("message.suppress");
    assertThat(entry.target()).isEqualTo("message:" + m.id());
    assertThat(entry.actorId()).isEqualTo(admin.id());
    assertThat(audit.latest(1000)).filteredOn(e -> e.action().equals("message.suppress")).hasSize(1);
    assertThat(published).containsExactly(new DomainEvent.MessageSuppressed(first, FakeClock.START));
    assertThat(messages.list(ada, room.id(), FakeClock.START, 0, 50).messages()).isEmpty();
  }

  @Test
  void suppress_byANonAdministrator_orOfAnUnknownMessage_changesNothing() {
    Room room = room(ada, "Desk");
    Message m = messages.send(ada, room.id(), "<messageML>mine</messageML>", null).message();
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> messages.suppress(ada, m.id())).isInstanceOf(AtriumException.Forbidden.class);
    assertThatThrownBy(() -> messages.suppress(admin, "AAAAAAAAAAAAAAAAAAAAAAAA"))
        .isInstanceOf(AtriumException.NotFound.class).hasMessage("Message AAAAAAAAAAAAAAAAAAAAAAAA not found");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void markRead_resetsTheReadersUnreadCountOnly_andAStrangerChangesNothing() {
    Room room = room(ada, "Reading");
    rooms.addMember(ada, room.id(), bob.id());
    messages.send(ada, room.id(), "<messageML>one</messageML>", null);
    messages.send(ada, room.id(), "<messageML>two</messageML>", null);
    User carl = create("carl");
    Map<String, String> before = snapshot();
    assertThatThrownBy(() -> rooms.markRead(carl, room.id())).isInstanceOf(AtriumException.Forbidden.class);
    assertThat(snapshot()).isEqualTo(before);
    clock.advance(Duration.ofMinutes(1));
    published.clear();

    rooms.markRead(bob, room.id());

    assertThat(unread(bob, room)).isZero();
    assertThat(rooms.subscriptionsOf(bob.id()).getFirst().membership().lastReadAt()).isEqualTo(clock.instant());
    assertThat(published).hasSize(1).first().isInstanceOf(DomainEvent.RoomRead.class);
    messages.send(ada, room.id(), "<messageML>three</messageML>", null);
    assertThat(unread(bob, room)).isEqualTo(1);
  }

  @Test
  void delete_removesTheRoomItsMembershipsAndMessages_isAudited_forAnAdministrator_andPublishedOnce() {
    Room room = room(ada, "Doomed");
    rooms.addMember(ada, room.id(), bob.id());
    messages.send(bob, room.id(), "<messageML>bye</messageML>", null);
    Room kept = room(ada, "Doomed");
    Map<String, String> before = snapshot();
    assertThatThrownBy(() -> rooms.delete(bob, room.id())).isInstanceOf(AtriumException.Forbidden.class);
    assertThat(snapshot()).isEqualTo(before);
    published.clear();

    rooms.delete(admin, room.id());

    assertThat(published).containsExactly(new DomainEvent.RoomDeleted(room, List.of(ada.id(), bob.id()),
        clock.instant()));
    assertThat(audit.latest(1).getFirst().action()).isEqualTo("room.delete");
    assertThatThrownBy(() -> rooms.stream(ada, room.id())).isInstanceOf(AtriumException.NotFound.class);
    assertThat(rooms.subscriptionsOf(bob.id())).isEmpty();
    assertThat(rooms.byName("Doomed")).extracting(Room::id).containsExactly(kept.id());
    assertThatThrownBy(() -> messages.send(ada, room.id(), "<messageML>late</messageML>", null))
        .isInstanceOf(AtriumException.NotFound.class);
    assertThatThrownBy(() -> rooms.delete(ada, room.id())).isInstanceOf(AtriumException.NotFound.class);

    rooms.delete(ada, kept.id());
    assertThat(rooms.byName("Doomed")).isEmpty();
  }

  /**
   * Rocket.Chat's {@code users.info?includeUserRooms=true} reads a user's rooms with their unread counts through
   * {@code subscriptionsOf}: the same number of statements for 3 rooms as for 30, conversations included.
   */
  @Test
  void subscriptionsOf_readsAnyNumberOfRooms_inAConstantNumberOfStatements() {
    java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
    JdbcRoomStore counted = new JdbcRoomStore(new JdbcTransactor(database.dsl().configuration()
        .deriveAppending(org.jooq.ExecuteListener.onStart(ctx -> statements.incrementAndGet())).dsl()));
    User carl = create("carl");
    for (int i = 0; i < 3; i++) {
      rooms.addMember(ada, room(ada, "Few " + i).id(), bob.id());
    }
    rooms.conversation(bob, List.of(ada.id()));
    assertThat(counted.subscriptionsOf(bob.id())).hasSize(4);
    int few = statements.getAndSet(0);
    for (int i = 0; i < 27; i++) {
      Room room = room(ada, "Many " + i);
      rooms.addMember(ada, room.id(), bob.id());
      messages.send(ada, room.id(), "<messageML>unread</messageML>", null);
    }
    rooms.conversation(bob, List.of(carl.id()));
    rooms.conversation(bob, List.of(ada.id(), carl.id()));
    statements.set(0);

    List<Subscription> many = counted.subscriptionsOf(bob.id());

    assertThat(many).hasSize(33);
    assertThat(many).filteredOn(sub -> sub.membership().unreadCount() == 1).hasSize(27);
    assertThat(statements.get()).isEqualTo(few).isLessThanOrEqualTo(2);
  }

  @Test
  void createWithMembers_isOneTransaction_aMemberWhoCannotJoinLeavesNoRoom() {
    User carl = create("carl");
    accounts.setStatus(admin, carl.id(), dev.atrium.core.user.UserStatus.DISABLED);
    Map<String, String> before = snapshot();
    published.clear();

    assertThatThrownBy(() -> rooms.create(ada, RoomSpec.builder().name("Together").build(),
        List.of(bob.id(), carl.id()))).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("User " + carl.id() + " is deactivated");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
    Room room = rooms.create(ada, RoomSpec.builder().name("Together").build(), List.of(bob.id(), ada.id(),
        bob.id()));
    assertThat(rooms.members(ada, room.id())).extracting(m -> m.userId(), m -> m.role())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ada.id(), RoomRole.OWNER),
            org.assertj.core.groups.Tuple.tuple(bob.id(), RoomRole.MEMBER));
    assertThat(published).hasSize(2);
  }

  @Test
  void removedSince_listsTheRoomsLeftOrDeletedAfterTheTime_withWhenTheyWent() {
    Room left = room(ada, "Left");
    rooms.addMember(ada, left.id(), bob.id());
    Room deleted = room(ada, "Deleted");
    rooms.addMember(ada, deleted.id(), bob.id());
    Room leftThenDeleted = room(ada, "Left then deleted");
    rooms.addMember(ada, leftThenDeleted.id(), bob.id());
    java.time.Instant start = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    rooms.removeMember(bob, left.id(), bob.id());
    java.time.Instant leftAt = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    rooms.removeMember(bob, leftThenDeleted.id(), bob.id());
    java.time.Instant secondLeftAt = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    rooms.delete(ada, deleted.id());
    rooms.delete(ada, leftThenDeleted.id());
    java.time.Instant deletedAt = clock.instant();

    assertThat(rooms.removedSince(bob.id(), start)).containsExactly(
        new dev.atrium.core.room.RoomRemoval(left.id(), bob.id(), leftAt),
        new dev.atrium.core.room.RoomRemoval(leftThenDeleted.id(), bob.id(), secondLeftAt),
        new dev.atrium.core.room.RoomRemoval(deleted.id(), bob.id(), deletedAt));
    assertThat(rooms.removedSince(bob.id(), leftAt)).extracting(dev.atrium.core.room.RoomRemoval::roomId)
        .containsExactly(leftThenDeleted.id(), deleted.id());
    assertThat(rooms.removedSince(bob.id(), deletedAt)).isEmpty();
    assertThat(rooms.removedSince(ada.id(), start)).extracting(dev.atrium.core.room.RoomRemoval::roomId)
        .containsExactlyInAnyOrder(deleted.id(), leftThenDeleted.id());
  }
}
