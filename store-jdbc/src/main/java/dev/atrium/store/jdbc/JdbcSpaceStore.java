package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.SPACE;
import static dev.atrium.store.jdbc.schema.Tables.SPACE_INVITE;
import static dev.atrium.store.jdbc.schema.Tables.SPACE_MEMBER;

import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceInvite;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceStore;
import dev.atrium.core.space.SpaceType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Spaces and their members on jOOQ. */
public final class JdbcSpaceStore implements SpaceStore {
  private static final List<Field<?>> COLUMNS = List.of(SPACE.ID, SPACE.NAME, SPACE.SPACE_TYPE, SPACE.IS_PUBLIC,
      SPACE.PARENT_ID, SPACE.OWNER_ID, SPACE.CREATED_AT, SPACE.DESCRIPTION, SPACE.LOGO);
  private static final List<Field<?>> MEMBER_COLUMNS = List.of(SPACE_MEMBER.SPACE_ID, SPACE_MEMBER.USER_ID,
      SPACE_MEMBER.ROLE, SPACE_MEMBER.JOINED_AT);
  private static final List<Field<?>> INVITE_COLUMNS = List.of(SPACE_INVITE.ID, SPACE_INVITE.SPACE_ID,
      SPACE_INVITE.ROLE, SPACE_INVITE.CREATED_BY, SPACE_INVITE.CREATED_AT, SPACE_INVITE.ACTIVATED_BY,
      SPACE_INVITE.ACTIVATED_AT);
  private final JdbcTransactor tx;

