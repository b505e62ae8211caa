package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;
import static dev.atrium.store.jdbc.schema.Tables.MESSAGE;
import static dev.atrium.store.jdbc.schema.Tables.ROOM;
import static dev.atrium.store.jdbc.schema.Tables.ROOM_MEMBER;
import static dev.atrium.store.jdbc.schema.Tables.ROOM_REMOVAL;
import static dev.atrium.store.jdbc.schema.Tables.ROOM_TERM;
import static dev.atrium.store.jdbc.schema.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomPage;
import dev.atrium.core.room.RoomRemoval;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSearch;
import dev.atrium.core.room.RoomStore;
import dev.atrium.core.room.RoomTag;
import dev.atrium.core.room.Subscription;
import dev.atrium.store.jdbc.schema.tables.RoomTerm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * Rooms on jOOQ: one row per room, one per membership, and the words search finds a chat room by in
 * {@code room_term}, hex-encoded so that a prefix search is an index range scan on every database.
 */
public final class JdbcRoomStore implements RoomStore {
  /** The longest prefix of a word that is indexed, in UTF-8 bytes; longer words match on it. */
  static final int MAX_TERM_BYTES = 64;
  private static final TypeReference<List<RoomTag>> TAGS = new TypeReference<>() {};
  private static final List<SelectField<?>> ROOM_COLUMNS = List.of(ROOM.ID, ROOM.KIND, ROOM.NAME,
      ROOM.DESCRIPTION, ROOM.KEYWORDS, ROOM.IS_PUBLIC, ROOM.READ_ONLY, ROOM.COPY_PROTECTED, ROOM.DISCOVERABLE,
      ROOM.MEMBERS_CAN_INVITE, ROOM.ACTIVE, ROOM.CREATOR_ID, ROOM.CREATED_AT, ROOM.UPDATED_AT);
  private static final List<SelectField<?>> MEMBER_COLUMNS = List.of(ROOM_MEMBER.ROOM_ID, ROOM_MEMBER.USER_ID,
      ROOM_MEMBER.ROLE, ROOM_MEMBER.JOINED_AT, ROOM_MEMBER.LEFT_AT, ROOM_MEMBER.UNREAD_COUNT,
      ROOM_MEMBER.LAST_READ_AT);

  private final JdbcTransactor tx;

  public JdbcRoomStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  private DSLContext ctx() {
    return tx.ctx();
  }

  @Override
  public void insert(Room room) {
    ctx().insertInto(ROOM).set(row(room)).execute();
    writeTerms(room);
  }

  @Override
  public void insertConversation(Room room, SortedSet<Long> participants) {
    ctx().insertInto(ROOM).set(row(room)).set(ROOM.PARTICIPANTS_KEY, participantsKey(participants)).execute();
  }

  @Override
  public void update(Room room) {
    ctx().update(ROOM).set(row(room)).where(ROOM.ID.eq(room.id())).execute();
    ctx().deleteFrom(ROOM_TERM).where(ROOM_TERM.ROOM_ID.eq(room.id())).execute();
    writeTerms(room);
  }

  @Override
  public Optional<Room> byId(String id) {
    return ctx().select(ROOM_COLUMNS).from(ROOM).where(ROOM.ID.eq(id)).fetchOptional(JdbcRoomStore::room);
  }

  @Override
  public Optional<Room> lock(String id) {
    return ctx().select(ROOM_COLUMNS).from(ROOM).where(ROOM.ID.eq(id)).forUpdate()
        .fetchOptional(JdbcRoomStore::room);
  }

  @Override
  public Optional<Room> conversation(SortedSet<Long> participants) {
    return ctx().select(ROOM_COLUMNS).from(ROOM).where(ROOM.PARTICIPANTS_KEY.eq(participantsKey(participants)))
        .fetchOptional(JdbcRoomStore::room);
  }

  @Override
  public Optional<Membership> membership(String roomId, long userId) {
    return ctx().select(MEMBER_COLUMNS).from(ROOM_MEMBER)
        .where(ROOM_MEMBER.ROOM_ID.eq(roomId), ROOM_MEMBER.USER_ID.eq(userId))
        .fetchOptional(JdbcRoomStore::membership);
  }

