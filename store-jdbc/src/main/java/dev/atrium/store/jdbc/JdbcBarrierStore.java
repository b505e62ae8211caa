package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.BARRIER_GROUP;
import static dev.atrium.store.jdbc.schema.Tables.BARRIER_MEMBER;
import static dev.atrium.store.jdbc.schema.Tables.BARRIER_POLICY;
import static dev.atrium.store.jdbc.schema.Tables.BARRIER_POLICY_GROUP;
import static dev.atrium.store.jdbc.schema.Tables.USERS;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import dev.atrium.core.barrier.BarrierStore;
import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.Policy;
import dev.atrium.store.jdbc.schema.tables.BarrierGroup;
import dev.atrium.store.jdbc.schema.tables.BarrierMember;
import dev.atrium.store.jdbc.schema.tables.BarrierPolicy;
import dev.atrium.store.jdbc.schema.tables.BarrierPolicyGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep2;
import org.jooq.Record6;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Information-barrier groups, memberships and policies on jOOQ. A policy's two groups are two rows of
 * {@code barrier_policy_group}, so the barrier check is a chain of equality joins from the user's groups to
 * the users on the other side of an active BLOCK policy.
 */
public final class JdbcBarrierStore implements BarrierStore {
  /** Ids per IN list: well under PostgreSQL's limit of 32767 bind values per statement. */
  private static final int CHUNK = 5_000;

  // Aliased tables, for the queries that join a table to itself.
  private static final BarrierGroup G = BARRIER_GROUP.as("g");
  private static final BarrierPolicy P = BARRIER_POLICY.as("p");
  private static final BarrierMember M = BARRIER_MEMBER.as("m");
  private static final BarrierPolicyGroup PG = BARRIER_POLICY_GROUP.as("pg");

  private static final Field<Integer> MEMBER_COUNT = field(name("member_count"), Integer.class);

  private final JdbcTransactor tx;

  public JdbcBarrierStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  private DSLContext ctx() {
    return tx.ctx();
  }

  // ---- groups

