package dev.atrium.core.space;

import java.util.List;
import java.util.Optional;

/** Storage of spaces and their members. Every call joins the caller's transaction. */
public interface SpaceStore {
  void insert(Space space);

  Optional<Space> byId(String id);

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
}