  @Override
  public void putMembership(Membership m) {
    ctx().insertInto(ROOM_MEMBER)
        .set(ROOM_MEMBER.ROOM_ID, m.roomId()).set(ROOM_MEMBER.USER_ID, m.userId())
        .set(ROOM_MEMBER.ROLE, m.role().name()).set(ROOM_MEMBER.JOINED_AT, m.joinedAt().toEpochMilli())
        .set(ROOM_MEMBER.LEFT_AT, millis(m.leftAt())).set(ROOM_MEMBER.UNREAD_COUNT, m.unreadCount())
        .set(ROOM_MEMBER.LAST_READ_AT, millis(m.lastReadAt()))
        .onConflict(ROOM_MEMBER.ROOM_ID, ROOM_MEMBER.USER_ID).doUpdate()
        .set(ROOM_MEMBER.ROLE, m.role().name()).set(ROOM_MEMBER.JOINED_AT, m.joinedAt().toEpochMilli())
        .set(ROOM_MEMBER.LEFT_AT, millis(m.leftAt())).set(ROOM_MEMBER.UNREAD_COUNT, m.unreadCount())
        .set(ROOM_MEMBER.LAST_READ_AT, millis(m.lastReadAt()))
        .execute();
  }

  @Override
  public List<Membership> members(String roomId, boolean includePast) {
    return ctx().select(MEMBER_COLUMNS).from(ROOM_MEMBER)
        .where(ROOM_MEMBER.ROOM_ID.eq(roomId), includePast ? noCondition() : ROOM_MEMBER.LEFT_AT.isNull())
        .orderBy(ROOM_MEMBER.JOINED_AT, ROOM_MEMBER.USER_ID)
        .fetch(JdbcRoomStore::membership);
  }

  @Override
  public Map<String, List<Long>> currentMemberIds(Collection<String> roomIds) {
    Map<String, List<Long>> result = new LinkedHashMap<>();
    if (roomIds.isEmpty()) {
      return result;
    }
    roomIds.forEach(id -> result.put(id, new ArrayList<>()));
    ctx().select(ROOM_MEMBER.ROOM_ID, ROOM_MEMBER.USER_ID).from(ROOM_MEMBER)
        .where(ROOM_MEMBER.ROOM_ID.in(roomIds), ROOM_MEMBER.LEFT_AT.isNull())
        .orderBy(ROOM_MEMBER.ROOM_ID, ROOM_MEMBER.USER_ID)
        .forEach(r -> Objects.requireNonNull(result.get(r.value1())).add(r.value2()));
    return result;
  }

  @Override
  public void countUnread(String roomId, long senderId, Instant at) {
    ctx().update(ROOM_MEMBER).set(ROOM_MEMBER.UNREAD_COUNT, ROOM_MEMBER.UNREAD_COUNT.plus(1))
        .where(ROOM_MEMBER.ROOM_ID.eq(roomId), ROOM_MEMBER.LEFT_AT.isNull(), ROOM_MEMBER.USER_ID.ne(senderId))
        .execute();
    ctx().update(ROOM_MEMBER).set(ROOM_MEMBER.UNREAD_COUNT, 0).set(ROOM_MEMBER.LAST_READ_AT, at.toEpochMilli())
        .where(ROOM_MEMBER.ROOM_ID.eq(roomId), ROOM_MEMBER.USER_ID.eq(senderId)).execute();
  }

  @Override
  public List<Room> byName(String name) {
    return ctx().select(ROOM_COLUMNS).from(ROOM).where(ROOM.NAME.eq(name), ROOM.KIND.eq(RoomKind.ROOM.name()))
        .orderBy(ROOM.CREATED_AT, ROOM.ID).fetch(JdbcRoomStore::room);
  }

  /** The rows that name the room go first (the schema would cascade, but says so only in the migrations). */
  @Override
  public boolean delete(String roomId, Instant at) {
    ctx().insertInto(ROOM_REMOVAL, ROOM_REMOVAL.ROOM_ID, ROOM_REMOVAL.USER_ID, ROOM_REMOVAL.REMOVED_AT)
        // a past member's removal is when he left: that row goes with the room
        .select(select(ROOM_MEMBER.ROOM_ID, ROOM_MEMBER.USER_ID, DSL.coalesce(ROOM_MEMBER.LEFT_AT,
            DSL.val(at.toEpochMilli()))).from(ROOM_MEMBER).where(ROOM_MEMBER.ROOM_ID.eq(roomId)))
        .execute();
    ctx().deleteFrom(MESSAGE).where(MESSAGE.ROOM_ID.eq(roomId)).execute();
    ctx().deleteFrom(ROOM_TERM).where(ROOM_TERM.ROOM_ID.eq(roomId)).execute();
    ctx().deleteFrom(ROOM_MEMBER).where(ROOM_MEMBER.ROOM_ID.eq(roomId)).execute();
    return ctx().deleteFrom(ROOM).where(ROOM.ID.eq(roomId)).execute() == 1;
  }

