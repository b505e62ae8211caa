package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomPage;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSearch;
import dev.atrium.core.room.RoomStore;
import dev.atrium.core.room.RoomTag;
import dev.atrium.store.jdbc.Schema.RoomMembers;
import dev.atrium.store.jdbc.Schema.RoomTerms;
import dev.atrium.store.jdbc.Schema.Rooms;
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
  private static final List<SelectField<?>> ROOM_COLUMNS = List.of(Rooms.ID, Rooms.KIND, Rooms.NAME,
      Rooms.DESCRIPTION, Rooms.KEYWORDS, Rooms.IS_PUBLIC, Rooms.READ_ONLY, Rooms.COPY_PROTECTED, Rooms.DISCOVERABLE,
      Rooms.MEMBERS_CAN_INVITE, Rooms.ACTIVE, Rooms.CREATOR_ID, Rooms.CREATED_AT, Rooms.UPDATED_AT);
  private static final List<SelectField<?>> MEMBER_COLUMNS = List.of(RoomMembers.ROOM_ID, RoomMembers.USER_ID,
      RoomMembers.ROLE, RoomMembers.JOINED_AT, RoomMembers.LEFT_AT, RoomMembers.UNREAD_COUNT,
      RoomMembers.LAST_READ_AT);

  private final JdbcTransactor tx;

  public JdbcRoomStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  private DSLContext ctx() {
    return tx.ctx();
  }

  @Override
  public void insert(Room room) {
    ctx().insertInto(Rooms.T).set(row(room)).execute();
    writeTerms(room);
  }

  @Override
  public void insertConversation(Room room, SortedSet<Long> participants) {
    ctx().insertInto(Rooms.T).set(row(room)).set(Rooms.PARTICIPANTS_KEY, participantsKey(participants)).execute();
  }

  @Override
  public void update(Room room) {
    ctx().update(Rooms.T).set(row(room)).where(Rooms.ID.eq(room.id())).execute();
    ctx().deleteFrom(RoomTerms.T.table()).where(RoomTerms.T.roomId().eq(room.id())).execute();
    writeTerms(room);
  }

  @Override
  public Optional<Room> byId(String id) {
    return ctx().select(ROOM_COLUMNS).from(Rooms.T).where(Rooms.ID.eq(id)).fetchOptional(JdbcRoomStore::room);
  }

  @Override
  public Optional<Room> lock(String id) {
    return ctx().select(ROOM_COLUMNS).from(Rooms.T).where(Rooms.ID.eq(id)).forUpdate()
        .fetchOptional(JdbcRoomStore::room);
  }

  @Override
  public Optional<Room> conversation(SortedSet<Long> participants) {
    return ctx().select(ROOM_COLUMNS).from(Rooms.T).where(Rooms.PARTICIPANTS_KEY.eq(participantsKey(participants)))
        .fetchOptional(JdbcRoomStore::room);
  }

  @Override
  public Optional<Membership> membership(String roomId, long userId) {
    return ctx().select(MEMBER_COLUMNS).from(RoomMembers.T)
        .where(RoomMembers.ROOM_ID.eq(roomId), RoomMembers.USER_ID.eq(userId))
        .fetchOptional(JdbcRoomStore::membership);
  }

  @Override
  public void putMembership(Membership m) {
    ctx().insertInto(RoomMembers.T)
        .set(RoomMembers.ROOM_ID, m.roomId()).set(RoomMembers.USER_ID, m.userId())
        .set(RoomMembers.ROLE, m.role().name()).set(RoomMembers.JOINED_AT, m.joinedAt().toEpochMilli())
        .set(RoomMembers.LEFT_AT, millis(m.leftAt())).set(RoomMembers.UNREAD_COUNT, m.unreadCount())
        .set(RoomMembers.LAST_READ_AT, millis(m.lastReadAt()))
        .onConflict(RoomMembers.ROOM_ID, RoomMembers.USER_ID).doUpdate()
        .set(RoomMembers.ROLE, m.role().name()).set(RoomMembers.JOINED_AT, m.joinedAt().toEpochMilli())
        .set(RoomMembers.LEFT_AT, millis(m.leftAt())).set(RoomMembers.UNREAD_COUNT, m.unreadCount())
        .set(RoomMembers.LAST_READ_AT, millis(m.lastReadAt()))
        .execute();
  }

  @Override
  public List<Membership> members(String roomId, boolean includePast) {
    return ctx().select(MEMBER_COLUMNS).from(RoomMembers.T)
        .where(RoomMembers.ROOM_ID.eq(roomId), includePast ? noCondition() : RoomMembers.LEFT_AT.isNull())
        .orderBy(RoomMembers.JOINED_AT, RoomMembers.USER_ID)
        .fetch(JdbcRoomStore::membership);
  }

  @Override
  public Map<String, List<Long>> currentMemberIds(Collection<String> roomIds) {
    Map<String, List<Long>> result = new LinkedHashMap<>();
    if (roomIds.isEmpty()) {
      return result;
    }
    roomIds.forEach(id -> result.put(id, new ArrayList<>()));
    ctx().select(RoomMembers.ROOM_ID, RoomMembers.USER_ID).from(RoomMembers.T)
        .where(RoomMembers.ROOM_ID.in(roomIds), RoomMembers.LEFT_AT.isNull())
        .orderBy(RoomMembers.ROOM_ID, RoomMembers.USER_ID)
        .forEach(r -> result.get(r.value1()).add(r.value2()));
    return result;
  }

  @Override
  public int ownerCount(String roomId) {
    return ctx().selectCount().from(RoomMembers.T)
        .where(RoomMembers.ROOM_ID.eq(roomId), RoomMembers.ROLE.eq(RoomRole.OWNER.name()),
            RoomMembers.LEFT_AT.isNull())
        .fetchOne(0, Integer.class);
  }

  @Override
  public List<Room> roomsOf(long userId, Set<RoomKind> kinds, boolean includeInactive, int skip, int limit) {
    return ctx().select(ROOM_COLUMNS).from(Rooms.T)
        .join(RoomMembers.T).on(RoomMembers.ROOM_ID.eq(Rooms.ID))
        .where(RoomMembers.USER_ID.eq(userId), RoomMembers.LEFT_AT.isNull(),
            Rooms.KIND.in(kinds.stream().map(Enum::name).toList()),
            includeInactive ? noCondition() : Rooms.ACTIVE.isTrue())
        .orderBy(Rooms.CREATED_AT, Rooms.ID)
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
      long total = ctx().selectCount().from(Rooms.T).where(where).fetchOne(0, Long.class);
      List<Room> rooms = total <= s.skip() ? List.of()
          : ctx().select(ROOM_COLUMNS).from(Rooms.T).where(where).orderBy(Rooms.CREATED_AT, Rooms.ID)
              .offset(s.skip()).limit(s.limit()).fetch(JdbcRoomStore::room);
      return new RoomPage(total, rooms, Map.of());
    }
    List<Condition> where = termConditions(viewerId, words, s);
    long total = countRooms(where);
    List<Room> rooms = total <= s.skip() ? List.of() : byIds(ctx().select(DRIVER.roomId(), DRIVER.createdAt())
        .from(DRIVER.table()).where(where).groupBy(DRIVER.roomId(), DRIVER.createdAt())
        .orderBy(DRIVER.createdAt(), DRIVER.roomId()).offset(s.skip()).limit(s.limit()).fetch(DRIVER.roomId()));
    Map<String, Long> facets = new LinkedHashMap<>();
    for (String label : s.labels()) {
      // Of the rooms found, those where some word of the query matched a keyword under the label.
      List<Condition> viaLabel = new ArrayList<>();
      for (String word : words) {
        viaLabel.add(DRIVER.roomId().in(select(OTHER.roomId()).from(OTHER.table())
            .where(range(OTHER, word), OTHER.label().eq(label))));
      }
      facets.put(label, total == 0 ? 0L : countRooms(concat(where, List.of(DSL.or(viaLabel)))));
    }
    return new RoomPage(total, rooms, facets);
  }

  /** How many rooms the driving term rows name (grouped, which PostgreSQL hashes; count distinct sorts). */
  private long countRooms(List<Condition> where) {
    return ctx().selectCount().from(select(DRIVER.roomId()).from(DRIVER.table()).where(where)
        .groupBy(DRIVER.roomId())).fetchOne(0, Long.class);
  }

  /** The term rows of the word that drives a search, and those of another word. */
  private static final RoomTerms DRIVER = RoomTerms.as("d");
  private static final RoomTerms OTHER = RoomTerms.as("w");

  /** The conditions on the driving term rows of a search with words (package private: tests read its plan). */
  static List<Condition> termConditions(long viewerId, List<String> words, RoomSearch s) {
    String driver = words.stream().max(java.util.Comparator.comparingInt(w -> term(w).length())).orElseThrow();
    List<Condition> where = new ArrayList<>();
    where.add(range(DRIVER, driver));
    where.add(labels(DRIVER, s.labels()));
    for (String word : words) {
      if (!word.equals(driver)) {
        where.add(DRIVER.roomId().in(select(OTHER.roomId()).from(OTHER.table())
            .where(range(OTHER, word), labels(OTHER, s.labels()))));
      }
    }
    where.add(DRIVER.discoverable().isTrue().or(DRIVER.roomId().in(roomsWith(viewerId, false))));
    if (s.active() != null) {
      where.add(DRIVER.active().eq(s.active()));
    }
    if (s.isPrivate() != null) {
      where.add(DRIVER.isPublic().eq(!s.isPrivate()));
    }
    if (s.creatorId() != null) {
      where.add(DRIVER.creatorId().eq(s.creatorId()));
    }
    if (s.ownerId() != null) {
      where.add(DRIVER.roomId().in(roomsWith(s.ownerId(), true)));
    }
    if (s.memberId() != null) {
      where.add(DRIVER.roomId().in(roomsWith(s.memberId(), false)));
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
        ? RoomMembers.ROOM_ID.in(roomsWith(s.ownerId(), true)) : noCondition();
    List<String> ids = ctx().select(RoomMembers.ROOM_ID).from(RoomMembers.T)
        .where(RoomMembers.USER_ID.eq(s.memberId() != null ? s.memberId() : s.ownerId()),
            RoomMembers.LEFT_AT.isNull(), s.memberId() != null ? noCondition()
                : RoomMembers.ROLE.eq(RoomRole.OWNER.name()), both)
        .limit(MAX_LISTED_ROOMS + 1).fetch(RoomMembers.ROOM_ID);
    return ids.size() > MAX_LISTED_ROOMS ? Optional.empty() : Optional.of(ids);
  }

  /**
   * The conditions on the rooms of a search without words, given the ids of the rooms its member and owner
   * filters leave if they were listed (package private: tests read its plan).
   */
  static List<Condition> roomConditions(long viewerId, RoomSearch s, Optional<List<String>> listed) {
    List<Condition> where = new ArrayList<>();
    if (listed.isPresent()) {
      where.add(Rooms.ID.in(listed.get()));
    } else {
      if (s.memberId() != null) {
        where.add(Rooms.ID.in(roomsWith(s.memberId(), false)));
      }
      if (s.ownerId() != null) {
        where.add(Rooms.ID.in(roomsWith(s.ownerId(), true)));
      }
    }
    if (s.creatorId() != null) {
      where.add(Rooms.CREATOR_ID.eq(s.creatorId()));
    }
    where.add(Rooms.KIND.eq(RoomKind.ROOM.name()));
    where.add(Rooms.DISCOVERABLE.isTrue().or(Rooms.ID.in(roomsWith(viewerId, false))));
    if (s.active() != null) {
      where.add(Rooms.ACTIVE.eq(s.active()));
    }
    if (s.isPrivate() != null) {
      where.add(Rooms.IS_PUBLIC.eq(!s.isPrivate()));
    }
    return where;
  }

  /** The terms that start with the word: every stored term is hex, and 'g' sorts after every hex digit. */
  private static Condition range(RoomTerms terms, String word) {
    String low = term(word);
    return terms.term().ge(low).and(terms.term().lt(low + "g"));
  }

  /** Without labels a word may match any term; with labels, name and description and those keywords only. */
  private static Condition labels(RoomTerms terms, List<String> labels) {
    return labels.isEmpty() ? noCondition() : terms.label().in(concat(List.of(""), labels));
  }

  private static org.jooq.Select<org.jooq.Record1<String>> roomsWith(long userId, boolean owners) {
    return select(RoomMembers.ROOM_ID).from(RoomMembers.T).where(RoomMembers.USER_ID.eq(userId),
        RoomMembers.LEFT_AT.isNull(), owners ? RoomMembers.ROLE.eq(RoomRole.OWNER.name()) : noCondition());
  }

  /** The rooms of the ids, in the order of the ids. */
  private List<Room> byIds(List<String> ids) {
    Map<String, Room> byId = new java.util.HashMap<>();
    ctx().select(ROOM_COLUMNS).from(Rooms.T).where(Rooms.ID.in(ids)).fetch(JdbcRoomStore::room)
        .forEach(room -> byId.put(room.id(), room));
    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }

  // ---- terms

  private void writeTerms(Room room) {
    Map<String, Set<String>> terms = terms(room);
    RoomTerms t = RoomTerms.T;
    var insert = ctx().insertInto(t.table(), t.term(), t.label(), t.roomId(), t.createdAt(), t.discoverable(),
        t.active(), t.isPublic(), t.creatorId());
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
    row.put(Rooms.ID, room.id());
    row.put(Rooms.KIND, room.kind().name());
    row.put(Rooms.NAME, room.name());
    row.put(Rooms.DESCRIPTION, room.description());
    row.put(Rooms.KEYWORDS, Json.write(room.keywords()));
    row.put(Rooms.IS_PUBLIC, room.isPublic());
    row.put(Rooms.READ_ONLY, room.readOnly());
    row.put(Rooms.COPY_PROTECTED, room.copyProtected());
    row.put(Rooms.DISCOVERABLE, room.discoverable());
    row.put(Rooms.MEMBERS_CAN_INVITE, room.membersCanInvite());
    row.put(Rooms.ACTIVE, room.active());
    row.put(Rooms.CREATOR_ID, room.creatorId());
    row.put(Rooms.CREATED_AT, room.createdAt().toEpochMilli());
    row.put(Rooms.UPDATED_AT, room.updatedAt().toEpochMilli());
    return row;
  }

  private static Room room(Record r) {
    return Room.builder().id(r.get(Rooms.ID)).kind(RoomKind.valueOf(r.get(Rooms.KIND))).name(r.get(Rooms.NAME))
        .description(r.get(Rooms.DESCRIPTION)).keywords(Json.read(r.get(Rooms.KEYWORDS), TAGS))
        .isPublic(r.get(Rooms.IS_PUBLIC)).readOnly(r.get(Rooms.READ_ONLY)).copyProtected(r.get(Rooms.COPY_PROTECTED))
        .discoverable(r.get(Rooms.DISCOVERABLE)).membersCanInvite(r.get(Rooms.MEMBERS_CAN_INVITE))
        .active(r.get(Rooms.ACTIVE)).creatorId(r.get(Rooms.CREATOR_ID))
        .createdAt(Instant.ofEpochMilli(r.get(Rooms.CREATED_AT)))
        .updatedAt(Instant.ofEpochMilli(r.get(Rooms.UPDATED_AT))).build();
  }

  private static Membership membership(Record r) {
    return new Membership(r.get(RoomMembers.ROOM_ID), r.get(RoomMembers.USER_ID),
        RoomRole.valueOf(r.get(RoomMembers.ROLE)), Instant.ofEpochMilli(r.get(RoomMembers.JOINED_AT)),
        instant(r.get(RoomMembers.LEFT_AT)), r.get(RoomMembers.UNREAD_COUNT), instant(r.get(RoomMembers.LAST_READ_AT)));
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
