package dev.atrium.core.barrier;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage of information-barrier groups, memberships and policies. Every call joins the caller's transaction. */
public interface BarrierStore {
  /** Stores a new group (its member count and policies are ignored); a taken name raises {@code Conflict}. */
  void insertGroup(Group group);

  /** Writes the group's name, active flag and modification time. */
  void updateGroup(Group group);

  Optional<Group> group(String id);

  /** The group with this name, ignoring case. */
  Optional<Group> groupByName(String name);

  /** Every group, oldest first. */
  List<Group> groups();

  /** Locks the groups' rows until the transaction ends: writers of policies between them take turns. */
  void lockGroups(Collection<String> groupIds);

  /** A page of the group's member ids, ascending. */
  List<Long> members(String groupId, int skip, int limit);

  /** Adds the users not yet members; returns the ids it added. Every id must name a user. */
  Set<Long> addMembers(String groupId, Collection<Long> userIds);

  /** Removes those of the users who are members; returns the ids it removed. */
  Set<Long> removeMembers(String groupId, Collection<Long> userIds);

  /** Of the ids given, those that name a user. */
  Set<Long> existingUsers(Collection<Long> userIds);

  /** Stores a new policy (its member count is ignored). */
  void insertPolicy(Policy policy);

  /** Writes the policy's active flag and modification time. */
  void updatePolicy(Policy policy);

  Optional<Policy> policy(String id);

  /** Every policy, oldest first. */
  List<Policy> policies();

  /** The policies, active or not, that join these two groups. */
  List<Policy> policiesBetween(String groupA, String groupB);

  /**
   * Of the others, those who share with the user a pair of groups (one each) that an active BLOCK policy
   * joins, both groups being active. One query: it is asked on every room add, IM and connection.
   */
  Set<Long> blocked(long userId, Collection<Long> others);
}