  /** Two index range reads: the user's removals, and the memberships the user left, after the time. */
  @Override
  public List<RoomRemoval> removedSince(long userId, Instant since) {
    long after = since.toEpochMilli();
    List<RoomRemoval> out = new ArrayList<>();
    ctx().select(ROOM_REMOVAL.ROOM_ID, ROOM_REMOVAL.REMOVED_AT).from(ROOM_REMOVAL)
        .where(ROOM_REMOVAL.USER_ID.eq(userId), ROOM_REMOVAL.REMOVED_AT.gt(after))
        .forEach(r -> out.add(new RoomRemoval(r.value1(), userId, Instant.ofEpochMilli(r.value2()))));
    ctx().select(ROOM_MEMBER.ROOM_ID, ROOM_MEMBER.LEFT_AT).from(ROOM_MEMBER)
        .where(ROOM_MEMBER.USER_ID.eq(userId), ROOM_MEMBER.LEFT_AT.gt(after))
        .forEach(r -> out.add(new RoomRemoval(r.value1(), userId, Instant.ofEpochMilli(r.value2()))));
    out.sort(java.util.Comparator.comparing(RoomRemoval::at).thenComparing(RoomRemoval::roomId));
    return out;
  }

  @Override
  public boolean markRead(String roomId, long userId, Instant at) {
    return ctx().update(ROOM_MEMBER).set(ROOM_MEMBER.UNREAD_COUNT, 0).set(ROOM_MEMBER.LAST_READ_AT, at.toEpochMilli())
        .where(ROOM_MEMBER.ROOM_ID.eq(roomId), ROOM_MEMBER.USER_ID.eq(userId)).execute() == 1;
  }

