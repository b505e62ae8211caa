package dev.atrium.store.jdbc;

import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.table;

import dev.atrium.core.barrier.BarrierStore;
import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.Policy;
import dev.atrium.store.jdbc.Schema.BarrierGroups;
import dev.atrium.store.jdbc.Schema.BarrierMembers;
import dev.atrium.store.jdbc.Schema.BarrierPolicies;
import dev.atrium.store.jdbc.Schema.BarrierPolicyGroups;
import dev.atrium.store.jdbc.Schema.Users;
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
import org.jooq.Record;
import org.jooq.Record6;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Information-barrier groups, memberships and policies on jOOQ. A policy's two groups are two rows of
 * {@code barrier_policy_group}, so the barrier check is a chain of equality joins from the user's groups to
 * the users on the other side of an active BLOCK policy.
 */
public final class JdbcBarrierStore implements BarrierStore {
  /** Ids per IN list: well under PostgreSQL's limit of 32767 bind values per statement. */
  private static final int CHUNK = 5_000;

  // Aliased tables and their columns, for the queries that join a table to itself.
  private static final Table<Record> G = BarrierGroups.T.as("g");
  private static final Field<String> G_ID = field(name("g", "id"), String.class);
  private static final Field<String> G_NAME = field(name("g", "name"), String.class);
  private static final Field<Boolean> G_ACTIVE = field(name("g", "active"), Boolean.class);
  private static final Field<Long> G_CREATED = field(name("g", "created_at"), Long.class);
  private static final Field<Long> G_MODIFIED = field(name("g", "modified_at"), Long.class);

  private static final Table<Record> P = BarrierPolicies.T.as("p");
  private static final Field<String> P_ID = field(name("p", "id"), String.class);
  private static final Field<String> P_TYPE = field(name("p", "policy_type"), String.class);
  private static final Field<Boolean> P_ACTIVE = field(name("p", "active"), Boolean.class);
  private static final Field<Long> P_CREATED = field(name("p", "created_at"), Long.class);
  private static final Field<Long> P_MODIFIED = field(name("p", "modified_at"), Long.class);

  private static final Table<Record> M = BarrierMembers.T.as("m");
  private static final Field<String> M_GROUP = field(name("m", "group_id"), String.class);
  private static final Field<Long> M_USER = field(name("m", "user_id"), Long.class);

