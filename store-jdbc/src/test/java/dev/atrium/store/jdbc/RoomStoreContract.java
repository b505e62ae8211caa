package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static dev.atrium.store.jdbc.schema.Tables.ROOM;
import static dev.atrium.store.jdbc.schema.Tables.ROOM_TERM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomPage;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSearch;
import dev.atrium.core.room.RoomTag;
import dev.atrium.core.user.User;
import dev.atrium.store.jdbc.schema.tables.RoomTerm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the room store must do, on every {@link Backend} (one subclass of one line each). Each test starts on
 * empty tables.
 */
abstract class RoomStoreContract extends DatabaseTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(7);
  private int created;

  JdbcUserStore users;
  JdbcRoomStore rooms;
  long ada;
  long bob;
  long cy;

  RoomStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    users = new JdbcUserStore(tx);
    rooms = new JdbcRoomStore(tx);
    ada = insertUser("ada");
    bob = insertUser("bob");
    cy = insertUser("cy");
  }

  long insertUser(String username) {
    User u = user(userId(users.nextSequence()), username, username + "@example.com", names(null, null));
    tx.run(() -> users.insert(u));
    return u.id();
  }

  static String newId() {
    return dev.atrium.core.room.RoomId.random(RANDOM);
  }

  static Room chatRoom(String name, @Nullable String description, List<RoomTag> keywords, boolean discoverable,
      long creator, Instant created) {
    return Room.builder().id(newId()).kind(RoomKind.ROOM).name(name).description(description).keywords(keywords)
        .discoverable(discoverable).creatorId(creator).createdAt(created).build();
  }

  /** A discoverable room by ada, created a second after the one before, so that they sort in this order. */
  Room insertRoom(String name, @Nullable String description, RoomTag... keywords) {
    return insertRoom(chatRoom(name, description, List.of(keywords), true, ada, T0.plusSeconds(created++)));
  }

  Room insertRoom(Room room) {
    tx.run(() -> rooms.insert(room));
    return room;
  }

  Room insertConversation(long... ids) {
    TreeSet<Long> participants = new TreeSet<>();
    for (long id : ids) {
      participants.add(id);
    }
    Room room = Room.builder().id(newId()).kind(ids.length == 2 ? RoomKind.IM : RoomKind.MIM).creatorId(ids[0])
        .createdAt(T0).build();
    tx.run(() -> {
      rooms.insertConversation(room, participants);
      participants.forEach(id -> rooms.putMembership(Membership.joined(room.id(), id, RoomRole.MEMBER, T0)));
    });
    return room;
  }

  void join(Room room, long userId, RoomRole role, Instant at) {
    tx.run(() -> rooms.putMembership(Membership.joined(room.id(), userId, role, at)));
  }

  void leave(Room room, long userId, Instant at) {
    tx.run(() -> rooms.putMembership(rooms.membership(room.id(), userId).orElseThrow().left(at)));
  }

  static RoomSearch query(String query) {
    return RoomSearch.builder().query(query).limit(50).build();
  }

  RoomPage search(long viewer, RoomSearch search) {
    return rooms.search(viewer, RoomSearch.words(search.query()), search);
  }

  List<String> found(long viewer, String query) {
    return search(viewer, query(query)).rooms().stream().map(Room::name).toList();
  }

  @Nested
  class Rooms {
    @Test
    void insert_thenById_returnsEveryField() {
      Room room = Room.builder().id(newId()).kind(RoomKind.ROOM).name("Automobile Industry")
          .description("Cars, trucks & more")
          .keywords(List.of(new RoomTag("industry", "automobile"), new RoomTag("region", "EMEA"))).isPublic(true)
          .readOnly(true).copyProtected(true).discoverable(true).membersCanInvite(true).active(false).creatorId(ada)
          .createdAt(T0).updatedAt(T0.plusMillis(1_234)).build();
      insertRoom(room);
      assertThat(rooms.byId(room.id())).contains(room);
    }

    @Test
    void aRoomWithoutDescriptionOrKeywords_readsBackWithout() {
      Room room = insertRoom(chatRoom("bare", null, List.of(), false, bob, T0));
      assertThat(rooms.byId(room.id())).contains(room);
    }

    @Test
    void byId_unknown_isEmpty() {
      assertThat(rooms.byId(newId())).isEmpty();
      assertThat(rooms.lock(newId())).isEmpty();
    }

    @Test
    void lock_returnsTheRoom() {
      Room room = insertRoom("locked", null);
      assertThat(tx.inTransaction(() -> rooms.lock(room.id()))).contains(room);
    }

    @Test
    void lock_makesAnotherTransactionWaitUntilTheFirstEnds() throws Exception {
      Room room = insertRoom("contended", null);
      CountDownLatch locked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.run(() -> {
        rooms.lock(room.id());
        locked.countDown();
        await(release);
        rooms.update(room.withActive(false, T0.plusSeconds(1)));
      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() ->
          tx.inTransaction(() -> rooms.lock(room.id()).orElseThrow().active()));
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      // The second lock was granted only after the first transaction committed: it sees the change.
      assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void update_replacesTheAttributesAndTheSearchWords() {
      Room room = insertRoom("Tesla Room", "Discussions on TSLA", new RoomTag("industry", "automobile"));
      Room changed = room.withAttributes("Rivian Room", "Discussions on RIVN", List.of(new RoomTag("sector", "ev")),
          true, true, T0.plusSeconds(60));
      tx.run(() -> rooms.update(changed));

      assertThat(rooms.byId(room.id())).contains(changed);
      assertThat(found(ada, "tesla")).isEmpty();
      assertThat(found(ada, "automobile")).isEmpty();
      assertThat(found(ada, "rivian")).containsExactly("Rivian Room");
      assertThat(found(ada, "ev")).containsExactly("Rivian Room");
    }

    @Test
    void update_keepsWhatSearchFiltersOnInStep() {
      Room room = insertRoom("Steady", null);
      tx.run(() -> rooms.update(room.withActive(false, T0.plusSeconds(5))));
      assertThat(search(bob, RoomSearch.builder().query("steady").active(true).limit(50).build()).total())
          .isZero();
      assertThat(search(bob, RoomSearch.builder().query("steady").active(false).limit(50).build()).total())
          .isEqualTo(1);

      tx.run(() -> rooms.update(room.withAttributes("Steady", null, List.of(), false, false, T0.plusSeconds(6))));
      assertThat(found(bob, "steady")).isEmpty();
    }

    @Test
    void manyChatRoomsHaveNoParticipantsKey() {
      insertRoom("one", null);
      insertRoom("two", null);
      assertThat(database.dsl().fetchCount(DSL.table("room"))).isEqualTo(2);
    }
  }

  @Nested
  class Conversations {
    @Test
    void aConversationIsFoundByExactlyItsParticipants() {
      Room im = insertConversation(ada, bob);
      Room mim = insertConversation(ada, bob, cy);

      assertThat(rooms.conversation(new TreeSet<>(List.of(bob, ada)))).contains(im);
      assertThat(rooms.conversation(new TreeSet<>(List.of(cy, bob, ada)))).contains(mim);
      assertThat(rooms.conversation(new TreeSet<>(List.of(ada, cy)))).isEmpty();
    }

    @Test
    void theSameParticipantsCannotHaveTwoConversations() {
      insertConversation(ada, bob);
      Room again = Room.builder().id(newId()).kind(RoomKind.IM).creatorId(bob).createdAt(T0).build();
      assertThatThrownBy(() -> tx.run(() -> rooms.insertConversation(again, new TreeSet<>(List.of(ada, bob)))))
          .isInstanceOf(AtriumException.Conflict.class);
      assertThat(rooms.byId(again.id())).isEmpty();
    }

    @Test
    void conversationsAreNeverFoundBySearch() {
      insertConversation(ada, bob);
      assertThat(search(ada, RoomSearch.builder().memberId(ada).limit(50).build()).total()).isZero();
    }
  }

  @Nested
  class Members {
    @Test
    void putMembership_thenMembership_returnsEveryField() {
      Room room = insertRoom("r", null);
      Membership m = new Membership(room.id(), bob, RoomRole.MODERATOR, T0, T0.plusSeconds(9), 3, T0.plusSeconds(5));
      tx.run(() -> rooms.putMembership(m));
      assertThat(rooms.membership(room.id(), bob)).contains(m);
      assertThat(rooms.membership(room.id(), cy)).isEmpty();
    }

    @Test
    void putMembership_replacesTheMembershipOfTheSameUser() {
      Room room = insertRoom("r", null);
      join(room, bob, RoomRole.MEMBER, T0);
      leave(room, bob, T0.plusSeconds(1));
      join(room, bob, RoomRole.OWNER, T0.plusSeconds(2));

      assertThat(rooms.membership(room.id(), bob))
          .contains(Membership.joined(room.id(), bob, RoomRole.OWNER, T0.plusSeconds(2)));
      assertThat(rooms.members(room.id(), true)).hasSize(1);
    }

    @Test
    void members_areInJoinOrder_andPastMembersOnlyWhenAsked() {
      Room room = insertRoom("r", null);
      join(room, cy, RoomRole.OWNER, T0);
      join(room, ada, RoomRole.MEMBER, T0.plusSeconds(1));
      join(room, bob, RoomRole.MEMBER, T0.plusSeconds(1));
      leave(room, ada, T0.plusSeconds(2));

      assertThat(rooms.members(room.id(), false)).extracting(Membership::userId).containsExactly(cy, bob);
      assertThat(rooms.members(room.id(), true)).extracting(Membership::userId).containsExactly(cy, ada, bob);
    }

    @Test
    void currentMemberIds_perRoom_ascending_withoutPastMembers() {
      Room first = insertRoom("first", null);
      Room second = insertRoom("second", null);
      Room empty = insertRoom("empty", null);
      join(first, cy, RoomRole.OWNER, T0);
      join(first, ada, RoomRole.MEMBER, T0);
      join(second, bob, RoomRole.OWNER, T0);
      join(second, ada, RoomRole.MEMBER, T0);
      leave(second, ada, T0.plusSeconds(1));

      Map<String, List<Long>> ids = rooms.currentMemberIds(List.of(first.id(), second.id(), empty.id()));
      assertThat(ids).containsExactly(Map.entry(first.id(), List.of(ada, cy)), Map.entry(second.id(), List.of(bob)),
          Map.entry(empty.id(), List.of()));
      assertThat(rooms.currentMemberIds(List.of())).isEmpty();
    }

    @Test
    void ownerCount_countsCurrentOwnersOnly() {
      Room room = insertRoom("r", null);
      join(room, ada, RoomRole.OWNER, T0);
      join(room, bob, RoomRole.OWNER, T0);
      join(room, cy, RoomRole.MEMBER, T0);
      assertThat(rooms.ownerCount(room.id())).isEqualTo(2);
      leave(room, bob, T0.plusSeconds(1));
      assertThat(rooms.ownerCount(room.id())).isEqualTo(1);
    }

    @Test
    void aMembershipOfAnUnknownRoomIsRefusedAsAConflict() {
      assertThatThrownBy(() -> tx.run(() -> rooms.putMembership(Membership.joined(newId(), ada, RoomRole.MEMBER,
          T0)))).isInstanceOf(AtriumException.Conflict.class);
    }
  }

  @Nested
  class RoomsOfAUser {
    @Test
    void roomsOf_areTheUsersCurrentRoomsOfTheKindsAsked_oldestFirst() {
      Room newer = insertRoom(chatRoom("newer", null, List.of(), false, ada, T0.plusSeconds(10)));
      Room older = insertRoom(chatRoom("older", null, List.of(), false, ada, T0.minusSeconds(10)));
      Room left = insertRoom(chatRoom("left", null, List.of(), false, ada, T0));
      Room notMine = insertRoom(chatRoom("not mine", null, List.of(), true, bob, T0));
      join(newer, ada, RoomRole.OWNER, newer.createdAt());
      join(older, ada, RoomRole.MEMBER, older.createdAt());
      join(left, ada, RoomRole.MEMBER, left.createdAt());
      leave(left, ada, T0.plusSeconds(1));
      join(notMine, bob, RoomRole.OWNER, T0);
      Room im = insertConversation(ada, bob);

      assertThat(rooms.roomsOf(ada, EnumSet.allOf(RoomKind.class), false, 0, 50)).extracting(Room::id)
          .containsExactly(older.id(), im.id(), newer.id());
      assertThat(rooms.roomsOf(ada, EnumSet.of(RoomKind.IM), false, 0, 50)).containsExactly(im);
      assertThat(rooms.roomsOf(ada, EnumSet.of(RoomKind.MIM), false, 0, 50)).isEmpty();
      assertThat(rooms.roomsOf(ada, EnumSet.allOf(RoomKind.class), false, 1, 1)).containsExactly(
          rooms.byId(im.id()).orElseThrow());
    }

    @Test
    void roomsOf_leavesInactiveRoomsOutUnlessAsked() {
      Room room = insertRoom(chatRoom("quiet", null, List.of(), false, ada, T0));
      join(room, ada, RoomRole.OWNER, T0);
      tx.run(() -> rooms.update(room.withActive(false, T0.plusSeconds(1))));

      assertThat(rooms.roomsOf(ada, Set.of(RoomKind.ROOM), false, 0, 50)).isEmpty();
      assertThat(rooms.roomsOf(ada, Set.of(RoomKind.ROOM), true, 0, 50)).extracting(Room::name)
          .containsExactly("quiet");
    }
  }

  @Nested
  class Search {
    @Test
    void eachWordMustStartAWordOfTheNameOrDescription_ignoringCase() {
      insertRoom("Automobile Industry Room", "Room to discuss car companies");
      insertRoom("Tesla Room", "Discussions on TSLA");

      assertThat(found(ada, "auto")).containsExactly("Automobile Industry Room");
      assertThat(found(ada, "ROOM")).containsExactly("Automobile Industry Room", "Tesla Room");
      assertThat(found(ada, "room disc")).containsExactly("Automobile Industry Room", "Tesla Room");
      assertThat(found(ada, "tesla car")).isEmpty();
      assertThat(found(ada, "mobile")).isEmpty();
      assertThat(found(ada, "tsla")).containsExactly("Tesla Room");
    }

    @Test
    void wordsAreLettersAndDigitsOfAnyScript() {
      insertRoom("Café Zürich", "Übersee-Handel 2025");
      insertRoom("東京 チーム", null);

      assertThat(found(ada, "caf")).containsExactly("Café Zürich");
      assertThat(found(ada, "ZÜRI")).containsExactly("Café Zürich");
      assertThat(found(ada, "handel")).containsExactly("Café Zürich");
      assertThat(found(ada, "2025")).containsExactly("Café Zürich");
      assertThat(found(ada, "東")).containsExactly("東京 チーム");
      assertThat(found(ada, "cafe")).isEmpty();
    }

    @Test
    void keywordValuesAreSearched_andLabelsNarrowThemToTheirKeys() {
      insertRoom("Automobile Industry Room", "Room to discuss car companies");
      insertRoom("Tesla Room", "Discussions on TSLA", new RoomTag("Industry", "automobile"));
      insertRoom("Garage", null, new RoomTag("hobby", "automobile restoration"));

      assertThat(found(ada, "automobile")).containsExactly("Automobile Industry Room", "Tesla Room", "Garage");

      RoomPage labelled = search(ada, RoomSearch.builder().query("automobile").labels(List.of("industry"))
          .limit(50).build());
      assertThat(labelled.rooms()).extracting(Room::name).containsExactly("Automobile Industry Room", "Tesla Room");
      assertThat(labelled.total()).isEqualTo(2);
      assertThat(labelled.facets()).containsExactly(Map.entry("industry", 1L));
    }

    @Test
    void aFacetCountsTheRoomsWhereSomeWordMatchedThroughTheLabel() {
      insertRoom("Zebra automobile industry", null);
      insertRoom("Zebra Tesla", null, new RoomTag("industry", "automobile"));
      insertRoom("Zebra garage", null, new RoomTag("industry", "repairs"));

      RoomPage page = search(ada, RoomSearch.builder().query("zebra auto").labels(List.of("industry"))
          .limit(50).build());
      assertThat(page.rooms()).extracting(Room::name).containsExactly("Zebra automobile industry", "Zebra Tesla");
      assertThat(page.facets()).containsExactly(Map.entry("industry", 1L));
    }

    @Test
    void facetsCountPerLabel_inLabelOrder() {
      insertRoom("One", null, new RoomTag("region", "emea"), new RoomTag("desk", "emea rates"));
      insertRoom("Two", null, new RoomTag("region", "emea"));
      insertRoom("emea news", null);

      RoomPage page = search(ada, RoomSearch.builder().query("emea").labels(List.of("region", "desk", "absent"))
          .limit(50).build());
      assertThat(page.total()).isEqualTo(3);
      assertThat(page.facets()).containsExactly(Map.entry("region", 2L), Map.entry("desk", 1L),
          Map.entry("absent", 0L));
    }

    @Test
    void aWordLongerThanTheIndexedPrefixStillFindsTheRoom() {
      String longWord = "x".repeat(JdbcRoomStore.MAX_TERM_BYTES + 20);
      insertRoom(longWord, null);
      assertThat(found(ada, longWord)).containsExactly(longWord);
      assertThat(found(ada, "x".repeat(10))).containsExactly(longWord);
    }

    @Test
    void aRoomThatIsNotDiscoverableIsFoundOnlyByItsCurrentMembers() {
      Room hidden = insertRoom(chatRoom("Hidden deals", null, List.of(), false, ada, T0));
      join(hidden, ada, RoomRole.OWNER, T0);
      join(hidden, bob, RoomRole.MEMBER, T0);
      leave(hidden, bob, T0.plusSeconds(1));

      assertThat(found(ada, "hidden")).containsExactly("Hidden deals");
      assertThat(found(bob, "hidden")).isEmpty();
      assertThat(found(cy, "hidden")).isEmpty();
    }

    @Test
    void filtersNarrowTheMatches() {
      Room open = insertRoom(Room.builder().id(newId()).kind(RoomKind.ROOM).name("Desk open").isPublic(true)
          .discoverable(true).creatorId(ada).createdAt(T0).build());
      Room closed = insertRoom(Room.builder().id(newId()).kind(RoomKind.ROOM).name("Desk closed").discoverable(true)
          .active(false).creatorId(bob).createdAt(T0.plusSeconds(1)).build());
      join(open, ada, RoomRole.OWNER, T0);
      join(open, cy, RoomRole.MEMBER, T0);
      join(closed, bob, RoomRole.OWNER, T0);
      join(closed, ada, RoomRole.OWNER, T0);
      leave(closed, ada, T0.plusSeconds(2));

      assertThat(names(RoomSearch.builder().query("desk").active(true).limit(50).build()))
          .containsExactly("Desk open");
      assertThat(names(RoomSearch.builder().query("desk").active(false).limit(50).build()))
          .containsExactly("Desk closed");
      assertThat(names(RoomSearch.builder().query("desk").isPrivate(true).limit(50).build()))
          .containsExactly("Desk closed");
      assertThat(names(RoomSearch.builder().query("desk").isPrivate(false).limit(50).build()))
          .containsExactly("Desk open");
      assertThat(names(RoomSearch.builder().query("desk").ownerId(ada).limit(50).build()))
          .containsExactly("Desk open");
      assertThat(names(RoomSearch.builder().query("desk").creatorId(bob).limit(50).build()))
          .containsExactly("Desk closed");
      assertThat(names(RoomSearch.builder().query("desk").memberId(cy).limit(50).build()))
          .containsExactly("Desk open");
      assertThat(names(RoomSearch.builder().ownerId(bob).limit(50).build()))
          .containsExactly("Desk closed");
    }

    private List<String> names(RoomSearch search) {
      return search(cy, search).rooms().stream().map(Room::name).toList();
    }

    @Test
    void pagesCountEveryMatch_oldestFirst() {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        names.add("Page room " + i);
        insertRoom(chatRoom("Page room " + i, null, List.of(), true, ada, T0.plusSeconds(i)));
      }
      RoomPage second = search(ada, RoomSearch.builder().query("page").skip(3).limit(3).build());
      assertThat(second.total()).isEqualTo(7);
      assertThat(second.rooms()).extracting(Room::name).containsExactlyElementsOf(names.subList(3, 6));
      RoomPage beyond = search(ada, RoomSearch.builder().query("page").skip(7).limit(3).build());
      assertThat(beyond.total()).isEqualTo(7);
      assertThat(beyond.rooms()).isEmpty();
    }
  }

  /**
   * Search must stay fast on 100,000 rooms: the databases are asked for their plans of the queries of a
   * search, and none may read a whole table. (PostgreSQL is told to avoid sequential scans, so that it shows
   * an index plan whenever one exists, even on these few rows.) A search with words reads the term index
   * only; the rooms of its page are then read by id.
   */
  @Nested
  class SearchPlans {
    @Test
    void aWordSearchReadsTheTermIndex_notEveryRoom() {
      insertRoom("Automobile Industry Room", "Room to discuss car companies", new RoomTag("industry", "cars"));
      RoomSearch search = RoomSearch.builder().query("auto room").labels(List.of("industry")).active(true)
          .isPrivate(true).limit(50).build();
      RoomTerm d = ROOM_TERM.as("d");
      List<org.jooq.Condition> where = JdbcRoomStore.termConditions(bob, List.of("auto", "room"), search);

      assertNoFullScan(plan(DSL.select(DSL.countDistinct(d.ROOM_ID)).from(d).where(where)));
      assertNoFullScan(plan(DSL.select(d.ROOM_ID, d.CREATED_AT).from(d).where(where)
          .groupBy(d.ROOM_ID, d.CREATED_AT).orderBy(d.CREATED_AT, d.ROOM_ID).limit(50)));
    }

    @Test
    void aWordSearchWithEveryFilterReadsIndexesOnly() {
      insertRoom("Automobile Industry Room", null);
      RoomSearch search = RoomSearch.builder().query("auto").active(false).isPrivate(false).ownerId(cy).creatorId(ada)
          .memberId(bob).limit(50).build();
      RoomTerm d = ROOM_TERM.as("d");

      assertNoFullScan(plan(DSL.select(DSL.countDistinct(d.ROOM_ID)).from(d)
          .where(JdbcRoomStore.termConditions(bob, List.of("auto"), search))));
    }

    @Test
    void aMemberSearchWithoutWordsReadsTheMemberIndex_notEveryRoom() {
      insertRoom("Automobile Industry Room", null);
      RoomSearch search = RoomSearch.builder().ownerId(bob).memberId(cy).limit(50).build();

      List<String> listed = List.of(newId(), newId());

      assertNoFullScan(plan(DSL.select(ROOM.ID).from(ROOM)
          .where(JdbcRoomStore.roomConditions(ada, search, java.util.Optional.of(listed)))
          .orderBy(ROOM.CREATED_AT, ROOM.ID).limit(50)));
      assertNoFullScan(plan(DSL.select(ROOM.ID).from(ROOM)
          .where(JdbcRoomStore.roomConditions(ada, search, java.util.Optional.empty()))
          .orderBy(ROOM.CREATED_AT, ROOM.ID).limit(50)));
    }

    @Test
    void aCreatorSearchWithoutWordsReadsTheCreatorIndex() {
      insertRoom("Automobile Industry Room", null);
      RoomSearch search = RoomSearch.builder().creatorId(ada).limit(50).build();

      assertNoFullScan(plan(DSL.selectCount().from(ROOM)
          .where(JdbcRoomStore.roomConditions(bob, search, java.util.Optional.empty()))));
    }

    private String plan(org.jooq.Query query) {
      String sql = database.dsl().renderInlined(query);
      return tx.inTransaction(() -> {
        if (backend() == Backend.POSTGRES) {
          tx.ctx().execute("set local enable_seqscan = off");
        }
        return tx.ctx().fetch("explain " + sql).formatCSV(false);
      });
    }

    private void assertNoFullScan(String plan) {
      assertThat(plan).as("the plan:%n%s", plan).doesNotContainIgnoringCase("tableScan")
          .doesNotContainIgnoringCase("Seq Scan");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