  public JdbcSpaceStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Space s) {
    tx.ctx().insertInto(SPACE).set(SPACE.ID, s.id()).set(SPACE.NAME, s.name())
        .set(SPACE.SPACE_TYPE, s.type().name()).set(SPACE.IS_PUBLIC, s.isPublic()).set(SPACE.PARENT_ID, s.parentId())
        .set(SPACE.OWNER_ID, s.ownerId()).set(SPACE.CREATED_AT, s.createdAt().toEpochMilli())
        .set(SPACE.DESCRIPTION, s.description()).set(SPACE.LOGO, s.logo())
        .execute();
  }

  @Override
  public Optional<Space> lock(String id) {
    return tx.ctx().select(COLUMNS).from(SPACE).where(SPACE.ID.eq(id)).forUpdate()
        .fetchOptional(JdbcSpaceStore::space);
  }

  @Override
  public boolean update(Space s) {
    return tx.ctx().update(SPACE).set(SPACE.NAME, s.name()).set(SPACE.IS_PUBLIC, s.isPublic())
        .set(SPACE.DESCRIPTION, s.description()).set(SPACE.LOGO, s.logo())
        .where(SPACE.ID.eq(s.id())).execute() == 1;
  }

  @Override
  public boolean delete(String id) {
    // The schema would cascade; deleting the rows that hang off the space first says so here.
    tx.ctx().deleteFrom(SPACE_INVITE).where(SPACE_INVITE.SPACE_ID.eq(id)).execute();
    tx.ctx().deleteFrom(SPACE_MEMBER).where(SPACE_MEMBER.SPACE_ID.eq(id)).execute();
    return tx.ctx().deleteFrom(SPACE).where(SPACE.ID.eq(id)).execute() == 1;
  }

  @Override
  public Optional<Space> byId(String id) {
    return tx.ctx().select(COLUMNS).from(SPACE).where(SPACE.ID.eq(id)).fetchOptional(JdbcSpaceStore::space);
  }

  @Override
  public List<Space> children(String parentId) {
    return tx.ctx().select(COLUMNS).from(SPACE).where(SPACE.PARENT_ID.eq(parentId))
        .orderBy(SPACE.CREATED_AT, SPACE.ID).fetch(JdbcSpaceStore::space);
  }

  @Override
  public Optional<SpaceMember> member(String spaceId, long userId) {
    return tx.ctx().select(MEMBER_COLUMNS).from(SPACE_MEMBER)
        .where(SPACE_MEMBER.SPACE_ID.eq(spaceId), SPACE_MEMBER.USER_ID.eq(userId))
        .fetchOptional(JdbcSpaceStore::member);
  }

  @Override
  public void putMember(SpaceMember m) {
    tx.ctx().insertInto(SPACE_MEMBER).set(SPACE_MEMBER.SPACE_ID, m.spaceId()).set(SPACE_MEMBER.USER_ID, m.userId())
        .set(SPACE_MEMBER.ROLE, m.role().name()).set(SPACE_MEMBER.JOINED_AT, m.joinedAt().toEpochMilli())
        .onConflict(SPACE_MEMBER.SPACE_ID, SPACE_MEMBER.USER_ID).doUpdate()
        .set(SPACE_MEMBER.ROLE, m.role().name()).set(SPACE_MEMBER.JOINED_AT, m.joinedAt().toEpochMilli())
        .execute();
  }

  @Override
  public boolean removeMember(String spaceId, long userId) {
    return tx.ctx().deleteFrom(SPACE_MEMBER)
        .where(SPACE_MEMBER.SPACE_ID.eq(spaceId), SPACE_MEMBER.USER_ID.eq(userId)).execute() == 1;
  }

  @Override
  public List<SpaceMember> members(String spaceId) {
    return tx.ctx().select(MEMBER_COLUMNS).from(SPACE_MEMBER).where(SPACE_MEMBER.SPACE_ID.eq(spaceId))
        .orderBy(SPACE_MEMBER.JOINED_AT, SPACE_MEMBER.USER_ID).fetch(JdbcSpaceStore::member);
  }

  @Override
  public List<SpaceMember> membershipsOf(long userId) {
    return tx.ctx().select(MEMBER_COLUMNS).from(SPACE_MEMBER).where(SPACE_MEMBER.USER_ID.eq(userId))
        .orderBy(SPACE_MEMBER.JOINED_AT, SPACE_MEMBER.SPACE_ID).fetch(JdbcSpaceStore::member);
  }

  @Override
  public List<Space> spacesOf(long userId) {
    return tx.ctx().select(COLUMNS).from(SPACE).join(SPACE_MEMBER).on(SPACE_MEMBER.SPACE_ID.eq(SPACE.ID))
        .where(SPACE_MEMBER.USER_ID.eq(userId)).orderBy(SPACE_MEMBER.JOINED_AT, SPACE_MEMBER.SPACE_ID)
        .fetch(JdbcSpaceStore::space);
  }

  @Override
  public void insertInvite(SpaceInvite i) {
    Instant activated = i.activatedAt();
    tx.ctx().insertInto(SPACE_INVITE).set(SPACE_INVITE.ID, i.id()).set(SPACE_INVITE.SPACE_ID, i.spaceId())
        .set(SPACE_INVITE.ROLE, i.role().name()).set(SPACE_INVITE.CREATED_BY, i.createdBy())
        .set(SPACE_INVITE.CREATED_AT, i.createdAt().toEpochMilli()).set(SPACE_INVITE.ACTIVATED_BY, i.activatedBy())
        .set(SPACE_INVITE.ACTIVATED_AT, activated == null ? null : activated.toEpochMilli())
        .execute();
  }

  @Override
  public Optional<SpaceInvite> invite(String spaceId, String inviteId) {
    return tx.ctx().select(INVITE_COLUMNS).from(SPACE_INVITE)
        .where(SPACE_INVITE.ID.eq(inviteId), SPACE_INVITE.SPACE_ID.eq(spaceId))
        .fetchOptional(JdbcSpaceStore::invite);
  }

  @Override
  public List<SpaceInvite> invites(String spaceId) {
    return tx.ctx().select(INVITE_COLUMNS).from(SPACE_INVITE).where(SPACE_INVITE.SPACE_ID.eq(spaceId))
        .orderBy(SPACE_INVITE.CREATED_AT, SPACE_INVITE.ID).fetch(JdbcSpaceStore::invite);
  }

  @Override
  public boolean activateInvite(String inviteId, long userId, Instant at) {
    // One conditional update: of two activations at once, the second finds activated_at set and changes nothing.
    return tx.ctx().update(SPACE_INVITE).set(SPACE_INVITE.ACTIVATED_BY, userId)
        .set(SPACE_INVITE.ACTIVATED_AT, at.toEpochMilli())
        .where(SPACE_INVITE.ID.eq(inviteId), SPACE_INVITE.ACTIVATED_AT.isNull()).execute() == 1;
  }

  @Override
  public boolean deleteInvite(String spaceId, String inviteId) {
    return tx.ctx().deleteFrom(SPACE_INVITE)
        .where(SPACE_INVITE.ID.eq(inviteId), SPACE_INVITE.SPACE_ID.eq(spaceId)).execute() == 1;
  }

  private static Space space(Record r) {
    return new Space(r.get(SPACE.ID), r.get(SPACE.NAME), SpaceType.valueOf(r.get(SPACE.SPACE_TYPE)),
        r.get(SPACE.IS_PUBLIC), r.get(SPACE.PARENT_ID), r.get(SPACE.OWNER_ID),
        Instant.ofEpochMilli(r.get(SPACE.CREATED_AT)), r.get(SPACE.DESCRIPTION), r.get(SPACE.LOGO));
  }

  private static SpaceInvite invite(Record r) {
    Long activated = r.get(SPACE_INVITE.ACTIVATED_AT);
    return new SpaceInvite(r.get(SPACE_INVITE.ID), r.get(SPACE_INVITE.SPACE_ID),
        SpaceRole.valueOf(r.get(SPACE_INVITE.ROLE)), r.get(SPACE_INVITE.CREATED_BY),
        Instant.ofEpochMilli(r.get(SPACE_INVITE.CREATED_AT)), r.get(SPACE_INVITE.ACTIVATED_BY),
        activated == null ? null : Instant.ofEpochMilli(activated));
  }

  private static SpaceMember member(Record r) {
    return new SpaceMember(r.get(SPACE_MEMBER.SPACE_ID), r.get(SPACE_MEMBER.USER_ID),
        SpaceRole.valueOf(r.get(SPACE_MEMBER.ROLE)), Instant.ofEpochMilli(r.get(SPACE_MEMBER.JOINED_AT)));
  }
}
