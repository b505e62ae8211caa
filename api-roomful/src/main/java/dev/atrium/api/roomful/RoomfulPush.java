package dev.atrium.api.roomful;

import dev.atrium.api.roomful.RoomfulShapes.Avatar3DOut;
import dev.atrium.api.roomful.RoomfulShapes.SettingsOut;
import dev.atrium.api.roomful.RoomfulShapes.SocialAccountOut;
import dev.atrium.api.roomful.RoomfulSockets.Conn;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.EventBus;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserCounters;
import dev.atrium.core.user.Users;
import dev.atrium.socketio.Frame;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the {@code user:*} events of Roomful's user API to the sockets of this node, whatever dialect caused the
 * change: every domain event published after commit is turned into the events its users should hear. The work
 * for one user runs on one of {@link #LANES} lanes chosen by the user id, so a user's events keep their order while
 * different users are served in parallel; the publishing request does not wait for it. Each event is encoded once
 * and the same frame goes to every socket of the user.
 *
 * <p>The counter events are sent when a count changed: the counts a user's sockets last heard are remembered while
 * the user has sockets here, and changed only on the user's lane.
 */
final class RoomfulPush implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoomfulPush.class);
  static final int LANES = 32;

  private final RoomfulGateway gateway;
  private final RoomfulSockets sockets;
  private final Users users;
  private final Rooms rooms;
  private final ExecutorService[] lanes = new ExecutorService[LANES];
  private final Map<Long, UserCounters> heard = new ConcurrentHashMap<>();
  private final AutoCloseable subscription;

  RoomfulPush(RoomfulGateway gateway, Users users, Rooms rooms, EventBus bus) {
    this.gateway = gateway;
    this.sockets = gateway.sockets();
    this.users = users;
    this.rooms = rooms;
    for (int i = 0; i < LANES; i++) {
      lanes[i] = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("roomful-push-" + i).factory());
    }
    this.subscription = bus.subscribe(this::onEvent);
  }

  /**
   * Greets a socket that has just joined its user's sockets here: {@code greeting} sends its {@code user_info} and
   * returns the counts it told. It runs on the user's lane, so no counter event of the user is worked out while
   * those counts are read and sent. If the user's other sockets last heard other counts (a change whose event is
   * still on its way), they are told the new ones now: taking the new socket's counts as what every socket had
   * heard would leave the others with counts they never get. {@code failed} runs if the greeting throws.
   */
  void greet(long userId, Supplier<UserCounters> greeting, Runnable failed) {
    lane(Long.hashCode(userId)).execute(() -> {
      UserCounters told;
      try {
        told = greeting.get();
      } catch (RuntimeException e) {
        LOG.warn("telling a socket user_info failed", e);
        failed.run();
        return;
      }
      guarded(() -> countersChanged(userId, told));
    });
  }

  /** The user's last socket here has gone; forgotten on the user's lane unless a socket has come since. */
  void forget(long userId) {
    lane(Long.hashCode(userId)).execute(() -> {
      if (!sockets.hasUser(userId)) {
        heard.remove(userId);
      }
    });
  }

  private void onEvent(DomainEvent event) {
    switch (event) {
      case DomainEvent.SessionsRevoked r -> {
        for (String sessionId : r.sessionIds()) {
          sockets.ofSession(sessionId).forEach(Conn::close);
        }
      }
      case DomainEvent.UserStatusChanged c when !c.user().enabled() -> sockets.ofUser(c.user().id())
          .forEach(Conn::close);
      case DomainEvent.UserUpdated u -> on(u.after().id(), id -> update(u.after()));
      case DomainEvent.AvatarUpdated a -> on(a.user().id(), id -> {
        emit(id, "user:avatarUpdated", new AvatarOut(gateway.view(a.user()).avatar()));
        update(a.user());
      });
      case DomainEvent.Avatar3DChanged a -> on(a.user().id(), id -> {
        emit(id, "user:avatar3DChanged", new Avatar3DChangedOut(Long.toString(id), Avatar3DOut.of(a.user()
            .avatar3D())));
        update(a.user());
      });
      case DomainEvent.SettingsChanged c -> on(c.userId(), id -> emit(id, "user:settingsUpdated",
          SettingsOut.of(c.settings())));
      case DomainEvent.SocialAccountLinked l -> on(l.account().userId(), id -> emit(id,
          "user:linkedToSocialAccount", SocialAccountOut.of(l.account())));
      case DomainEvent.SocialAccountUnlinked l -> on(l.account().userId(), id -> emit(id,
          "user:unlinkedFromSocialAccount", SocialAccountOut.of(l.account())));
      case DomainEvent.ConnectionRequested c -> counters(List.of(c.connection().requesterId(),
          c.connection().addresseeId()));
      case DomainEvent.ConnectionAccepted c -> counters(List.of(c.connection().requesterId(),
          c.connection().addresseeId()));
      case DomainEvent.ConnectionRejected c -> counters(List.of(c.connection().requesterId(),
          c.connection().addresseeId()));
      case DomainEvent.ConnectionRemoved c -> counters(List.of(c.userId(), c.otherId()));
      case DomainEvent.RoomCreated c when countsAsPublic(c.room()) -> counters(c.memberIds());
      case DomainEvent.RoomMemberAdded m when countsAsPublic(m.room()) -> counters(List.of(m.membership().userId()));
      case DomainEvent.RoomMemberRemoved m when countsAsPublic(m.room()) -> counters(List.of(
          m.membership().userId()));
      case DomainEvent.RoomDeleted d when countsAsPublic(d.room()) -> counters(d.memberIds());
      case DomainEvent.RoomUpdated u when countsAsPublic(u.before()) != countsAsPublic(u.after()) ->
          lane(u.after().id().hashCode()).execute(() -> guarded(() -> counters(rooms.currentMemberIds(
              u.after().id()))));
      case DomainEvent.UsersMerged m -> {
        on(m.intoUserId(), id -> update(users.get(id)));
        counters(m.contactIds());
      }
      default -> { }
    }
  }

  /** Whether the room counts in {@code publicRoomCount}: an active public chat room. */
  private static boolean countsAsPublic(Room room) {
    return room.kind() == RoomKind.ROOM && room.isPublic() && room.active();
  }

  /** Runs the work for a user with sockets here, on the user's lane. */
  private void on(long userId, Consumer<Long> work) {
    if (sockets.hasUser(userId)) {
      lane(Long.hashCode(userId)).execute(() -> guarded(() -> work.accept(userId)));
    }
  }

  private ExecutorService lane(int hash) {
    return lanes[Math.floorMod(hash, LANES)];
  }

  private static void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("pushing a Roomful event failed", e);
    }
  }

  private void emit(long userId, String event, Object data) {
    sockets.toUser(userId, gateway.encode(event, data));
  }

  /** {@code user:update} with the user as stored now and their counts; the counter events if counts changed. */
  private void update(User user) {
    UserCounters counters = gateway.counters(user.id());
    Frame frame = gateway.encode("user:update", new UserUpdateOut(RoomfulShapes.update(gateway.view(user),
        counters)));
    sockets.toUser(user.id(), frame);
    countersChanged(user.id(), counters);
  }

  private void counters(List<Long> userIds) {
    for (long userId : Set.copyOf(userIds)) {
      on(userId, id -> countersChanged(id, gateway.counters(id)));
    }
  }

  private void countersChanged(long userId, UserCounters now) {
    UserCounters before = heard.put(userId, now);
    if (before == null || !sockets.hasUser(userId)) {
      return;
    }
    if (before.publicRoomCount() != now.publicRoomCount()) {
      emit(userId, "user:publicRoomCountUpdated", new PublicRoomCountOut(now.publicRoomCount()));
    }
    if (before.contactCount() != now.contactCount() || before.pendingContactCount() != now.pendingContactCount()) {
      emit(userId, "user:contactCountUpdated", new ContactCountOut(now.contactCount(), now.pendingContactCount()));
    }
    if (before.pendingRequestCount() != now.pendingRequestCount()) {
      emit(userId, "user:pendingRequestCountUpdated", new PendingRequestCountOut(now.pendingRequestCount()));
    }
    if (before.newInvitationsCount() != now.newInvitationsCount()) {
      emit(userId, "user:newInvitationsCountUpdated", new InvitationsCountOut(now.newInvitationsCount()));
    }
    if (before.newNotificationsCount() != now.newNotificationsCount()) {
      emit(userId, "user:newNotificationsCountUpdated", new NotificationsCountOut(now.newNotificationsCount()));
    }
    if (before.idealMatchCount() != now.idealMatchCount()) {
      emit(userId, "user:idealMatchCountUpdated", new IdealMatchCountOut(now.idealMatchCount()));
    }
  }

  record UserUpdateOut(RoomfulShapes.UserOut user) {}

  record AvatarOut(String avatar) {}

  record Avatar3DChangedOut(String userId, @Nullable Avatar3DOut avatar3D) {}

  record PublicRoomCountOut(int publicRoomCount) {}

  record ContactCountOut(int contactCount, int pendingContactCount) {}

  record PendingRequestCountOut(int pendingRequestCount) {}

  record InvitationsCountOut(int newInvitationsCount) {}

  record NotificationsCountOut(int newNotificationsCount) {}

  record IdealMatchCountOut(int idealMatchCount) {}

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("leaving the event bus failed", e);
    }
    for (ExecutorService lane : lanes) {
      lane.shutdown();
    }
    try {
      for (ExecutorService lane : lanes) {
        lane.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
