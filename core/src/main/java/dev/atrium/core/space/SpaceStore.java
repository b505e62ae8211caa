package dev.atrium.core.space;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of spaces and their members. Every call joins the caller's transaction. */
public interface SpaceStore {
  void insert(Space space);

  Optional<Space> byId(String id);

  /** The space, locked until the transaction ends (a change or deletion of it waits). */
  Optional<Space> lock(String id);

  /** Stores the space's name, public flag, description and logo; false if there is no such space. */
  boolean update(Space space);

  /** Deletes the space with its members and invites; false if there was none. */
  boolean delete(String id);

  /** The sub-spaces of a space, oldest first. */
  List<Space> children(String parentId);

  Optional<SpaceMember> member(String spaceId, long userId);

  /** Stores the membership, replacing the one of the same space and user. */
  void putMember(SpaceMember member);

  /** Removes the membership; false if there was none. */
  boolean removeMember(String spaceId, long userId);

  /** The members by join time then user id. */
  List<SpaceMember> members(String spaceId);

  /** The user's memberships, oldest first. */
  List<SpaceMember> membershipsOf(long userId);

  /** The spaces the user is a member of, in the order of {@link #membershipsOf}, in one read. */
  List<Space> spacesOf(long userId);

  void insertInvite(SpaceInvite invite);

  /** The invite of that id, if it is one of that space. */
  Optional<SpaceInvite> invite(String spaceId, String inviteId);

  /** The space's invites, oldest first. */
  List<SpaceInvite> invites(String spaceId);

  /**
   * Marks the invite used by the user, if it still is unused: true for the one call that does so, false for every
   * other (it was used, or is gone), however many run at once.
   */
  boolean activateInvite(String inviteId, long userId, Instant at);

  /** Deletes the invite of that space; false if there was none. */
  boolean deleteInvite(String spaceId, String inviteId);
}