  private static final Table<Record> PG = BarrierPolicyGroups.T.as("pg");
  private static final Field<String> PG_POLICY = field(name("pg", "policy_id"), String.class);
  private static final Field<String> PG_GROUP = field(name("pg", "group_id"), String.class);
  private static final Field<Integer> PG_ORDINAL = field(name("pg", "ordinal"), Integer.class);

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
    ctx().insertInto(BarrierGroups.T)
        .set(BarrierGroups.ID, g.id()).set(BarrierGroups.NAME, g.name())
        .set(BarrierGroups.NAME_LC, g.name().toLowerCase(Locale.ROOT)).set(BarrierGroups.ACTIVE, g.active())
        .set(BarrierGroups.CREATED_AT, g.createdAt().toEpochMilli())
        .set(BarrierGroups.MODIFIED_AT, g.modifiedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void updateGroup(Group g) {
    ctx().update(BarrierGroups.T)
        .set(BarrierGroups.NAME, g.name()).set(BarrierGroups.NAME_LC, g.name().toLowerCase(Locale.ROOT))
        .set(BarrierGroups.ACTIVE, g.active()).set(BarrierGroups.MODIFIED_AT, g.modifiedAt().toEpochMilli())
        .where(BarrierGroups.ID.eq(g.id()))
        .execute();
  }

  @Override
  public Optional<Group> group(String id) {
    return groups(G_ID.eq(id)).stream().findFirst();
  }

  @Override
  public Optional<Group> groupByName(String name) {
    return groups(field(name("g", "name_lc"), String.class).eq(name.toLowerCase(Locale.ROOT))).stream().findFirst();
  }

  @Override
  public List<Group> groups() {
    return groups(DSL.noCondition());
  }

  private List<Group> groups(Condition where) {
    Field<Integer> members = field(selectCount().from(M).where(M_GROUP.eq(G_ID))).as(MEMBER_COUNT);
    List<Record6<String, String, Boolean, Long, Long, Integer>> rows = ctx()
        .select(G_ID, G_NAME, G_ACTIVE, G_CREATED, G_MODIFIED, members)
        .from(G).where(where).orderBy(G_CREATED, G_ID)
        .fetch();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> policies = new LinkedHashMap<>();
    List<String> ids = rows.stream().map(r -> r.get(G_ID)).toList();
    ctx().select(PG_GROUP, PG_POLICY).from(PG).join(P).on(P_ID.eq(PG_POLICY))
        .where(ids.size() == 1 ? PG_GROUP.eq(ids.getFirst()) : DSL.noCondition())
        .orderBy(P_CREATED, P_ID)
        .forEach(r -> policies.computeIfAbsent(r.get(PG_GROUP), k -> new ArrayList<>()).add(r.get(PG_POLICY)));
    return rows.stream().map(r -> new Group(r.get(G_ID), r.get(G_NAME), r.get(G_ACTIVE), r.get(MEMBER_COUNT),
        policies.getOrDefault(r.get(G_ID), List.of()), Instant.ofEpochMilli(r.get(G_CREATED)),
        Instant.ofEpochMilli(r.get(G_MODIFIED)))).toList();
  }

  @Override
  public void lockGroups(Collection<String> groupIds) {
    ctx().select(BarrierGroups.ID).from(BarrierGroups.T).where(BarrierGroups.ID.in(groupIds))
        .orderBy(BarrierGroups.ID).forUpdate().fetch();
  }

  // ---- memberships

  @Override
  public List<Long> members(String groupId, int skip, int limit) {
    return ctx().select(BarrierMembers.USER_ID).from(BarrierMembers.T).where(BarrierMembers.GROUP_ID.eq(groupId))
        .orderBy(BarrierMembers.USER_ID).offset(skip).limit(limit)
        .fetch(BarrierMembers.USER_ID);
  }

  @Override
  public Set<Long> addMembers(String groupId, Collection<Long> userIds) {
    Set<Long> added = new TreeSet<>(userIds);
    added.removeAll(membersAmong(groupId, userIds));
    List<Long> toAdd = List.copyOf(added);
    for (int from = 0; from < toAdd.size(); from += CHUNK) {
      InsertValuesStep2<Record, String, Long> insert = ctx().insertInto(BarrierMembers.T, BarrierMembers.GROUP_ID,
          BarrierMembers.USER_ID);
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
    chunks(List.copyOf(removed), chunk -> ctx().deleteFrom(BarrierMembers.T)
        .where(BarrierMembers.GROUP_ID.eq(groupId)).and(BarrierMembers.USER_ID.in(chunk)).execute());
    return removed;
  }

  private Set<Long> membersAmong(String groupId, Collection<Long> userIds) {
    Set<Long> found = new TreeSet<>();
    chunks(List.copyOf(userIds), chunk -> found.addAll(ctx().select(BarrierMembers.USER_ID)
        .from(BarrierMembers.T)
        .where(BarrierMembers.GROUP_ID.eq(groupId)).and(BarrierMembers.USER_ID.in(chunk))
        .fetch(BarrierMembers.USER_ID)));
    return found;
  }

  @Override
  public Set<Long> existingUsers(Collection<Long> userIds) {
    Set<Long> found = new TreeSet<>();
    chunks(List.copyOf(userIds), chunk -> found.addAll(ctx().select(Users.ID).from(Users.T)
        .where(Users.ID.in(chunk)).fetch(Users.ID)));
    return found;
  }

  // ---- policies

  @Override
  public void insertPolicy(Policy p) {
    ctx().insertInto(BarrierPolicies.T)
        .set(BarrierPolicies.ID, p.id()).set(BarrierPolicies.POLICY_TYPE, p.type().name())
        .set(BarrierPolicies.ACTIVE, p.active()).set(BarrierPolicies.CREATED_AT, p.createdAt().toEpochMilli())
        .set(BarrierPolicies.MODIFIED_AT, p.modifiedAt().toEpochMilli())
        .execute();
    for (int i = 0; i < p.groups().size(); i++) {
      ctx().insertInto(BarrierPolicyGroups.T)
          .set(BarrierPolicyGroups.POLICY_ID, p.id()).set(BarrierPolicyGroups.GROUP_ID, p.groups().get(i))
          .set(BarrierPolicyGroups.ORDINAL, i)
          .execute();
    }
  }

  @Override
  public void updatePolicy(Policy p) {
    ctx().update(BarrierPolicies.T)
        .set(BarrierPolicies.ACTIVE, p.active()).set(BarrierPolicies.MODIFIED_AT, p.modifiedAt().toEpochMilli())
        .where(BarrierPolicies.ID.eq(p.id()))
        .execute();
  }

  @Override
  public Optional<Policy> policy(String id) {
    return policies(P_ID.eq(id)).stream().findFirst();
  }

  @Override
  public List<Policy> policies() {
    return policies(DSL.noCondition());
  }

  @Override
  public List<Policy> policiesBetween(String groupA, String groupB) {
    Table<Record> a = BarrierPolicyGroups.T.as("a");
    Table<Record> b = BarrierPolicyGroups.T.as("b");
    return policies(P_ID.in(select(field(name("a", "policy_id"), String.class)).from(a)
        .join(b).on(field(name("b", "policy_id"), String.class).eq(field(name("a", "policy_id"), String.class)))
        .where(field(name("a", "group_id"), String.class).eq(groupA))
        .and(field(name("b", "group_id"), String.class).eq(groupB))));
  }

  private List<Policy> policies(Condition where) {
    Field<Integer> members = field(select(countDistinct(M_USER)).from(M).join(PG).on(PG_GROUP.eq(M_GROUP))
        .where(PG_POLICY.eq(P_ID))).as(MEMBER_COUNT);
    List<Record6<String, String, Boolean, Long, Long, Integer>> rows = ctx()
        .select(P_ID, P_TYPE, P_ACTIVE, P_CREATED, P_MODIFIED, members)
        .from(P).where(where).orderBy(P_CREATED, P_ID)
        .fetch();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    List<String> ids = rows.stream().map(r -> r.get(P_ID)).toList();
    ctx().select(PG_POLICY, PG_GROUP).from(PG)
        .where(ids.size() == 1 ? PG_POLICY.eq(ids.getFirst()) : DSL.noCondition())
        .orderBy(PG_POLICY, PG_ORDINAL)
        .forEach(r -> groups.computeIfAbsent(r.get(PG_POLICY), k -> new ArrayList<>()).add(r.get(PG_GROUP)));
    return rows.stream().map(r -> new Policy(r.get(P_ID), Policy.Type.valueOf(r.get(P_TYPE)), r.get(P_ACTIVE),
        groups.getOrDefault(r.get(P_ID), List.of()), r.get(MEMBER_COUNT), Instant.ofEpochMilli(r.get(P_CREATED)),
        Instant.ofEpochMilli(r.get(P_MODIFIED)))).toList();
  }

  // ---- the check

  @Override
  public Set<Long> blocked(long userId, Collection<Long> others) {
    Set<String> opposed = opposedGroups(userId);
    Set<Long> blocked = new LinkedHashSet<>();
    if (opposed.isEmpty() || others.isEmpty()) {
      return blocked;
    }
    chunks(others.stream().distinct().toList(), chunk -> blocked.addAll(ctx().selectDistinct(M_USER)
        .from(M)
        .where(M_GROUP.in(opposed)).and(M_USER.in(chunk))
        .fetch(M_USER)));
    return blocked;
  }

  /**
   * The active groups that an active BLOCK policy separates from one of the user's active groups. Most users
   * are in no group, and most pods have no policy: then this one small join is the whole barrier check, however
   * many users the caller is about to meet.
   */
  private Set<String> opposedGroups(long userId) {
    Table<Record> g1 = BarrierGroups.T.as("g1");
    Table<Record> g2 = BarrierGroups.T.as("g2");
    Table<Record> pg1 = BarrierPolicyGroups.T.as("pg1");
    Table<Record> pg2 = BarrierPolicyGroups.T.as("pg2");
    Field<String> pg1Policy = field(name("pg1", "policy_id"), String.class);
    Field<String> pg1Group = field(name("pg1", "group_id"), String.class);
    Field<String> pg2Policy = field(name("pg2", "policy_id"), String.class);
    Field<String> pg2Group = field(name("pg2", "group_id"), String.class);
    return new LinkedHashSet<>(ctx().selectDistinct(pg2Group)
        .from(M)
        .join(g1).on(field(name("g1", "id"), String.class).eq(M_GROUP))
        .join(pg1).on(pg1Group.eq(M_GROUP))
        .join(P).on(P_ID.eq(pg1Policy))
        .join(pg2).on(pg2Policy.eq(P_ID)).and(pg2Group.ne(pg1Group))
        .join(g2).on(field(name("g2", "id"), String.class).eq(pg2Group))
        .where(M_USER.eq(userId))
        .and(P_ACTIVE.isTrue()).and(P_TYPE.eq(Policy.Type.BLOCK.name()))
        .and(field(name("g1", "active"), Boolean.class).isTrue())
        .and(field(name("g2", "active"), Boolean.class).isTrue())
        .fetch(pg2Group));
  }

  private static <T> void chunks(List<T> all, java.util.function.Consumer<List<T>> work) {
    for (int from = 0; from < all.size(); from += CHUNK) {
      work.accept(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
  }
}