  /** Two queries, whatever the number of rooms: the memberships with their rooms, then the partners. */
  @Override
  public List<Subscription> subscriptionsOf(long userId) {
    List<SelectField<?>> columns = concat(ROOM_COLUMNS, MEMBER_COLUMNS);
    List<Record> rows = ctx().select(columns).from(ROOM_MEMBER).join(ROOM).on(ROOM.ID.eq(ROOM_MEMBER.ROOM_ID))
        .where(ROOM_MEMBER.USER_ID.eq(userId), ROOM_MEMBER.LEFT_AT.isNull())
        .orderBy(ROOM.ID).fetch();
    List<String> conversations = rows.stream()
        .filter(r -> !RoomKind.ROOM.name().equals(r.get(ROOM.KIND))).map(r -> r.get(ROOM.ID)).toList();
    Map<String, List<String>> partners = new LinkedHashMap<>();
    if (!conversations.isEmpty()) {
      ctx().select(ROOM_MEMBER.ROOM_ID, USERS.USERNAME).from(ROOM_MEMBER).join(USERS)
          .on(USERS.ID.eq(ROOM_MEMBER.USER_ID))
          .where(ROOM_MEMBER.ROOM_ID.in(conversations), ROOM_MEMBER.LEFT_AT.isNull(),
              ROOM_MEMBER.USER_ID.ne(userId))
          .orderBy(ROOM_MEMBER.ROOM_ID, USERS.USERNAME)
          .forEach(r -> partners.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
    }
    return rows.stream().map(r -> new Subscription(room(r), membership(r),
        partners.getOrDefault(r.get(ROOM.ID), List.of()))).toList();
  }

  @Override
  public int ownerCount(String roomId) {
    return ctx().fetchCount(ROOM_MEMBER, ROOM_MEMBER.ROOM_ID.eq(roomId), ROOM_MEMBER.ROLE.eq(RoomRole.OWNER.name()),
        ROOM_MEMBER.LEFT_AT.isNull());
  }

  @Override
  public List<Room> roomsOf(long userId, Set<RoomKind> kinds, boolean includeInactive, int skip, int limit) {
    return ctx().select(ROOM_COLUMNS).from(ROOM)
        .join(ROOM_MEMBER).on(ROOM_MEMBER.ROOM_ID.eq(ROOM.ID))
        .where(ROOM_MEMBER.USER_ID.eq(userId), ROOM_MEMBER.LEFT_AT.isNull(),
            ROOM.KIND.in(kinds.stream().map(Enum::name).toList()),
            includeInactive ? noCondition() : ROOM.ACTIVE.isTrue())
        .orderBy(ROOM.CREATED_AT, ROOM.ID)
        .offset(skip).limit(limit)
        .fetch(JdbcRoomStore::room);
  }

  /**
   * A search with words reads only the term index: the range of its longest word (the likeliest to be
   * rare) drives it, each other word is a semi-join on its own range, and the filters are columns copied
   * into the index or semi-joins on the member index. The rooms themselves are read for one page only.
   * Without words, the owner, member or creator filter drives it through the member or creator index.
   */
  @Override
  public RoomPage search(long viewerId, List<String> words, RoomSearch s) {
    if (words.isEmpty()) {
      List<Condition> where = roomConditions(viewerId, s, memberRoomIds(s));
      long total = ctx().fetchCount(ROOM, where);
      List<Room> rooms = total <= s.skip() ? List.of()
          : ctx().select(ROOM_COLUMNS).from(ROOM).where(where).orderBy(ROOM.CREATED_AT, ROOM.ID)
              .offset(s.skip()).limit(s.limit()).fetch(JdbcRoomStore::room);
      return new RoomPage(total, rooms, Map.of());
    }
    List<Condition> where = termConditions(viewerId, words, s);
    long total = countRooms(where);
    List<Room> rooms = total <= s.skip() ? List.of() : byIds(ctx().select(DRIVER.ROOM_ID, DRIVER.CREATED_AT)
        .from(DRIVER).where(where).groupBy(DRIVER.ROOM_ID, DRIVER.CREATED_AT)
        .orderBy(DRIVER.CREATED_AT, DRIVER.ROOM_ID).offset(s.skip()).limit(s.limit()).fetch(DRIVER.ROOM_ID));
    Map<String, Long> facets = new LinkedHashMap<>();
    for (String label : s.labels()) {
      // Of the rooms found, those where some word of the query matched a keyword under the label.
      List<Condition> viaLabel = new ArrayList<>();
      for (String word : words) {
        viaLabel.add(DRIVER.ROOM_ID.in(select(OTHER.ROOM_ID).from(OTHER)
            .where(range(OTHER, word), OTHER.LABEL.eq(label))));
      }
      facets.put(label, total == 0 ? 0L : countRooms(concat(where, List.of(DSL.or(viaLabel)))));
    }
    return new RoomPage(total, rooms, facets);
  }

  /** How many rooms the driving term rows name (grouped, which PostgreSQL hashes; count distinct sorts). */
  private long countRooms(List<Condition> where) {
    return ctx().fetchCount(select(DRIVER.ROOM_ID).from(DRIVER).where(where).groupBy(DRIVER.ROOM_ID));
  }

  /** The term rows of the word that drives a search, and those of another word. */
  private static final RoomTerm DRIVER = ROOM_TERM.as("d");
  private static final RoomTerm OTHER = ROOM_TERM.as("w");

  /** The conditions on the driving term rows of a search with words (package private: tests read its plan). */
  static List<Condition> termConditions(long viewerId, List<String> words, RoomSearch s) {
    String driver = words.stream().max(java.util.Comparator.comparingInt(w -> term(w).length())).orElseThrow();
    List<Condition> where = new ArrayList<>();
    where.add(range(DRIVER, driver));
    where.add(labels(DRIVER, s.labels()));
    for (String word : words) {
      if (!word.equals(driver)) {
        where.add(DRIVER.ROOM_ID.in(select(OTHER.ROOM_ID).from(OTHER)
            .where(range(OTHER, word), labels(OTHER, s.labels()))));
      }
    }
    where.add(DRIVER.DISCOVERABLE.isTrue().or(DRIVER.ROOM_ID.in(roomsWith(viewerId, false))));
    if (s.active() != null) {
      where.add(DRIVER.ACTIVE.eq(s.active()));
    }
    if (s.isPrivate() != null) {
      where.add(DRIVER.IS_PUBLIC.eq(!s.isPrivate()));
    }
    if (s.creatorId() != null) {
      where.add(DRIVER.CREATOR_ID.eq(s.creatorId()));
    }
    if (s.ownerId() != null) {
      where.add(DRIVER.ROOM_ID.in(roomsWith(s.ownerId(), true)));
    }
    if (s.memberId() != null) {
      where.add(DRIVER.ROOM_ID.in(roomsWith(s.memberId(), false)));
    }
    return where;
  }

  /** Above this many, a user's rooms are selected by a semi-join rather than named one by one. */
  static final int MAX_LISTED_ROOMS = 1000;

  /**
   * The rooms of the member and owner filters of a search without words, if there are few: PostgreSQL then
   * fetches exactly those rooms by id, where for a semi-join it would guess and often read every room.
   */
  private Optional<List<String>> memberRoomIds(RoomSearch s) {
    if (s.memberId() == null && s.ownerId() == null) {
      return Optional.empty();
    }
    Condition both = s.memberId() != null && s.ownerId() != null
        ? ROOM_MEMBER.ROOM_ID.in(roomsWith(s.ownerId(), true)) : noCondition();
    List<String> ids = ctx().select(ROOM_MEMBER.ROOM_ID).from(ROOM_MEMBER)
        .where(ROOM_MEMBER.USER_ID.eq(s.memberId() != null ? s.memberId() : s.ownerId()),
            ROOM_MEMBER.LEFT_AT.isNull(), s.memberId() != null ? noCondition()
                : ROOM_MEMBER.ROLE.eq(RoomRole.OWNER.name()), both)
        .limit(MAX_LISTED_ROOMS + 1).fetch(ROOM_MEMBER.ROOM_ID);
    return ids.size() > MAX_LISTED_ROOMS ? Optional.empty() : Optional.of(ids);
  }

  /**
   * The conditions on the rooms of a search without words, given the ids of the rooms its member and owner
   * filters leave if they were listed (package private: tests read its plan).
   */
  static List<Condition> roomConditions(long viewerId, RoomSearch s, Optional<List<String>> listed) {
    List<Condition> where = new ArrayList<>();
    if (listed.isPresent()) {
      where.add(ROOM.ID.in(listed.get()));
    } else {
      if (s.memberId() != null) {
        where.add(ROOM.ID.in(roomsWith(s.memberId(), false)));
      }
      if (s.ownerId() != null) {
        where.add(ROOM.ID.in(roomsWith(s.ownerId(), true)));
      }
    }
    if (s.creatorId() != null) {
      where.add(ROOM.CREATOR_ID.eq(s.creatorId()));
    }
    where.add(ROOM.KIND.eq(RoomKind.ROOM.name()));
    where.add(ROOM.DISCOVERABLE.isTrue().or(ROOM.ID.in(roomsWith(viewerId, false))));
    if (s.active() != null) {
      where.add(ROOM.ACTIVE.eq(s.active()));
    }
    if (s.isPrivate() != null) {
      where.add(ROOM.IS_PUBLIC.eq(!s.isPrivate()));
    }
    return where;
  }

  /** The terms that start with the word: every stored term is hex, and 'g' sorts after every hex digit. */
  private static Condition range(RoomTerm terms, String word) {
    String low = term(word);
    return terms.TERM.ge(low).and(terms.TERM.lt(low + "g"));
  }

  /** Without labels a word may match any term; with labels, name and description and those keywords only. */
  private static Condition labels(RoomTerm terms, List<String> labels) {
    return labels.isEmpty() ? noCondition() : terms.LABEL.in(concat(List.of(""), labels));
  }

  private static org.jooq.Select<org.jooq.Record1<String>> roomsWith(long userId, boolean owners) {
    return select(ROOM_MEMBER.ROOM_ID).from(ROOM_MEMBER).where(ROOM_MEMBER.USER_ID.eq(userId),
        ROOM_MEMBER.LEFT_AT.isNull(), owners ? ROOM_MEMBER.ROLE.eq(RoomRole.OWNER.name()) : noCondition());
  }

  /** The rooms of the ids, in the order of the ids. */
  private List<Room> byIds(List<String> ids) {
    Map<String, Room> byId = new java.util.HashMap<>();
    ctx().select(ROOM_COLUMNS).from(ROOM).where(ROOM.ID.in(ids)).fetch(JdbcRoomStore::room)
        .forEach(room -> byId.put(room.id(), room));
    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }

  // ---- terms

  private void writeTerms(Room room) {
    Map<String, Set<String>> terms = terms(room);
    RoomTerm t = ROOM_TERM;
    var insert = ctx().insertInto(t, t.TERM, t.LABEL, t.ROOM_ID, t.CREATED_AT, t.DISCOVERABLE, t.ACTIVE, t.IS_PUBLIC,
        t.CREATOR_ID);
    boolean any = false;
    for (Map.Entry<String, Set<String>> entry : terms.entrySet()) {
      for (String term : entry.getValue()) {
        insert = insert.values(term, entry.getKey(), room.id(), room.createdAt().toEpochMilli(), room.discoverable(),
            room.active(), room.isPublic(), room.creatorId());
        any = true;
      }
    }
    if (any) {
      insert.execute();
    }
  }

  /** The indexed terms of a chat room by label: '' for name and description, the lower-case key for keywords. */
  static Map<String, Set<String>> terms(Room room) {
    Map<String, Set<String>> terms = new LinkedHashMap<>();
    if (room.isConversation()) {
      return terms;
    }
    Set<String> text = new LinkedHashSet<>();
    RoomSearch.words(room.name()).forEach(w -> text.add(term(w)));
    RoomSearch.words(room.description()).forEach(w -> text.add(term(w)));
    terms.put("", text);
    for (RoomTag tag : room.keywords()) {
      Set<String> values = terms.computeIfAbsent(tag.key().strip().toLowerCase(Locale.ROOT),
          k -> new LinkedHashSet<>());
      RoomSearch.words(tag.value()).forEach(w -> values.add(term(w)));
    }
    return terms;
  }

  /** A word as stored: the hex of its first {@value #MAX_TERM_BYTES} UTF-8 bytes. */
  static String term(String word) {
    byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, MAX_TERM_BYTES));
  }

  static String participantsKey(SortedSet<Long> participants) {
    String ids = participants.stream().map(String::valueOf).collect(Collectors.joining(","));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(ids.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  // ---- mapping

  private static Map<Field<?>, Object> row(Room room) {
    Map<Field<?>, Object> row = new LinkedHashMap<>();
    row.put(ROOM.ID, room.id());
    row.put(ROOM.KIND, room.kind().name());
    row.put(ROOM.NAME, room.name());
    row.put(ROOM.DESCRIPTION, room.description());
    row.put(ROOM.KEYWORDS, Json.write(room.keywords()));
    row.put(ROOM.IS_PUBLIC, room.isPublic());
    row.put(ROOM.READ_ONLY, room.readOnly());
    row.put(ROOM.COPY_PROTECTED, room.copyProtected());
    row.put(ROOM.DISCOVERABLE, room.discoverable());
    row.put(ROOM.MEMBERS_CAN_INVITE, room.membersCanInvite());
    row.put(ROOM.ACTIVE, room.active());
    row.put(ROOM.CREATOR_ID, room.creatorId());
    row.put(ROOM.CREATED_AT, room.createdAt().toEpochMilli());
    row.put(ROOM.UPDATED_AT, room.updatedAt().toEpochMilli());
    return row;
  }

  private static Room room(Record r) {
    return Room.builder().id(r.get(ROOM.ID)).kind(RoomKind.valueOf(r.get(ROOM.KIND))).name(r.get(ROOM.NAME))
        .description(r.get(ROOM.DESCRIPTION)).keywords(Json.read(r.get(ROOM.KEYWORDS), TAGS))
        .isPublic(r.get(ROOM.IS_PUBLIC)).readOnly(r.get(ROOM.READ_ONLY)).copyProtected(r.get(ROOM.COPY_PROTECTED))
        .discoverable(r.get(ROOM.DISCOVERABLE)).membersCanInvite(r.get(ROOM.MEMBERS_CAN_INVITE))
        .active(r.get(ROOM.ACTIVE)).creatorId(r.get(ROOM.CREATOR_ID))
        .createdAt(Instant.ofEpochMilli(r.get(ROOM.CREATED_AT)))
        .updatedAt(Instant.ofEpochMilli(r.get(ROOM.UPDATED_AT))).build();
  }

  private static Membership membership(Record r) {
    return new Membership(r.get(ROOM_MEMBER.ROOM_ID), r.get(ROOM_MEMBER.USER_ID),
        RoomRole.valueOf(r.get(ROOM_MEMBER.ROLE)), Instant.ofEpochMilli(r.get(ROOM_MEMBER.JOINED_AT)),
        instant(r.get(ROOM_MEMBER.LEFT_AT)), r.get(ROOM_MEMBER.UNREAD_COUNT), instant(r.get(ROOM_MEMBER.LAST_READ_AT)));
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
