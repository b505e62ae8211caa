package dev.atrium.core.space;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserChecks;
import dev.atrium.core.user.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Guest access to a room (LiveDigital's generate-access): the room's owner or a moderator names a participant; the
 * participant gets a guest account (made once per external user id and space, reused after), a room role, and a
 * session of its own that ends after the link's time to live. A one-time link's session is marked, and its first
 * use spends the mark and ends the session ({@link #spendOnce}).
 *
 * <p>A guest account has no password, so nobody logs in as it; its display name is the participant's name and its
 * username {@code guest-} and 12 random characters. Ending its session, or disabling it, ends the link at once.
 */
public final class GuestLinks {
  public static final Duration DEFAULT_TTL = Duration.ofDays(1);
  public static final Duration MAX_TTL = Duration.ofDays(30);
  public static final int MAX_NAME_LENGTH = 128;
  public static final int MAX_EXTERNAL_ID_LENGTH = 256;
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{2,31}");
  private static final String USERNAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** What the link is for: the participant's name, role and identity, its time to live and whether it lasts. */
  public record Request(@Nullable String username, RoomRole role, @Nullable String externalUserId,
      @Nullable Long ttlSeconds, boolean permanent, @Nullable String email, @Nullable String phone) {}

  /** A link's grant: the guest, the room, the new session and when it ends. */
  public record Grant(User guest, SpaceRooms.Placed room, Sessions.Minted session, Instant expiresAt,
      boolean permanent) {}

  private final SpaceRoomStore store;
  private final SpaceRooms rooms;
  private final dev.atrium.core.room.Rooms coreRooms;
  private final Accounts accounts;
  private final Users users;
  private final Sessions sessions;
  private final Transactor tx;
  private final InstantSource clock;
  private final RandomGenerator random;

  public GuestLinks(SpaceRoomStore store, SpaceRooms rooms, dev.atrium.core.room.Rooms coreRooms, Accounts accounts,
      Users users, Sessions sessions, Transactor tx, InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.rooms = rooms;
    this.coreRooms = coreRooms;
    this.accounts = accounts;
    this.users = users;
    this.sessions = sessions;
    this.tx = tx;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Makes a guest link to the room, in one transaction: the guest account (new, or the one of the external user id
   * in this space), its room role (GUEST or MODERATOR) and its session. Only a current owner or moderator of the
   * room may; a room the actor cannot see is NotFound.
   */
  public Grant generate(User actor, String spaceId, String roomId, Request request) {
    String name = name(request.username());
    require(request.role() == RoomRole.GUEST || request.role() == RoomRole.MODERATOR,
        "role must be user or moderator");
    long ttl = request.ttlSeconds() == null ? DEFAULT_TTL.toSeconds() : request.ttlSeconds();
    require(ttl > 0, "ttl must be a positive number of seconds");
    require(ttl <= MAX_TTL.toSeconds(), "ttl must be at most " + MAX_TTL.toSeconds() + " seconds");
    String external = request.externalUserId() == null || request.externalUserId().isEmpty() ? null
        : request.externalUserId();
    require(external == null || external.length() <= MAX_EXTERNAL_ID_LENGTH,
        "externalUserId must be at most " + MAX_EXTERNAL_ID_LENGTH + " characters long");
    require(external == null || external.codePoints().noneMatch(Character::isISOControl),
        "externalUserId must not contain control characters");
    String email = UserChecks.email(request.email());
    String phone = request.phone() == null || request.phone().isEmpty() ? null : request.phone();
    require(phone == null || PHONE.matcher(phone).matches(), "phone is not a phone number");
    return tx.inTransaction(() -> {
      SpaceRooms.Placed room = rooms.visible(actor, spaceId, roomId);
      RoomRole own = rooms.roleOf(actor, room.room().id()).orElse(RoomRole.GUEST);
      if (own != RoomRole.OWNER && own != RoomRole.MODERATOR) {
        throw AtriumException.forbidden("Only the creator or a moderator of room " + room.room().id()
            + " can generate access to it");
      }
      Optional<Long> known = external == null ? Optional.empty() : store.guest(spaceId, external);
      User guest;
      if (known.isPresent()) {
        guest = users.get(known.get());
        if (!guest.enabled()) {
          throw AtriumException.forbidden("The guest of externalUserId " + external + " is disabled");
        }
      } else {
        guest = newGuest(name, email, phone);
        if (external != null) {
          store.insertGuest(spaceId, external, guest.id(), clock.instant());
        }
      }
      coreRooms.setRole(actor, room.room().id(), guest.id(), request.role());
      Instant expiresAt = clock.instant().plusSeconds(ttl);
      // the session is in the link's space, as a session names the space it was opened in
      Sessions.Minted minted = sessions.openUntil(guest.id(), spaceId, expiresAt);
      if (!request.permanent()) {
        store.insertOnce(minted.session().id(), expiresAt);
      }
      return new Grant(guest, room, minted, expiresAt, request.permanent());
    });
  }

  /**
   * Spends a one-time link's session on its first use: true for exactly one of any number of concurrent callers,
   * and the session ends with it (so the link's token is refused from the next request on).
   */
  public boolean spendOnce(long userId, String sessionId) {
    return tx.inTransaction(() -> {
      if (!store.consumeOnce(sessionId)) {
        return false;
      }
      sessions.end(userId, sessionId);
      return true;
    });
  }

  private User newGuest(String name, @Nullable String email, @Nullable String phone) {
    StringBuilder username = new StringBuilder("guest-");
    for (int i = 0; i < 12; i++) {
      username.append(USERNAME_ALPHABET.charAt(random.nextInt(USERNAME_ALPHABET.length())));
    }
    Profile profile = Profile.builder().displayName(name).mobilePhone(phone).build();
    return accounts.registerGuest(accounts.prepare(new NewUser(username.toString(), email, profile,
        AccountType.NORMAL, Set.of(), new NewUser.Password.None(), false)));
  }

  private static String name(@Nullable String username) {
    if (username == null || username.isBlank()) {
      throw AtriumException.invalid("username is required");
    }
    String stripped = username.strip();
    require(stripped.length() <= MAX_NAME_LENGTH, "username must be at most " + MAX_NAME_LENGTH + " characters long");
    require(stripped.codePoints().noneMatch(Character::isISOControl), "username must not contain control characters");
    return stripped;
  }
}
