package dev.atrium.core.merge;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.JsonData;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.badge.BadgeStore;
import dev.atrium.core.contact.Connection;
import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.contact.ConnectionStore;
import dev.atrium.core.contact.Relation;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomStore;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.social.SocialAccount;
import dev.atrium.core.social.SocialAccountStore;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserDataStore;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.UserStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges one person's second account ({@code from}) into their first ({@code into}), in ONE transaction:
 *
 * <ul>
 *   <li>chat-room memberships move (a room both are current members of keeps {@code into} with the stronger
 *       role); {@code from}'s memberships end. IMs and MIMs stay with {@code from}: a conversation's
 *       participants never change, and {@code into} may have its own with the same people.
 *   <li>connections move; the pair between the two accounts is dropped; where both have one with the same
 *       user, the most advanced status wins (ACCEPTED, then PENDING, then REJECTED), keeping the earliest
 *       first request.
 *   <li>params are united, {@code into}'s value winning on a key both have; the result must still fit
 *       {@link JsonData#MAX_BYTES}, else the whole merge is refused ({@code Invalid}) and nothing changes.
 *   <li>social accounts, personas, badges and z-addresses move; of a social kind or badge type both have,
 *       {@code into}'s stays and {@code from}'s is dropped.
 *   <li>{@code from} is disabled and every session of it revoked. Its email stays on it (it is not freed).
 * </ul>
 *
 * <p>Settings, device settings and network states are not moved: {@code into}'s are the ones in use. Merging
 * into oneself, from or into a disabled account, into a persona, or from a persona of another owner is
 * refused. The merge is audited with {@code into} as the actor. Once it commits, it publishes the room events
 * of the moved memberships, {@code SessionsRevoked}, {@code UserStatusChanged} for {@code from}, and
 * {@code UsersMerged}, which names the users whose connection moved (their counters changed too).
 */
public final class Merges {
  private final UserStore users;
  private final UserDataStore data;
  private final RoomStore rooms;
  private final ConnectionStore connections;
  private final SocialAccountStore social;
  private final BadgeStore badges;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public Merges(UserStore users, UserDataStore data, RoomStore rooms, ConnectionStore connections,
      SocialAccountStore social, BadgeStore badges, Sessions sessions, AuditLog audit, Transactor tx,
      Events events, InstantSource clock) {
    this.users = users;
    this.data = data;
    this.rooms = rooms;
    this.connections = connections;
    this.social = social;
    this.badges = badges;
    this.sessions = sessions;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  /**
   * {@code user:mergeByEmail}: the caller proves they own the account with this email and password
   * ({@link Sessions#checkPassword}; a wrong pair is {@code Unauthenticated}), which is merged into theirs.
   */
  public User mergeByEmail(long intoUserId, String email, String password) {
    User from = sessions.checkPassword(email, password);
    return merge(intoUserId, from.id());
  }

  /**
   * {@code user:mergeByFacebook} (after the caller verified the Facebook token and so knows its account id),
   * or any other kind: the account linked to that social account is merged into the caller's. No user linked
   * to it is {@code NotFound}.
   */
  public User mergeBySocialAccount(long intoUserId, SocialKind kind, String socialId) {
    SocialAccount account = social.byAccount(kind, socialId).orElseThrow(
        () -> AtriumException.notFound("No user is linked to this " + kind.wireName() + " account"));
    return merge(intoUserId, account.userId());
  }

  /** Merges {@code fromUserId} into {@code intoUserId}; see the class comment. Returns {@code from}, disabled. */
  public User merge(long intoUserId, long fromUserId) {
    require(intoUserId != fromUserId, "An account cannot be merged into itself");
    return tx.inTransaction(() -> {
      // both locked, the lower id first, so that two merges of the same pair wait rather than deadlock
      User first = locked(Math.min(intoUserId, fromUserId));
      User second = locked(Math.max(intoUserId, fromUserId));
      User into = first.id() == intoUserId ? first : second;
      User from = first.id() == fromUserId ? first : second;
      require(into.enabled(), "User " + intoUserId + " is disabled");
      require(from.enabled(), "User " + fromUserId + " is disabled");
      require(!into.isPersona(), "An account cannot be merged into a persona account");
      Long owner = from.ownerId();
      if (owner != null && owner != intoUserId) {
        throw AtriumException.forbidden("User " + fromUserId + " is a persona of another account");
      }
      Instant now = clock.instant();
      int movedRooms = moveRooms(fromUserId, intoUserId, now);
      List<Long> contacts = moveConnections(fromUserId, intoUserId);
      int movedSocial = moveSocialAccounts(fromUserId, intoUserId);
      int movedPersonas = users.movePersonas(fromUserId, intoUserId);
      int movedBadges = badges.move(fromUserId, intoUserId);
      int movedZAddresses = data.moveZAddresses(fromUserId, intoUserId);
      mergeParams(fromUserId, intoUserId);
      User disabled = from.withStatus(UserStatus.DISABLED, now);
      users.update(disabled);
      users.update(into.touched(now));
      sessions.revokeAllOf(fromUserId);
      Map<String, Object> moved = new LinkedHashMap<>();
      moved.put("rooms", movedRooms);
      moved.put("connections", contacts.size());
      moved.put("socialAccounts", movedSocial);
      moved.put("personas", movedPersonas);
      moved.put("badges", movedBadges);
      moved.put("zAddresses", movedZAddresses);
      audit.append(new AuditEntry(intoUserId, "user.merge", "user:" + fromUserId, null, moved, now));
      events.publish(new DomainEvent.UserStatusChanged(disabled, now));
      events.publish(new DomainEvent.UsersMerged(intoUserId, fromUserId, contacts, now));
      return disabled;
    });
  }

  private User locked(long userId) {
    return users.lock(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
  }

  private int moveRooms(long fromId, long intoId, Instant now) {
    int moved = 0;
    for (Room room : rooms.roomsOf(fromId, Set.of(RoomKind.ROOM), true, 0, Integer.MAX_VALUE)) {
      Membership theirs = rooms.membership(room.id(), fromId).orElseThrow();
      @Nullable Membership ours = rooms.membership(room.id(), intoId).orElse(null);
      Membership left = theirs.left(now);
      rooms.putMembership(left);
      events.publish(new DomainEvent.RoomMemberRemoved(room, left, now));
      if (ours == null || !ours.current()) {
        Membership joined = new Membership(room.id(), intoId, theirs.role(), now, null,
            ours == null ? theirs.unreadCount() : ours.unreadCount(), ours == null ? theirs.lastReadAt() : ours.lastReadAt());
        rooms.putMembership(joined);
        events.publish(new DomainEvent.RoomMemberAdded(room, joined, now));
      } else if (theirs.role().ordinal() < ours.role().ordinal()) {
        Membership promoted = ours.withRole(theirs.role());
        rooms.putMembership(promoted);
        events.publish(new DomainEvent.RoomMemberRoleChanged(room, ours, promoted, now));
      }
      moved++;
    }
    return moved;
  }

  /** Moves from's connections to into; returns the other users whose connection moved. */
  private List<Long> moveConnections(long fromId, long intoId) {
    List<Long> others = new ArrayList<>();
    for (Connection c : connections.of(fromId, EnumSet.allOf(Relation.class), Set.of())) {
      long other = c.other(fromId);
      connections.delete(fromId, other);
      if (other == intoId) {
        continue;
      }
      others.add(other);
      Connection moved = c.requesterId() == fromId
          ? new Connection(intoId, other, c.status(), c.firstRequestedAt(), c.updatedAt(), c.requestCounter())
          : new Connection(other, intoId, c.status(), c.firstRequestedAt(), c.updatedAt(), c.requestCounter());
      var existing = connections.between(intoId, other);
      if (existing.isEmpty()) {
        connections.insert(moved);
        continue;
      }
      Connection ours = existing.get();
      Connection winner = rank(moved.status()) > rank(ours.status()) ? moved : ours;
      Instant first = moved.firstRequestedAt().isBefore(ours.firstRequestedAt())
          ? moved.firstRequestedAt() : ours.firstRequestedAt();
      Instant updated = moved.updatedAt().isAfter(ours.updatedAt()) ? moved.updatedAt() : ours.updatedAt();
      connections.update(new Connection(winner.requesterId(), winner.addresseeId(), winner.status(), first, updated,
          Math.max(moved.requestCounter(), ours.requestCounter())));
    }
    return others;
  }

  private static int rank(ConnectionStatus status) {
    return switch (status) {
      case ACCEPTED -> 2;
      case PENDING -> 1;
      case REJECTED -> 0;
    };
  }

  private int moveSocialAccounts(long fromId, long intoId) {
    Set<SocialKind> kept = EnumSet.noneOf(SocialKind.class);
    social.of(intoId).forEach(a -> kept.add(a.kind()));
    int moved = 0;
    for (SocialAccount account : social.of(fromId)) {
      social.delete(fromId, account.kind());
      if (kept.add(account.kind())) {
        social.insert(new SocialAccount(intoId, account.kind(), account.socialId(), account.identityName(),
            account.linkedAt()));
        moved++;
      }
    }
    return moved;
  }

  private void mergeParams(long fromId, long intoId) {
    Map<String, @Nullable Object> theirs = data.params(fromId);
    if (theirs.isEmpty()) {
      return;
    }
    Map<String, @Nullable Object> united = new LinkedHashMap<>(theirs);
    united.putAll(data.params(intoId));
    data.setParams(intoId, JsonData.copyOf(united, "The merged params"));
    data.setParams(fromId, Map.of());
  }
}
