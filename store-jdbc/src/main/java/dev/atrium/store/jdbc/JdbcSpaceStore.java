package dev.atrium.store.jdbc;

import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceStore;
import dev.atrium.core.space.SpaceType;
import dev.atrium.store.jdbc.Schema.SpaceMembers;
import dev.atrium.store.jdbc.Schema.Spaces;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Spaces and their members on jOOQ. */
public final class JdbcSpaceStore implements SpaceStore {
  private static final List<Field<?>> COLUMNS = List.of(Spaces.ID, Spaces.NAME, Spaces.SPACE_TYPE, Spaces.IS_PUBLIC,
      Spaces.PARENT_ID, Spaces.OWNER_ID, Spaces.CREATED_AT);
  private static final List<Field<?>> MEMBER_COLUMNS = List.of(SpaceMembers.SPACE_ID, SpaceMembers.USER_ID,
      SpaceMembers.ROLE, SpaceMembers.JOINED_AT);
  private final JdbcTransactor tx;

  public JdbcSpaceStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Space s) {
    tx.ctx().insertInto(Spaces.T).set(Spaces.ID, s.id()).set(Spaces.NAME, s.name())
        .set(Spaces.SPACE_TYPE, s.type().name()).set(Spaces.IS_PUBLIC, s.isPublic()).set(Spaces.PARENT_ID, s.parentId())
        .set(Spaces.OWNER_ID, s.ownerId()).set(Spaces.CREATED_AT, s.createdAt().toEpochMilli())
        .execute();
  }

  @Override
  public Optional<Space> byId(String id) {
    return tx.ctx().select(COLUMNS).from(Spaces.T).where(Spaces.ID.eq(id)).fetchOptional(JdbcSpaceStore::space);
  }

  @Override
  public List<Space> children(String parentId) {
    return tx.ctx().select(COLUMNS).from(Spaces.T).where(Spaces.PARENT_ID.eq(parentId))
        .orderBy(Spaces.CREATED_AT, Spaces.ID).fetch(JdbcSpaceStore::space);
  }

  @Override
  public Optional<SpaceMember> member(String spaceId, long userId) {
    return tx.ctx().select(MEMBER_COLUMNS).from(SpaceMembers.T)
        .where(SpaceMembers.SPACE_ID.eq(spaceId), SpaceMembers.USER_ID.eq(userId))
        .fetchOptional(JdbcSpaceStore::member);
  }

  @Override
  public void putMember(SpaceMember m) {
    tx.ctx().insertInto(SpaceMembers.T).set(SpaceMembers.SPACE_ID, m.spaceId()).set(SpaceMembers.USER_ID, m.userId())
        .set(SpaceMembers.ROLE, m.role().name()).set(SpaceMembers.JOINED_AT, m.joinedAt().toEpochMilli())
        .onConflict(SpaceMembers.SPACE_ID, SpaceMembers.USER_ID).doUpdate()
        .set(SpaceMembers.ROLE, m.role().name()).set(SpaceMembers.JOINED_AT, m.joinedAt().toEpochMilli())
        .execute();
  }

  @Override
  public boolean removeMember(String spaceId, long userId) {
    return tx.ctx().deleteFrom(SpaceMembers.T)
        .where(SpaceMembers.SPACE_ID.eq(spaceId), SpaceMembers.USER_ID.eq(userId)).execute() == 1;
  }

  @Override
  public List<SpaceMember> members(String spaceId) {
    return tx.ctx().select(MEMBER_COLUMNS).from(SpaceMembers.T).where(SpaceMembers.SPACE_ID.eq(spaceId))
        .orderBy(SpaceMembers.JOINED_AT, SpaceMembers.USER_ID).fetch(JdbcSpaceStore::member);
  }

  @Override
  public List<SpaceMember> membershipsOf(long userId) {
    return tx.ctx().select(MEMBER_COLUMNS).from(SpaceMembers.T).where(SpaceMembers.USER_ID.eq(userId))
        .orderBy(SpaceMembers.JOINED_AT, SpaceMembers.SPACE_ID).fetch(JdbcSpaceStore::member);
  }

  private static Space space(Record r) {
    return new Space(r.get(Spaces.ID), r.get(Spaces.NAME), SpaceType.valueOf(r.get(Spaces.SPACE_TYPE)),
        r.get(Spaces.IS_PUBLIC), r.get(Spaces.PARENT_ID), r.get(Spaces.OWNER_ID),
        Instant.ofEpochMilli(r.get(Spaces.CREATED_AT)));
  }

  private static SpaceMember member(Record r) {
    return new SpaceMember(r.get(SpaceMembers.SPACE_ID), r.get(SpaceMembers.USER_ID),
        SpaceRole.valueOf(r.get(SpaceMembers.ROLE)), Instant.ofEpochMilli(r.get(SpaceMembers.JOINED_AT)));
  }
}
