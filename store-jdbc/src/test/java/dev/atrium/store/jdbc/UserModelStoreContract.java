package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.fullProfile;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static dev.atrium.store.jdbc.schema.Tables.USER_PARAMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.badge.Badge;
import dev.atrium.core.contact.Connection;
import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.session.Session;
import dev.atrium.core.settings.DeviceApplication;
import dev.atrium.core.settings.DeviceSettings;
import dev.atrium.core.settings.NetworkState;
import dev.atrium.core.settings.SessionDevice;
import dev.atrium.core.settings.UserSettings;
import dev.atrium.core.social.SocialAccount;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceInvite;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Identity;
import dev.atrium.core.user.IdentityType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserCounters;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.ZAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the stores of the Roomful user model must do, on every {@link Backend}: the new columns of a user,
 * params, z-addresses, settings, device settings, network states, spaces, social accounts, badges, counters.
 * Each test starts on empty tables (the default space stays).
 */
abstract class UserModelStoreContract extends DatabaseTest {
  JdbcUserStore users;
  JdbcSessionStore sessions;
  JdbcUserDataStore data;
  JdbcSettingsStore settings;
  JdbcSpaceStore spaces;
  JdbcSocialAccountStore social;
  JdbcBadgeStore badges;
  JdbcRoomStore rooms;
  JdbcConnectionStore connections;
  JdbcCounterStore counters;
  User ada;
  User bob;

  UserModelStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    users = new JdbcUserStore(tx);
    sessions = new JdbcSessionStore(tx);
    data = new JdbcUserDataStore(tx);
    settings = new JdbcSettingsStore(tx);
    spaces = new JdbcSpaceStore(tx);
    social = new JdbcSocialAccountStore(tx);
    badges = new JdbcBadgeStore(tx);
    rooms = new JdbcRoomStore(tx);
    connections = new JdbcConnectionStore(tx);
    counters = new JdbcCounterStore(tx);
    ada = insert("ada");
    bob = insert("bob");
  }

  User insert(String username) {
    User u = user(userId(users.nextSequence()), username, username + "@example.com", names(username, "Test"));
    tx.run(() -> users.insert(u));
    return u;
  }

  Session session(long userId, String id, Instant expires, boolean revoked) {
    Session s = new Session(id, "hash-" + id, userId, Session.Kind.SESSION, "roomful", null, T0, T0, expires, revoked);
    tx.run(() -> sessions.insert(s));
    return s;
  }

  @Nested
  class UserColumns {
    @Test
    void everyNewField_roundTrips() {
      User u = User.builder().id(userId(users.nextSequence())).username("persona").profile(fullProfile())
          .status(UserStatus.ENABLED).roles(Set.of(Roles.INDIVIDUAL)).createdAt(T0).createdBy("ada").isNew(true)
          .avatarVersion(2).avatar("https://cdn.example.com/a.png")
          .avatar3D(new Avatar3D("asset-1", Map.of("hair", "red", "shirt", "blue"), "https://models.example.com/a.glb",
              "rpm-7"))
          .identity(new Identity(IdentityType.VSSID, "ada@", "zs1abc")).ownerId(ada.id()).build();
      tx.run(() -> users.insert(u));
      assertThat(users.byId(u.id())).contains(u);
      assertThat(u.profile().birthday()).isEqualTo("1815-12-10");
    }

    @Test
    void anEmptyAvatar3D_isNoAvatar3D() {
      User u = ada.withAvatar3D(new Avatar3D("", Map.of(), " ", null), T0);
      assertThat(u.avatar3D()).isNull();
      tx.run(() -> users.update(u));
      assertThat(users.byId(ada.id()).orElseThrow().avatar3D()).isNull();
    }

    @Test
    void personasOf_listsTheOwnedAccountsOldestFirst_andMovePersonasHandsThemOver() {
      User p1 = persona("p1", ada.id(), T0.plusSeconds(1));
      User p2 = persona("p2", ada.id(), T0);
      assertThat(users.personasOf(ada.id())).containsExactly(p2, p1);
      assertThat(users.personasOf(bob.id())).isEmpty();

      assertThat(tx.inTransaction(() -> users.movePersonas(ada.id(), bob.id()))).isEqualTo(2);

      assertThat(users.personasOf(ada.id())).isEmpty();
      assertThat(users.personasOf(bob.id())).extracting(User::ownerId).containsExactly(bob.id(), bob.id());
    }

    User persona(String username, long ownerId, Instant created) {
      User u = User.builder().id(userId(users.nextSequence())).username(username).profile(names(username, null))
          .status(UserStatus.ENABLED).roles(Set.of(Roles.INDIVIDUAL)).createdAt(created).createdBy("ada").isNew(true)
          .ownerId(ownerId).build();
      tx.run(() -> users.insert(u));
      return u;
    }
  }

  @Nested
  class Params {
    @Test
    void none_isEmpty() {
      assertThat(data.params(ada.id())).isEmpty();
    }

    @Test
    void setParams_storesNestedValues_andReadsThemBackNormalised() {
      Map<String, Object> nested = new LinkedHashMap<>();
      nested.put("url", "https://zoom.example.com/j/1");
      nested.put("tags", Arrays.asList("a", null, 3L, 2.5, true));
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("zoom", nested);
      params.put("count", 7L);
      params.put("huge", new BigInteger("123456789012345678901234567890"));
      params.put("ok", false);
      var stored = dev.atrium.core.JsonData.copyOf(params, "params");
      tx.run(() -> data.setParams(ada.id(), stored));
      assertThat(data.params(ada.id())).isEqualTo(stored);
      assertThat(data.params(ada.id()).get("count")).isInstanceOf(Long.class);
      assertThat(data.params(bob.id())).isEmpty();
    }

    @Test
    void setParams_replaces_andAnEmptyMapRemovesTheRow() {
      tx.run(() -> data.setParams(ada.id(), Map.of("a", 1L)));
      tx.run(() -> data.setParams(ada.id(), Map.of("b", "two")));
      assertThat(data.params(ada.id())).isEqualTo(Map.of("b", "two"));
      tx.run(() -> data.setParams(ada.id(), Map.of()));
      assertThat(data.params(ada.id())).isEmpty();
      assertThat(database.dsl().fetchCount(USER_PARAMS)).isZero();
    }
  }

  @Nested
  class ZAddresses {
    @Test
    void listsTheUsersAddressesNewestFirst_andPutUpdatesByAddress() {
      ZAddress older = new ZAddress(ada.id(), "zs1old", "laptop", T0);
      ZAddress newer = new ZAddress(ada.id(), "zs1new", "phone", T0.plusSeconds(5));
      tx.run(() -> {
        data.putZAddress(older);
        data.putZAddress(newer);
        data.putZAddress(new ZAddress(bob.id(), "zs1bob", "bob's", T0));
      });
      assertThat(data.zAddresses(ada.id())).containsExactly(newer, older);

      ZAddress retitled = new ZAddress(ada.id(), "zs1old", "old laptop", T0);
      tx.run(() -> data.putZAddress(retitled));
      assertThat(data.zAddresses(ada.id())).containsExactly(newer, retitled);
      assertThat(data.zAddress("zs1old")).contains(retitled);
      assertThat(data.zAddress("zs1none")).isEmpty();
    }

    @Test
    void moveZAddresses_handsEveryAddressOver() {
      tx.run(() -> {
        data.putZAddress(new ZAddress(ada.id(), "zs1a", "a", T0));
        data.putZAddress(new ZAddress(ada.id(), "zs1b", "b", T0.plusSeconds(1)));
      });
      assertThat(tx.inTransaction(() -> data.moveZAddresses(ada.id(), bob.id()))).isEqualTo(2);
      assertThat(data.zAddresses(ada.id())).isEmpty();
      assertThat(data.zAddresses(bob.id())).extracting(ZAddress::zAddress).containsExactly("zs1b", "zs1a");
    }
  }

  @Nested
  class Settings {
    @Test
    void settings_roundTrip_andPutReplaces() {
      assertThat(settings.settings(ada.id())).isEmpty();
      UserSettings first = new UserSettings(new UserSettings.Email(true),
          new UserSettings.Navigation(2, 0.25, 3.5, 1, 2), 4);
      tx.run(() -> settings.putSettings(ada.id(), first));
      assertThat(settings.settings(ada.id())).contains(first);
      tx.run(() -> settings.putSettings(ada.id(), UserSettings.DEFAULT));
      assertThat(settings.settings(ada.id())).contains(UserSettings.DEFAULT);
      assertThat(settings.settings(bob.id())).isEmpty();
    }

    @Test
    void devices_arePerSession_liveOnesListed_andGoWithTheirSession() {
      session(ada.id(), "s-live", T0.plusSeconds(3600), false);
      session(ada.id(), "s-revoked", T0.plusSeconds(3600), true);
      session(ada.id(), "s-expired", T0.plusSeconds(10), false);
      SessionDevice live = new SessionDevice("s-live", ada.id(),
          new DeviceSettings(120, "en-GB", 1, "push-token", DeviceApplication.VALUSOCIAL), T0);
      tx.run(() -> {
        settings.putDevice(live);
        settings.putDevice(new SessionDevice("s-revoked", ada.id(), DeviceSettings.NONE, T0));
        settings.putDevice(new SessionDevice("s-expired", ada.id(), DeviceSettings.NONE, T0));
      });
      assertThat(settings.device("s-live")).contains(live);
      assertThat(settings.device("s-revoked")).contains(new SessionDevice("s-revoked", ada.id(), DeviceSettings.NONE,
          T0));
      assertThat(settings.liveDevices(ada.id(), T0.plusSeconds(60).toEpochMilli())).containsExactly(live);

      SessionDevice replaced = new SessionDevice("s-live", ada.id(),
          new DeviceSettings(null, "de", null, null, DeviceApplication.ROOMFUL), T0.plusSeconds(1));
      tx.run(() -> settings.putDevice(replaced));
      assertThat(settings.device("s-live")).contains(replaced);

      tx.run(() -> sessions.deleteExpiredBefore(T0.plusSeconds(60)));
      assertThat(settings.device("s-expired")).isEmpty();
    }

    @Test
    void networkState_upsertsPerUserAndNetwork() {
      assertThat(settings.networkState(ada.id(), Space.DEFAULT_ID)).isEmpty();
      NetworkState first = new NetworkState(ada.id(), Space.DEFAULT_ID, null, Map.of("lastRoom", "r1"), T0);
      tx.run(() -> settings.putNetworkState(first));
      assertThat(settings.networkState(ada.id(), Space.DEFAULT_ID)).contains(first);

      Space sub = new Space("sub-1", "Sub", SpaceType.PUBLIC, true, Space.DEFAULT_ID, ada.id(), T0);
      tx.run(() -> spaces.insert(sub));
      NetworkState second = new NetworkState(ada.id(), Space.DEFAULT_ID, "sub-1", Map.of(), T0.plusSeconds(2));
      tx.run(() -> settings.putNetworkState(second));
      assertThat(settings.networkState(ada.id(), Space.DEFAULT_ID)).contains(second);
      assertThat(settings.networkState(bob.id(), Space.DEFAULT_ID)).isEmpty();
    }
  }

  @Nested
  class Spaces {
    @Test
    void theDefaultSpace_existsAfterMigration_publicAndOwnerless() {
      Space roomful = spaces.byId(Space.DEFAULT_ID).orElseThrow();
      assertThat(roomful.isPublic()).isTrue();
      assertThat(roomful.ownerId()).isNull();
      assertThat(roomful.parentId()).isNull();
      assertThat(roomful.type()).isEqualTo(SpaceType.PUBLIC);
    }

    @Test
    void insert_children_andMembers() {
      Space a = new Space("s-a", "A", SpaceType.MATCHMAKING, false, Space.DEFAULT_ID, ada.id(), T0.plusSeconds(1));
      Space b = new Space("s-b", "B", SpaceType.HUMANITY, true, Space.DEFAULT_ID, null, T0);
      tx.run(() -> {
        spaces.insert(a);
        spaces.insert(b);
      });
      assertThat(spaces.byId("s-a")).contains(a);
      assertThat(spaces.children(Space.DEFAULT_ID)).containsExactly(b, a);
      assertThat(spaces.byId("nope")).isEmpty();

      SpaceMember owner = new SpaceMember("s-a", ada.id(), SpaceRole.OWNER, T0);
      SpaceMember user = new SpaceMember("s-a", bob.id(), SpaceRole.USER, T0.plusSeconds(1));
      tx.run(() -> {
        spaces.putMember(owner);
        spaces.putMember(user);
        spaces.putMember(new SpaceMember("s-b", bob.id(), SpaceRole.MODERATOR, T0));
      });
      assertThat(spaces.members("s-a")).containsExactly(owner, user);
      assertThat(spaces.membershipsOf(bob.id())).extracting(SpaceMember::spaceId).containsExactly("s-b", "s-a");
      assertThat(spaces.spacesOf(bob.id())).extracting(Space::id).containsExactly("s-b", "s-a");

      SpaceMember promoted = new SpaceMember("s-a", bob.id(), SpaceRole.MODERATOR, T0.plusSeconds(1));
      tx.run(() -> spaces.putMember(promoted));
      assertThat(spaces.member("s-a", bob.id())).contains(promoted);

      assertThat(tx.inTransaction(() -> spaces.removeMember("s-a", bob.id()))).isTrue();
      assertThat(tx.inTransaction(() -> spaces.removeMember("s-a", bob.id()))).isFalse();
      assertThat(spaces.members("s-a")).containsExactly(owner);
    }

    @Test
    void insert_duplicateId_isAConflict() {
      Space a = new Space("s-a", "A", SpaceType.PUBLIC, true, null, null, T0);
      tx.run(() -> spaces.insert(a));
      assertThatThrownBy(() -> tx.run(() -> spaces.insert(a))).isInstanceOf(AtriumException.Conflict.class);
    }

    @Test
    void details_areStored_updated_andCleared() {
      Space a = new Space("s-a", "A", SpaceType.PUBLIC, false, null, ada.id(), T0, "About A",
          "https://example.test/a.png");
      Space plain = new Space("s-b", "B", SpaceType.PUBLIC, true, null, null, T0);
      tx.run(() -> {
        spaces.insert(a);
        spaces.insert(plain);
      });
      assertThat(spaces.byId("s-a")).contains(a);
      assertThat(spaces.byId("s-b")).contains(plain);
      assertThat(plain.description()).isNull();

      Space changed = a.withDetails("A2", true, "x".repeat(4000), null);
      assertThat(tx.inTransaction(() -> spaces.update(changed))).isTrue();
      assertThat(spaces.byId("s-a")).contains(changed);
      assertThat(tx.inTransaction(() -> spaces.lock("s-a"))).contains(changed);
      assertThat(tx.inTransaction(() -> spaces.lock("nope"))).isEmpty();
      assertThat(tx.inTransaction(() -> spaces.update(changed.withDetails("C", true, null, null)))).isTrue();
      assertThat(tx.inTransaction(() -> spaces.update(new Space("nope", "N", SpaceType.PUBLIC, true, null, null,
          T0)))).isFalse();
    }

    @Test
    void delete_takesTheMembersAndInvites_andNoOtherSpaces() {
      Space a = new Space("s-a", "A", SpaceType.PUBLIC, true, null, ada.id(), T0);
      Space b = new Space("s-b", "B", SpaceType.PUBLIC, true, null, ada.id(), T0);
      tx.run(() -> {
        spaces.insert(a);
        spaces.insert(b);
        spaces.putMember(new SpaceMember("s-a", ada.id(), SpaceRole.OWNER, T0));
        spaces.putMember(new SpaceMember("s-b", ada.id(), SpaceRole.OWNER, T0));
        spaces.insertInvite(new SpaceInvite("i-a", "s-a", SpaceRole.USER, ada.id(), T0, null, null));
        spaces.insertInvite(new SpaceInvite("i-b", "s-b", SpaceRole.USER, ada.id(), T0, null, null));
      });
      assertThat(tx.inTransaction(() -> spaces.delete("s-a"))).isTrue();
      assertThat(tx.inTransaction(() -> spaces.delete("s-a"))).isFalse();
      assertThat(spaces.byId("s-a")).isEmpty();
      assertThat(spaces.members("s-a")).isEmpty();
      assertThat(spaces.invites("s-a")).isEmpty();
      assertThat(spaces.members("s-b")).hasSize(1);
      assertThat(spaces.invites("s-b")).extracting(SpaceInvite::id).containsExactly("i-b");
      assertThat(spaces.membershipsOf(ada.id())).extracting(SpaceMember::spaceId).containsExactly("s-b");
    }

    @Test
    void invites_byIdInTheirSpace_oldestFirst_activatedOnce_deleted() {
      Space a = new Space("s-a", "A", SpaceType.PUBLIC, false, null, ada.id(), T0);
      Space b = new Space("s-b", "B", SpaceType.PUBLIC, false, null, ada.id(), T0);
      SpaceInvite later = new SpaceInvite("i-1", "s-a", SpaceRole.MODERATOR, ada.id(), T0.plusSeconds(5), null,
          null);
      SpaceInvite first = new SpaceInvite("i-2", "s-a", SpaceRole.USER, ada.id(), T0, null, null);
      tx.run(() -> {
        spaces.insert(a);
        spaces.insert(b);
        spaces.insertInvite(later);
        spaces.insertInvite(first);
      });
      assertThat(spaces.invites("s-a")).containsExactly(first, later);
      assertThat(spaces.invites("s-b")).isEmpty();
      assertThat(spaces.invite("s-a", "i-1")).contains(later);
      assertThat(spaces.invite("s-b", "i-1")).isEmpty();
      assertThat(spaces.invite("s-a", "nope")).isEmpty();

      assertThat(tx.inTransaction(() -> spaces.activateInvite("i-1", bob.id(), T0.plusSeconds(9)))).isTrue();
      assertThat(tx.inTransaction(() -> spaces.activateInvite("i-1", ada.id(), T0.plusSeconds(10)))).isFalse();
      assertThat(tx.inTransaction(() -> spaces.activateInvite("nope", ada.id(), T0))).isFalse();
      SpaceInvite used = spaces.invite("s-a", "i-1").orElseThrow();
      assertThat(used).isEqualTo(new SpaceInvite("i-1", "s-a", SpaceRole.MODERATOR, ada.id(), T0.plusSeconds(5),
          bob.id(), T0.plusSeconds(9)));
      assertThat(used.used()).isTrue();

      assertThat(tx.inTransaction(() -> spaces.deleteInvite("s-b", "i-1"))).isFalse();
      assertThat(tx.inTransaction(() -> spaces.deleteInvite("s-a", "i-1"))).isTrue();
      assertThat(tx.inTransaction(() -> spaces.deleteInvite("s-a", "i-1"))).isFalse();
      assertThat(spaces.invites("s-a")).containsExactly(first);
    }

    @Test
    void invite_keepsItsRecord_whenItsUsersAreDeleted() {
      Space a = new Space("s-a", "A", SpaceType.PUBLIC, false, null, null, T0);
      tx.run(() -> {
        spaces.insert(a);
        spaces.insertInvite(new SpaceInvite("i-1", "s-a", SpaceRole.USER, ada.id(), T0, null, null));
        spaces.activateInvite("i-1", bob.id(), T0.plusSeconds(1));
      });
      tx.run(() -> database.dsl().execute("delete from users where id in (" + ada.id() + ", " + bob.id() + ")"));
      assertThat(spaces.invite("s-a", "i-1")).contains(new SpaceInvite("i-1", "s-a", SpaceRole.USER, null, T0, null,
          T0.plusSeconds(1)));
    }
  }

  @Nested
  class SocialAccounts {
    @Test
    void insert_byAccount_of_update_delete() {
      SocialAccount google = new SocialAccount(ada.id(), SocialKind.GOOGLE, "g-1", null, T0);
      SocialAccount verus = new SocialAccount(ada.id(), SocialKind.VERUS, "i-1", "ada@", T0.plusSeconds(1));
      SocialAccount apple = new SocialAccount(ada.id(), SocialKind.APPLE, "a-1", null, T0.plusSeconds(2));
      tx.run(() -> {
        social.insert(verus);
        social.insert(google);
        social.insert(apple);
      });
      assertThat(social.of(ada.id())).containsExactly(google, apple, verus);
      assertThat(social.byAccount(SocialKind.GOOGLE, "g-1")).contains(google);
      assertThat(social.byAccount(SocialKind.FACEBOOK, "g-1")).isEmpty();

      SocialAccount renamed = new SocialAccount(ada.id(), SocialKind.VERUS, "i-1", "lovelace@", verus.linkedAt());
      tx.run(() -> social.update(renamed));
      assertThat(social.byAccount(SocialKind.VERUS, "i-1")).contains(renamed);

      assertThat(tx.inTransaction(() -> social.delete(ada.id(), SocialKind.GOOGLE))).isTrue();
      assertThat(tx.inTransaction(() -> social.delete(ada.id(), SocialKind.GOOGLE))).isFalse();
      assertThat(social.of(ada.id())).containsExactly(apple, renamed);
    }

    @Test
    void oneAccountBelongsToOneUser_andAUserHasOneAccountPerKind() {
      tx.run(() -> social.insert(new SocialAccount(ada.id(), SocialKind.GOOGLE, "g-1", null, T0)));
      var before = snapshot();
      assertThatThrownBy(() -> tx.run(() -> social.insert(new SocialAccount(bob.id(), SocialKind.GOOGLE, "g-1", null,
          T0)))).isInstanceOf(AtriumException.Conflict.class);
      assertThatThrownBy(() -> tx.run(() -> social.insert(new SocialAccount(ada.id(), SocialKind.GOOGLE, "g-2", null,
          T0)))).isInstanceOf(AtriumException.Conflict.class);
      assertThat(snapshot()).isEqualTo(before);
      tx.run(() -> social.insert(new SocialAccount(bob.id(), SocialKind.FACEBOOK, "g-1", null, T0)));
      assertThat(social.of(bob.id())).hasSize(1);
    }
  }

  @Nested
  class Badges {
    Badge badge(String id, long userId, String type, Instant at) {
      Badge b = new Badge(id, userId, type, Map.of("level", 1L), at, at);
      tx.run(() -> badges.insert(b));
      return b;
    }

    @Test
    void insert_update_byId_of_ofUser_delete() {
      Badge gold = badge("b-1", ada.id(), "gold", T0);
      Badge early = badge("b-2", ada.id(), "early", T0.plusSeconds(1));
      assertThat(badges.byId("b-1")).contains(gold);
      assertThat(badges.of(ada.id(), "early")).contains(early);
      assertThat(badges.of(bob.id(), "early")).isEmpty();
      assertThat(badges.ofUser(ada.id())).containsExactly(gold, early);

      Badge changed = new Badge("b-1", ada.id(), "gold", Map.of("level", 2L, "why", "speaker"), T0,
          T0.plusSeconds(9));
      tx.run(() -> badges.update(changed));
      assertThat(badges.byId("b-1")).contains(changed);

      assertThat(tx.inTransaction(() -> badges.delete("b-1"))).isTrue();
      assertThat(tx.inTransaction(() -> badges.delete("b-1"))).isFalse();
      assertThat(badges.ofUser(ada.id())).containsExactly(early);
    }

    @Test
    void aUserHoldsOneBadgeOfAType() {
      badge("b-1", ada.id(), "gold", T0);
      assertThatThrownBy(() -> badge("b-2", ada.id(), "gold", T0)).isInstanceOf(AtriumException.Conflict.class);
    }

    @Test
    void ofType_pagesEveryUsersBadges_byCreationThenId() {
      List<User> holders = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        holders.add(insert("holder" + i));
      }
      // b-3 and b-1 share a creation time: the id breaks the tie.
      badge("b-3", holders.get(0).id(), "gold", T0);
      badge("b-1", holders.get(1).id(), "gold", T0);
      badge("b-0", holders.get(2).id(), "gold", T0.plusSeconds(1));
      badge("b-2", holders.get(3).id(), "silver", T0);
      badge("b-4", holders.get(4).id(), "gold", T0.minusSeconds(1));
      assertThat(badges.ofType("gold", 0, 2)).extracting(Badge::id).containsExactly("b-4", "b-1");
      assertThat(badges.ofType("gold", 2, 2)).extracting(Badge::id).containsExactly("b-3", "b-0");
      assertThat(badges.ofType("gold", 4, 2)).isEmpty();
      assertThat(badges.ofType("bronze", 0, 20)).isEmpty();
    }

    @Test
    void move_handsOverTheBadges_butKeepsIntosOwnOfATypeBothHold() {
      badge("b-1", ada.id(), "gold", T0);
      Badge adaEarly = badge("b-2", ada.id(), "early", T0);
      Badge bobEarly = badge("b-3", bob.id(), "early", T0.plusSeconds(1));
      assertThat(tx.inTransaction(() -> badges.move(ada.id(), bob.id()))).isEqualTo(1);
      assertThat(badges.ofUser(ada.id())).isEmpty();
      assertThat(badges.ofUser(bob.id())).extracting(Badge::id).containsExactly("b-1", "b-3");
      assertThat(badges.byId(adaEarly.id())).isEmpty();
      assertThat(badges.byId(bobEarly.id())).contains(bobEarly);
    }
  }

  @Nested
  class Counters {
    @Test
    void counters_countPublicActiveRoomsAndConnectionsByDirection() {
      User cy = insert("cy");
      User dan = insert("dan");
      User eve = insert("eve");
      SplittableRandom random = new SplittableRandom(3);
      String open = room(random, RoomKind.ROOM, true, true);
      String open2 = room(random, RoomKind.ROOM, true, true);
      String closed = room(random, RoomKind.ROOM, false, true);
      String inactive = room(random, RoomKind.ROOM, true, false);
      String left = room(random, RoomKind.ROOM, true, true);
      tx.run(() -> {
        rooms.putMembership(Membership.joined(open, ada.id(), RoomRole.OWNER, T0));
        rooms.putMembership(Membership.joined(open2, ada.id(), RoomRole.MEMBER, T0));
        rooms.putMembership(Membership.joined(closed, ada.id(), RoomRole.MEMBER, T0));
        rooms.putMembership(Membership.joined(inactive, ada.id(), RoomRole.MEMBER, T0));
        rooms.putMembership(Membership.joined(left, ada.id(), RoomRole.MEMBER, T0).left(T0.plusSeconds(1)));
        connections.insert(new Connection(ada.id(), bob.id(), ConnectionStatus.ACCEPTED, T0, T0, 1));
        connections.insert(new Connection(cy.id(), ada.id(), ConnectionStatus.ACCEPTED, T0, T0, 1));
        connections.insert(new Connection(dan.id(), ada.id(), ConnectionStatus.PENDING, T0, T0, 1));
        connections.insert(new Connection(ada.id(), eve.id(), ConnectionStatus.PENDING, T0, T0, 1));
        connections.insert(new Connection(bob.id(), eve.id(), ConnectionStatus.PENDING, T0, T0, 1));
        connections.insert(new Connection(cy.id(), dan.id(), ConnectionStatus.REJECTED, T0, T0, 1));
      });
      assertThat(counters.counters(ada.id())).isEqualTo(new UserCounters(2, 2, 1, 1, 0, 0, 0));
      assertThat(counters.counters(eve.id())).isEqualTo(new UserCounters(0, 0, 2, 0, 0, 0, 0));
      assertThat(counters.counters(dan.id())).isEqualTo(new UserCounters(0, 0, 0, 1, 0, 0, 0));
    }

    String room(SplittableRandom random, RoomKind kind, boolean isPublic, boolean active) {
      String id = dev.atrium.core.room.RoomId.random(random);
      tx.run(() -> rooms.insert(Room.builder().id(id).kind(kind).name("room " + id).isPublic(isPublic)
          .discoverable(true).active(active).creatorId(ada.id()).createdAt(T0).build()));
      return id;
    }
  }

  @Nested
  class Sessions {
    @Test
    void revokeAllOfExcept_keepsOneSession() {
      session(ada.id(), "keep", T0.plusSeconds(3600), false);
      session(ada.id(), "other", T0.plusSeconds(3600), false);
      session(ada.id(), "gone", T0.plusSeconds(3600), true);
      session(bob.id(), "bobs", T0.plusSeconds(3600), false);
      assertThat(tx.inTransaction(() -> sessions.revokeAllOfExcept(ada.id(), "keep"))).containsExactly("other");
      assertThat(sessions.byTokenHash("hash-keep").orElseThrow().revoked()).isFalse();
      assertThat(sessions.byTokenHash("hash-other").orElseThrow().revoked()).isTrue();
      assertThat(sessions.byTokenHash("hash-bobs").orElseThrow().revoked()).isFalse();
    }
  }
}