  @Override
  public void insertGroup(Group g) {
    ctx().insertInto(BARRIER_GROUP)
        .set(BARRIER_GROUP.ID, g.id()).set(BARRIER_GROUP.NAME, g.name())
        .set(BARRIER_GROUP.NAME_LC, g.name().toLowerCase(Locale.ROOT)).set(BARRIER_GROUP.ACTIVE, g.active())
        .set(BARRIER_GROUP.CREATED_AT, g.createdAt().toEpochMilli())
        .set(BARRIER_GROUP.MODIFIED_AT, g.modifiedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void updateGroup(Group g) {
    ctx().update(BARRIER_GROUP)
        .set(BARRIER_GROUP.NAME, g.name()).set(BARRIER_GROUP.NAME_LC, g.name().toLowerCase(Locale.ROOT))
        .set(BARRIER_GROUP.ACTIVE, g.active()).set(BARRIER_GROUP.MODIFIED_AT, g.modifiedAt().toEpochMilli())
        .where(BARRIER_GROUP.ID.eq(g.id()))
        .execute();
  }

  @Override
  public Optional<Group> group(String id) {
    return groups(G.ID.eq(id)).stream().findFirst();
  }

  @Override
  public Optional<Group> groupByName(String name) {
    return groups(G.NAME_LC.eq(name.toLowerCase(Locale.ROOT))).stream().findFirst();
  }

  @Override
  public List<Group> groups() {
    return groups(DSL.noCondition());
  }

  private List<Group> groups(Condition where) {
    Field<Integer> members = field(selectCount().from(M).where(M.GROUP_ID.eq(G.ID))).as(MEMBER_COUNT);
    List<Record6<String, String, Boolean, Long, Long, Integer>> rows = ctx()
        .select(G.ID, G.NAME, G.ACTIVE, G.CREATED_AT, G.MODIFIED_AT, members)
        .from(G).where(where).orderBy(G.CREATED_AT, G.ID)
        .fetch();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> policies = new LinkedHashMap<>();
    List<String> ids = rows.stream().map(r -> r.get(G.ID)).toList();
    ctx().select(PG.GROUP_ID, PG.POLICY_ID).from(PG).join(P).on(P.ID.eq(PG.POLICY_ID))
        .where(ids.size() == 1 ? PG.GROUP_ID.eq(ids.getFirst()) : DSL.noCondition())
        .orderBy(P.CREATED_AT, P.ID)
        .forEach(r -> policies.computeIfAbsent(r.get(PG.GROUP_ID), k -> new ArrayList<>()).add(r.get(PG.POLICY_ID)));
    return rows.stream().map(r -> new Group(r.get(G.ID), r.get(G.NAME), r.get(G.ACTIVE), r.get(MEMBER_COUNT),
        policies.getOrDefault(r.get(G.ID), List.of()), Instant.ofEpochMilli(r.get(G.CREATED_AT)),
        Instant.ofEpochMilli(r.get(G.MODIFIED_AT)))).toList();
  }

  @Override
  public void lockGroups(Collection<String> groupIds) {
    ctx().select(BARRIER_GROUP.ID).from(BARRIER_GROUP).where(BARRIER_GROUP.ID.in(groupIds))
        .orderBy(BARRIER_GROUP.ID).forUpdate().fetch();
  }

  // ---- memberships

  @Override
  public List<Long> members(String groupId, int skip, int limit) {
    return ctx().select(BARRIER_MEMBER.USER_ID).from(BARRIER_MEMBER).where(BARRIER_MEMBER.GROUP_ID.eq(groupId))
        .orderBy(BARRIER_MEMBER.USER_ID).offset(skip).limit(limit)
        .fetch(BARRIER_MEMBER.USER_ID);
  }

  @Override
  public Set<Long> addMembers(String groupId, Collection<Long> userIds) {
    Set<Long> added = new TreeSet<>(userIds);
    added.removeAll(membersAmong(groupId, userIds));
    List<Long> toAdd = List.copyOf(added);
    for (int from = 0; from < toAdd.size(); from += CHUNK) {
      InsertValuesStep2<Record, String, Long> insert = ctx().insertInto(BARRIER_MEMBER, BARRIER_MEMBER.GROUP_ID,
          BARRIER_MEMBER.USER_ID);
      for (Long id : toAdd.subList(from, Math.min(toAdd.size(), from + CHUNK))) {
        insert = insert.values(groupId, id);
      }
      insert.execute();
    }
    return added;
  }

  @Override
  public Set<Long> removeMembers(String groupId, Collection<Long> userIds) {
    Set<Long> removed = membersAmong(groupId, userIds);
    chunks(List.copyOf(removed), chunk -> ctx().deleteFrom(BARRIER_MEMBER)
        .where(BARRIER_MEMBER.GROUP_ID.eq(groupId)).and(BARRIER_MEMBER.USER_ID.in(chunk)).execute());
    return removed;
  }

  private Set<Long> membersAmong(String groupId, Collection<Long> userIds) {
    Set<Long> found = new TreeSet<>();
    chunks(List.copyOf(userIds), chunk -> found.addAll(ctx().select(BARRIER_MEMBER.USER_ID)
        .from(BARRIER_MEMBER)
        .where(BARRIER_MEMBER.GROUP_ID.eq(groupId)).and(BARRIER_MEMBER.USER_ID.in(chunk))
        .fetch(BARRIER_MEMBER.USER_ID)));
    return found;
  }

  @Override
  public Set<Long> existingUsers(Collection<Long> userIds) {
    Set<Long> found = new TreeSet<>();
    chunks(List.copyOf(userIds), chunk -> found.addAll(ctx().select(USERS.ID).from(USERS)
        .where(USERS.ID.in(chunk)).fetch(USERS.ID)));
    return found;
  }

  // ---- policies

  @Override
  public void insertPolicy(Policy p) {
    ctx().insertInto(BARRIER_POLICY)
        .set(BARRIER_POLICY.ID, p.id()).set(BARRIER_POLICY.POLICY_TYPE, p.type().name())
        .set(BARRIER_POLICY.ACTIVE, p.active()).set(BARRIER_POLICY.CREATED_AT, p.createdAt().toEpochMilli())
        .set(BARRIER_POLICY.MODIFIED_AT, p.modifiedAt().toEpochMilli())
        .execute();
    for (int i = 0; i < p.groups().size(); i++) {
      ctx().insertInto(BARRIER_POLICY_GROUP)
          .set(BARRIER_POLICY_GROUP.POLICY_ID, p.id()).set(BARRIER_POLICY_GROUP.GROUP_ID, p.groups().get(i))
          .set(BARRIER_POLICY_GROUP.ORDINAL, i)
          .execute();
    }
  }

  @Override
  public void updatePolicy(Policy p) {
    ctx().update(BARRIER_POLICY)
        .set(BARRIER_POLICY.ACTIVE, p.active()).set(BARRIER_POLICY.MODIFIED_AT, p.modifiedAt().toEpochMilli())
        .where(BARRIER_POLICY.ID.eq(p.id()))
        .execute();
  }

  @Override
  public Optional<Policy> policy(String id) {
    return policies(P.ID.eq(id)).stream().findFirst();
  }

  @Override
  public List<Policy> policies() {
    return policies(DSL.noCondition());
  }

  @Override
  public List<Policy> policiesBetween(String groupA, String groupB) {
    BarrierPolicyGroup a = BARRIER_POLICY_GROUP.as("a");
    BarrierPolicyGroup b = BARRIER_POLICY_GROUP.as("b");
    return policies(P.ID.in(select(a.POLICY_ID).from(a)
        .join(b).on(b.POLICY_ID.eq(a.POLICY_ID))
        .where(a.GROUP_ID.eq(groupA))
        .and(b.GROUP_ID.eq(groupB))));
  }

  private List<Policy> policies(Condition where) {
    Field<Integer> members = field(select(countDistinct(M.USER_ID)).from(M).join(PG).on(PG.GROUP_ID.eq(M.GROUP_ID))
        .where(PG.POLICY_ID.eq(P.ID))).as(MEMBER_COUNT);
    List<Record6<String, String, Boolean, Long, Long, Integer>> rows = ctx()
        .select(P.ID, P.POLICY_TYPE, P.ACTIVE, P.CREATED_AT, P.MODIFIED_AT, members)
        .from(P).where(where).orderBy(P.CREATED_AT, P.ID)
        .fetch();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    List<String> ids = rows.stream().map(r -> r.get(P.ID)).toList();
    ctx().select(PG.POLICY_ID, PG.GROUP_ID).from(PG)
        .where(ids.size() == 1 ? PG.POLICY_ID.eq(ids.getFirst()) : DSL.noCondition())
        .orderBy(PG.POLICY_ID, PG.ORDINAL)
        .forEach(r -> groups.computeIfAbsent(r.get(PG.POLICY_ID), k -> new ArrayList<>()).add(r.get(PG.GROUP_ID)));
    return rows.stream().map(r -> new Policy(r.get(P.ID), Policy.Type.valueOf(r.get(P.POLICY_TYPE)), r.get(P.ACTIVE),
        groups.getOrDefault(r.get(P.ID), List.of()), r.get(MEMBER_COUNT), Instant.ofEpochMilli(r.get(P.CREATED_AT)),
        Instant.ofEpochMilli(r.get(P.MODIFIED_AT)))).toList();
  }

  // ---- the check

  @Override
  public Set<Long> blocked(long userId, Collection<Long> others) {
    Set<String> opposed = opposedGroups(userId);
    Set<Long> blocked = new LinkedHashSet<>();
    if (opposed.isEmpty() || others.isEmpty()) {
      return blocked;
    }
    chunks(others.stream().distinct().toList(), chunk -> blocked.addAll(ctx().selectDistinct(M.USER_ID)
        .from(M)
        .where(M.GROUP_ID.in(opposed)).and(M.USER_ID.in(chunk))
        .fetch(M.USER_ID)));
    return blocked;
  }

  /**
   * The active groups that an active BLOCK policy separates from one of the user's active groups. Most users
   * are in no group, and most pods have no policy: then this one small join is the whole barrier check, however
   * many users the caller is about to meet.
   */
  private Set<String> opposedGroups(long userId) {
    BarrierGroup g1 = BARRIER_GROUP.as("g1");
    BarrierGroup g2 = BARRIER_GROUP.as("g2");
    BarrierPolicyGroup pg1 = BARRIER_POLICY_GROUP.as("pg1");
    BarrierPolicyGroup pg2 = BARRIER_POLICY_GROUP.as("pg2");
    return new LinkedHashSet<>(ctx().selectDistinct(pg2.GROUP_ID)
        .from(M)
        .join(g1).on(g1.ID.eq(M.GROUP_ID))
        .join(pg1).on(pg1.GROUP_ID.eq(M.GROUP_ID))
        .join(P).on(P.ID.eq(pg1.POLICY_ID))
        .join(pg2).on(pg2.POLICY_ID.eq(P.ID)).and(pg2.GROUP_ID.ne(pg1.GROUP_ID))
        .join(g2).on(g2.ID.eq(pg2.GROUP_ID))
        .where(M.USER_ID.eq(userId))
        .and(P.ACTIVE.isTrue()).and(P.POLICY_TYPE.eq(Policy.Type.BLOCK.name()))
        .and(g1.ACTIVE.isTrue())
        .and(g2.ACTIVE.isTrue())
        .fetch(pg2.GROUP_ID));
  }

  private static <T> void chunks(List<T> all, java.util.function.Consumer<List<T>> work) {
    for (int from = 0; from < all.size(); from += CHUNK) {
      work.accept(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
  }
}
