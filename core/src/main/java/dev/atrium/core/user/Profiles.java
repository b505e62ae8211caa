package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.JsonData;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a user changes about themselves (Roomful's {@code user:*} socket methods): profile, company, phone,
 * email, avatar string, 3D avatar, identity, the isNew flag, custom params and z-addresses; and the counters
 * Roomful shows. Each change is one transaction on the user's own account and publishes one event after
 * commit: {@code UserUpdated} for the fields {@code user:update} carries (params included: a params change
 * moves the user's {@code updatedAt}), {@code AvatarUpdated} for the avatar string, {@code Avatar3DChanged},
 * {@code ZAddressSet}. Self-service edits are not written to the audit log, which records administrators'
 * actions and account-level changes. A disabled user changes nothing ({@code Forbidden}).
 */
public final class Profiles {
  /** The longest avatar string. */
  public static final int MAX_AVATAR_LENGTH = 2048;
  /** The most z-addresses one user may register. */
  public static final int MAX_Z_ADDRESSES = 100;
  /** The longest params key. */
  public static final int MAX_PARAM_KEY_LENGTH = 256;
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

  private final UserStore users;
  private final UserDataStore data;
  private final CounterStore counters;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public Profiles(UserStore users, UserDataStore data, CounterStore counters, Transactor tx, Events events,
      InstantSource clock) {
    this.users = users;
    this.data = data;
    this.counters = counters;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  // ---- profile fields

  /** {@code user:editProfile}: names and Roomful's about fields, see {@link ProfileEdit}. */
  public User editProfile(long userId, ProfileEdit edit) {
    if (edit.privacyMode() != null) {
      UserChecks.privacyMode(edit.privacyMode());
    }
    return update(userId, user -> {
      Profile next = edit.applyTo(user.profile());
      UserChecks.profile(next);
      return user.withProfile(next, clock.instant());
    });
  }

  /** {@code user:changeCompanyInfo}: a {@code null} keeps the value, an empty string clears it. */
  public User changeCompanyInfo(long userId, @Nullable String companyName, @Nullable String companyTitle) {
    return update(userId, user -> {
      Profile p = user.profile();
      Profile next = p.withCompany(ProfileEdit.or(companyName, p.companyName()),
          ProfileEdit.or(companyTitle, p.companyTitle()));
      UserChecks.profile(next);
      return user.withProfile(next, clock.instant());
    });
  }

  /** {@code user:changePhone}: Roomful's phone number is the mobile phone; an empty string clears it. */
  public User changePhone(long userId, String phoneNumber) {
    require(phoneNumber.length() <= Profile.MAX_FIELD_LENGTH,
        "The phone number must be at most " + Profile.MAX_FIELD_LENGTH + " characters long");
    return update(userId, user -> user.withProfile(
        user.profile().withMobilePhone(phoneNumber.isBlank() ? null : phoneNumber.strip()), clock.instant()));
  }

  /**
   * {@code user:changeAvatar}: an http(s) URL or a resource id (letters, digits, '.', '_', ':', '-'); an empty
   * string clears it, and Roomful then shows the uploaded picture if there is one. Publishes
   * {@code AvatarUpdated}.
   */
  public User changeAvatar(long userId, String avatar) {
    String value = avatar.strip();
    require(value.length() <= MAX_AVATAR_LENGTH, "avatar must be at most " + MAX_AVATAR_LENGTH + " characters long");
    require(value.isEmpty() || isHttpUrl(value) || RESOURCE_ID.matcher(value).matches(),
        "avatar must be an http(s) URL or a resource id");
    return tx.inTransaction(() -> {
      User changed = own(userId).withAvatar(value, clock.instant());
      users.update(changed);
      events.publish(new DomainEvent.AvatarUpdated(changed, changed.updatedAt()));
      return changed;
    });
  }

  /** {@code user:changeAvatar3D}: replaces the 3D avatar; {@code null} or an empty one removes it. */
  public User changeAvatar3D(long userId, @Nullable Avatar3D avatar3D) {
    Avatar3D value = avatar3D == null || avatar3D.isEmpty() ? null : avatar3D.checked();
    return tx.inTransaction(() -> {
      User changed = own(userId).withAvatar3D(value, clock.instant());
      users.update(changed);
      events.publish(new DomainEvent.Avatar3DChanged(changed, changed.updatedAt()));
      return changed;
    });
  }

  /** Sets the user's identity; a Verus login calls this once it has verified the identity. */
  public User setIdentity(long userId, Identity identity) {
    identity.checked();
    return update(userId, user -> user.withIdentity(identity, clock.instant()));
  }

  /** {@code user:setUserIsNotNew}: the client has shown its first-time screens. */
  public User setNotNew(long userId) {
    return update(userId, user -> user.withNotNew(clock.instant()));
  }

  // ---- params

  /**
   * {@code user:getUserParams}: the params of {@code targetUserId}. Params are public to every signed-in user
   * (Roomful's example is a link to the user's Zoom room, there to be followed by others); only the params of
   * an unknown or disabled user are {@code NotFound}, except one's own.
   */
  public Map<String, @Nullable Object> params(long viewerId, long targetUserId) {
    User target = users.byId(targetUserId).filter(u -> u.enabled() || u.id() == viewerId)
        .orElseThrow(() -> AtriumException.notFound("User " + targetUserId + " not found"));
    return data.params(target.id());
  }

  /**
   * {@code user:setUserParams}: each key given replaces that key, a {@code null} value removes it, the other
   * keys stay. The params afterwards must fit {@link JsonData#MAX_BYTES} as JSON. Returns them, and publishes
   * {@code UserUpdated}.
   */
  public Map<String, @Nullable Object> setParams(long userId, Map<String, ? extends @Nullable Object> changes) {
    changes.keySet().forEach(key -> require(!key.isEmpty() && key.length() <= MAX_PARAM_KEY_LENGTH,
        "params keys must be 1 to " + MAX_PARAM_KEY_LENGTH + " characters long"));
    Map<String, @Nullable Object> given = JsonData.copyOf(changes, "params");
    return tx.inTransaction(() -> {
      User user = own(userId);
      Map<String, @Nullable Object> next = new LinkedHashMap<>(data.params(userId));
      given.forEach((key, value) -> {
        if (value == null) {
          next.remove(key);
        } else {
          next.put(key, value);
        }
      });
      Map<String, @Nullable Object> checked = JsonData.copyOf(next, "params");
      data.setParams(userId, checked);
      store(user, user.touched(clock.instant()));
      return checked;
    });
  }

  // ---- z-addresses

  /** {@code user:listZAddresses}: the newest first. */
  public List<ZAddress> zAddresses(long userId) {
    return data.zAddresses(userId);
  }

  /**
   * {@code user:setZAddress}: registers the address with its client's title, or retitles the user's own
   * registration of it (the creation time stays). An address registered by another user is {@code Conflict};
   * more than {@link #MAX_Z_ADDRESSES} is {@code Invalid}. Publishes {@code ZAddressSet}.
   */
  public ZAddress setZAddress(long userId, String zAddress, String title) {
    String address = ZAddress.checkAddress(zAddress);
    String checkedTitle = ZAddress.checkTitle(title);
    return tx.inTransaction(() -> {
      own(userId);
      var existing = data.zAddress(address);
      if (existing.isPresent() && existing.get().userId() != userId) {
        throw AtriumException.conflict("The z-address is registered by another user");
      }
      if (existing.isEmpty()) {
        require(data.zAddresses(userId).size() < MAX_Z_ADDRESSES,
            "A user may register at most " + MAX_Z_ADDRESSES + " z-addresses");
      }
      Instant created = existing.map(ZAddress::createdAt).orElseGet(clock::instant);
      ZAddress z = new ZAddress(userId, address, checkedTitle, created);
      data.putZAddress(z);
      events.publish(new DomainEvent.ZAddressSet(z, clock.instant()));
      return z;
    });
  }

  // ---- counters

  /** The user's counters, see {@link UserCounters}. */
  public UserCounters counters(long userId) {
    return counters.counters(userId);
  }

  // ---- helpers

  private User update(long userId, UnaryOperator<User> mutation) {
    return tx.inTransaction(() -> {
      User user = own(userId);
      return store(user, mutation.apply(user));
    });
  }

  /** Writes the changed user and publishes {@code UserUpdated}; joins the caller's transaction. */
  private User store(User before, User after) {
    users.update(after);
    events.publish(new DomainEvent.UserUpdated(before, after, after.updatedAt()));
    return after;
  }

  /**
   * The user, who must be enabled to change anything of theirs, locked until the transaction ends: every change
   * here reads the user (or their params) and writes it back, and two at once must not lose either.
   */
  private User own(long userId) {
    User user = users.lock(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
    if (!user.enabled()) {
      throw AtriumException.forbidden("User " + userId + " is disabled");
    }
    return user;
  }

  private static boolean isHttpUrl(String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
