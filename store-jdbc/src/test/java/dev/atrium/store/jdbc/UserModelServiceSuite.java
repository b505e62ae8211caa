package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.JsonData;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.badge.Badge;
import dev.atrium.core.badge.Badges;
import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.contact.Connections;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.merge.Merges;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.settings.DeviceApplication;
import dev.atrium.core.settings.DeviceSettings;
import dev.atrium.core.settings.Settings;
import dev.atrium.core.settings.UserSettings;
import dev.atrium.core.social.SocialAccount;
import dev.atrium.core.social.SocialAccounts;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceInvite;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Identity;
import dev.atrium.core.user.IdentityType;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Personas;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.ProfileEdit;
import dev.atrium.core.user.Profiles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.UserCounters;
import dev.atrium.core.user.UserSearch;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.core.user.ZAddress;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services of the Roomful user model ({@link Profiles}, {@link Settings}, {@link Spaces},
 * {@link SocialAccounts}, {@link Personas}, {@link Badges}, {@link Merges}, and the self-service paths of
 * {@link Users}) over the real JDBC stores, with a clock the tests move; run once per {@link Backend}. A refused
 * call is checked to leave every table as it was and to publish nothing.
 */
abstract class UserModelServiceSuite extends DatabaseTest {
  static final String PASSWORD = "user-password-1";

  FakeClock clock;
  List<DomainEvent> published;
  JdbcUserStore userStore;
  JdbcAuditLog audit;
  Sessions sessions;
  Users users;
  Accounts accounts;
  UserAdmin userAdmin;
  Profiles profiles;
  Settings settings;
  Spaces spaces;
  SocialAccounts social;
  Personas personas;
  Badges badges;
  Merges merges;
  Rooms rooms;
  Connections connections;
  User admin;
  User ann;
  User ben;

  @TempDir
  Path blobs;

  UserModelServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    clock = new FakeClock();
    Events events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    userStore = new JdbcUserStore(tx);
    audit = new JdbcAuditLog(tx);
    Passwords passwords = new Passwords(new FastPasswordHasher());
    sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock,
        new SplittableRandom(7), Duration.ofHours(8));
    users = new Users(userStore);
    accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    userAdmin = new UserAdmin(userStore, users, audit, tx, events, clock);
    JdbcUserDataStore data = new JdbcUserDataStore(tx);
    JdbcSocialAccountStore socialStore = new JdbcSocialAccountStore(tx);
    JdbcBadgeStore badgeStore = new JdbcBadgeStore(tx);
    JdbcRoomStore roomStore = new JdbcRoomStore(tx);
    JdbcConnectionStore connectionStore = new JdbcConnectionStore(tx);
    InformationBarriers barriers = new InformationBarriers(new JdbcBarrierStore(tx), audit, tx, events, clock,
        new SplittableRandom(13));
    profiles = new Profiles(userStore, data, new JdbcCounterStore(tx), tx, events, clock);
    spaces = new Spaces(new JdbcSpaceStore(tx), users, audit, tx, events, clock, new SplittableRandom(17));
    settings = new Settings(new JdbcSettingsStore(tx), userStore, spaces, tx, events, clock);
    social = new SocialAccounts(socialStore, userStore, audit, tx, events, clock);
    personas = new Personas(users, accounts, userStore, spaces, sessions, audit, tx, events, clock);
    badges = new Badges(badgeStore, users, audit, tx, events, clock, new SplittableRandom(19));
    merges = new Merges(userStore, data, roomStore, connectionStore, socialStore, badgeStore, sessions, audit, tx,
        events, clock);
    rooms = new Rooms(roomStore, users, barriers, audit, tx, events, clock, new SplittableRandom(11));
    connections = new Connections(connectionStore, users, barriers, tx, events, clock);
    admin = accounts.bootstrapAdmin("admin@atrium.test", "admin-password").orElseThrow();
    ann = create("ann");
    ben = create("ben");
    published.clear();
  }

  User create(String username) {
    return accounts.create(admin, new NewUser(username, username + "@example.com", names(username, "Last"),
        AccountType.NORMAL, Set.of(), new NewUser.Password.Plain(PASSWORD), false), List.of());
  }

  User reload(User u) {
    return userStore.byId(u.id()).orElseThrow();
  }

  /** Runs the call, which must be refused with the given error, and checks it changed and published nothing. */
  void refused(Class<? extends AtriumException> error, String message, Runnable call) {
    var before = snapshot();
    int events = published.size();
    assertThatThrownBy(call::run).isInstanceOf(error).hasMessageContaining(message);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).hasSize(events);
  }

  Principal login(User u) {
    return sessions.authenticate(sessions.loginWithPassword(u.username(), PASSWORD, "roomful", "device").token())
        .orElseThrow();
  }

  @Nested
  class ProfileFields {
    @Test
    void editProfile_aNullKeeps_anEmptyStringClears_andPublishesUserUpdated() {
      User first = profiles.editProfile(ann.id(), ProfileEdit.builder().firstName("Ann").lastName("Lee")
          .birthday("1990-02-03").hometown("Oslo").education("MIT").description("Builds things")
          .linkUrl("https://ann.example.com").privacyMode(1).build());
      User second = profiles.editProfile(ann.id(), ProfileEdit.builder().lastName("").education("").build());

      Profile p = reload(ann).profile();
      assertThat(p.firstName()).isEqualTo("Ann");
      assertThat(p.lastName()).isNull();
      assertThat(p.birthday()).isEqualTo("1990-02-03");
      assertThat(p.hometown()).isEqualTo("Oslo");
      assertThat(p.education()).isNull();
      assertThat(p.description()).isEqualTo("Builds things");
      assertThat(p.linkUrl()).isEqualTo("https://ann.example.com");
      assertThat(p.privacyMode()).isEqualTo(Profile.PRIVACY_INCOGNITO);
      assertThat(reload(ann)).isEqualTo(second);
      assertThat(published).hasSize(2).allMatch(e -> e instanceof DomainEvent.UserUpdated);
      assertThat(((DomainEvent.UserUpdated) published.get(1)).before()).isEqualTo(first);
    }

    @Test
    void editProfile_badValues_areRefused_andChangeNothing() {
      refused(AtriumException.Invalid.class, "privacyMode must be 0 (default) or 1 (incognito), got 2",
          () -> profiles.editProfile(ann.id(), ProfileEdit.builder().firstName("X").privacyMode(2).build()));
      refused(AtriumException.Invalid.class, "birthday must be at most 256",
          () -> profiles.editProfile(ann.id(), ProfileEdit.builder().birthday("1".repeat(257)).build()));
      refused(AtriumException.Invalid.class, "description must be at most 4000",
          () -> profiles.editProfile(ann.id(), ProfileEdit.builder().description("d".repeat(4001)).build()));
      refused(AtriumException.Invalid.class, "linkUrl must be at most 2048",
          () -> profiles.editProfile(ann.id(), ProfileEdit.builder().linkUrl("https://x/" + "a".repeat(2048)).build()));
      refused(AtriumException.NotFound.class, "not found",
          () -> profiles.editProfile(ann.id() + 1000, ProfileEdit.builder().firstName("X").build()));
    }

    @Test
    void aDisabledUser_changesNothing() {
      accounts.setStatus(admin, ann.id(), UserStatus.DISABLED);
      published.clear();
      refused(AtriumException.Forbidden.class, "is disabled", () -> profiles.changePhone(ann.id(), "+1 555"));
      refused(AtriumException.Forbidden.class, "is disabled", () -> profiles.setParams(ann.id(), Map.of("a", 1)));
    }

    @Test
    void companyAndPhone() {
      profiles.changeCompanyInfo(ann.id(), "Acme", "CTO");
      profiles.changeCompanyInfo(ann.id(), null, "");
      profiles.changePhone(ann.id(), " +47 555 0101 ");
      Profile p = reload(ann).profile();
      assertThat(p.companyName()).isEqualTo("Acme");
      assertThat(p.companyTitle()).isNull();
      assertThat(p.mobilePhone()).isEqualTo("+47 555 0101");
      refused(AtriumException.Invalid.class, "The phone number must be at most 256",
          () -> profiles.changePhone(ann.id(), "1".repeat(257)));
      profiles.changePhone(ann.id(), "");
      assertThat(reload(ann).profile().mobilePhone()).isNull();
    }

    @Test
    void changeAvatar_theStringWinsOverTheUploadedPicture_untilCleared() {
      Avatars avatars = new Avatars(new FileBlobStore(blobs), users, userAdmin, () -> "https://atrium.test/");
      assertThat(avatars.shown(ann)).isEmpty();
      User uploaded = userAdmin.setAvatarVersion(admin, ann.id(), 3);
      String picture = "https://atrium.test/avatars/" + ann.id() + "/3/original.png";
      assertThat(avatars.shown(uploaded)).isEqualTo(picture);
      published.clear();

      User withUrl = profiles.changeAvatar(ann.id(), "https://cdn.example.com/ann.png");
      assertThat(avatars.shown(withUrl)).isEqualTo("https://cdn.example.com/ann.png");
      User withId = profiles.changeAvatar(ann.id(), "res_42:v2");
      assertThat(avatars.shown(reload(ann))).isEqualTo("res_42:v2").isEqualTo(withId.avatar());
      assertThat(published).hasSize(2).allMatch(e -> e instanceof DomainEvent.AvatarUpdated);

      refused(AtriumException.Invalid.class, "avatar must be an http(s) URL or a resource id",
          () -> profiles.changeAvatar(ann.id(), "javascript:alert(1)"));
      refused(AtriumException.Invalid.class, "avatar must be an http(s) URL or a resource id",
          () -> profiles.changeAvatar(ann.id(), "two words"));

      profiles.changeAvatar(ann.id(), "");
      assertThat(avatars.shown(reload(ann))).isEqualTo(picture);
    }

    @Test
    void changeAvatar3D_setsAndRemoves_andPublishesAvatar3DChanged() {
      Avatar3D avatar = new Avatar3D("asset-9", Map.of("hair", "red"), "https://rpm.example.com/a.glb", "rpm-1");
      assertThat(profiles.changeAvatar3D(ann.id(), avatar).avatar3D()).isEqualTo(avatar);
      assertThat(reload(ann).avatar3D()).isEqualTo(avatar);

      Map<String, String> skins = new HashMap<>();
      for (int i = 0; i <= Avatar3D.MAX_SKINS; i++) {
        skins.put("v" + i, "s");
      }
      refused(AtriumException.Invalid.class, "at most 100 entries",
          () -> profiles.changeAvatar3D(ann.id(), new Avatar3D("a", skins, null, null)));

      profiles.changeAvatar3D(ann.id(), null);
      assertThat(reload(ann).avatar3D()).isNull();
      assertThat(published).hasSize(2).allMatch(e -> e instanceof DomainEvent.Avatar3DChanged);
      assertThat(((DomainEvent.Avatar3DChanged) published.get(1)).user().avatar3D()).isNull();
    }

    @Test
    void setIdentity_andItsLimits() {
      profiles.setIdentity(ann.id(), new Identity(IdentityType.VSSID, "ann@", "zs1annaddress"));
      assertThat(reload(ann).identity()).isEqualTo(new Identity(IdentityType.VSSID, "ann@", "zs1annaddress"));
      refused(AtriumException.Invalid.class, "zAddress must contain only letters and digits",
          () -> profiles.setIdentity(ann.id(), new Identity(IdentityType.SSID, null, "zs1-bad")));
      assertThatThrownBy(() -> IdentityType.of(3)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("identityType must be 0, 1 or 2, got 3");
    }

    @Test
    void isNew_survivesALogin_untilTheClientSaysOtherwise() {
      login(ann);
      assertThat(reload(ann).isNew()).isTrue();
      published.clear();
      assertThat(profiles.setNotNew(ann.id()).isNew()).isFalse();
      assertThat(reload(ann).isNew()).isFalse();
      assertThat(published).singleElement().isInstanceOf(DomainEvent.UserUpdated.class);
    }
  }

  @Nested
  class Params {
    @Test
    void setParams_replacesTheKeysGiven_aNullRemovesOne_theRestStay() {
      profiles.setParams(ann.id(), Map.of("zoom", "https://zoom.example.com/j/1", "theme", "dark"));
      Map<String, @Nullable Object> change = new HashMap<>();
      change.put("theme", null);
      change.put("layout", Map.of("columns", 3));
      Map<String, @Nullable Object> after = profiles.setParams(ann.id(), change);

      Map<String, Object> expected = new HashMap<>();
      expected.put("zoom", "https://zoom.example.com/j/1");
      expected.put("layout", Map.of("columns", 3L));
      assertThat(after).isEqualTo(expected);
      assertThat(profiles.params(ann.id(), ann.id())).isEqualTo(expected);
      assertThat(profiles.params(ben.id(), ann.id())).as("params are public to signed-in users").isEqualTo(expected);
      assertThat(published).hasSize(2).allMatch(e -> e instanceof DomainEvent.UserUpdated);
      assertThat(reload(ann).updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void theParamsOfADisabledOrUnknownUser_areNotFound() {
      profiles.setParams(ann.id(), Map.of("a", 1));
      accounts.setStatus(admin, ann.id(), UserStatus.DISABLED);
      assertThatThrownBy(() -> profiles.params(ben.id(), ann.id())).isInstanceOf(AtriumException.NotFound.class);
      assertThatThrownBy(() -> profiles.params(ben.id(), ann.id() + 999)).isInstanceOf(AtriumException.NotFound.class);
    }

    @Test
    void tooLargeOrNotJson_isRefused_andChangesNothing() {
      profiles.setParams(ann.id(), Map.of("big", "x".repeat(40_000)));
      published.clear();
      refused(AtriumException.Invalid.class, "params must be at most 65536 bytes as JSON",
          () -> profiles.setParams(ann.id(), Map.of("more", "y".repeat(30_000))));
      refused(AtriumException.Invalid.class, "a value JSON cannot carry",
          () -> profiles.setParams(ann.id(), Map.of("odd", new Object())));
      refused(AtriumException.Invalid.class, "keys must be 1 to 256",
          () -> profiles.setParams(ann.id(), Map.of("", 1)));
      refused(AtriumException.Invalid.class, "NaN",
          () -> profiles.setParams(ann.id(), Map.of("n", Double.NaN)));
      assertThat(JsonData.size(profiles.params(ann.id(), ann.id()))).isLessThan(JsonData.MAX_BYTES);
    }
  }

  @Nested
  class ZAddresses {
    @Test
    void setZAddress_addsAndRetitles_newestFirst() {
      ZAddress a = profiles.setZAddress(ann.id(), "zs1first", "laptop");
      clock.advance(Duration.ofSeconds(5));
      ZAddress b = profiles.setZAddress(ann.id(), "zs1second", "phone");
      clock.advance(Duration.ofSeconds(5));
      ZAddress retitled = profiles.setZAddress(ann.id(), "zs1first", "old laptop");
      assertThat(retitled.createdAt()).isEqualTo(a.createdAt());
      assertThat(profiles.zAddresses(ann.id())).containsExactly(b, retitled);
      assertThat(published).hasSize(3).allMatch(e -> e instanceof DomainEvent.ZAddressSet);

      refused(AtriumException.Conflict.class, "registered by another user",
          () -> profiles.setZAddress(ben.id(), "zs1first", "mine"));
      refused(AtriumException.Invalid.class, "zAddress is required", () -> profiles.setZAddress(ann.id(), "", "x"));
      refused(AtriumException.Invalid.class, "title must be at most 256",
          () -> profiles.setZAddress(ann.id(), "zs1third", "t".repeat(257)));
    }
  }

  @Nested
  class UserSettingsTests {
    @Test
    void settings_startAtTheDefaults_andEachSetterReplacesItsPart() {
      assertThat(settings.get(ann.id())).isEqualTo(UserSettings.DEFAULT);
      settings.setEmail(ann.id(), new UserSettings.Email(true));
      UserSettings.Navigation nav = new UserSettings.Navigation(2, 0.5, 2.5, 2, 1);
      settings.setNavigation(ann.id(), nav);
      UserSettings last = settings.setObjectCollision(ann.id(), 1);
      assertThat(last).isEqualTo(new UserSettings(new UserSettings.Email(true), nav, 1));
      assertThat(settings.get(ann.id())).isEqualTo(last);
      assertThat(settings.get(ben.id())).isEqualTo(UserSettings.DEFAULT);
      assertThat(published).hasSize(3).allMatch(e -> e instanceof DomainEvent.SettingsChanged);
      assertThat(((DomainEvent.SettingsChanged) published.get(2)).settings()).isEqualTo(last);
    }

    @Test
    void badSettings_areRefused_andChangeNothing() {
      refused(AtriumException.Invalid.class, "navigationMode must be 0, 1 or 2, got 3",
          () -> settings.setNavigation(ann.id(), new UserSettings.Navigation(3, 1, 1, 0, 0)));
      refused(AtriumException.Invalid.class, "joystickSettings must be 0, 1 or 2",
          () -> settings.setNavigation(ann.id(), new UserSettings.Navigation(0, 1, 1, -1, 0)));
      refused(AtriumException.Invalid.class, "helperButtonAppearance must be 0, 1 or 2",
          () -> settings.setNavigation(ann.id(), new UserSettings.Navigation(0, 1, 1, 0, 3)));
      refused(AtriumException.Invalid.class, "verticalSensitivity must be a number from 0 to 100",
          () -> settings.setNavigation(ann.id(), new UserSettings.Navigation(0, Double.NaN, 1, 0, 0)));
      refused(AtriumException.Invalid.class, "horizontalSensitivity must be a number from 0 to 100",
          () -> settings.setNavigation(ann.id(), new UserSettings.Navigation(0, 1, -0.5, 0, 0)));
      refused(AtriumException.Invalid.class, "objectCollision must be from 0 to 1000, got -1",
          () -> settings.setObjectCollision(ann.id(), -1));
    }

    @Test
    void deviceSettings_arePerSession_andLeaveWithTheSession() {
      Principal phone = login(ann);
      String laptopToken = sessions.loginWithPassword("ann", PASSWORD, "roomful", "laptop").token();
      Principal laptop = sessions.authenticate(laptopToken).orElseThrow();
      DeviceSettings phoneSettings = new DeviceSettings(60, "nb-NO", 2, "apns-token", DeviceApplication.VALUSOCIAL);
      settings.setDevice(phone, phoneSettings);
      settings.setDevice(laptop, new DeviceSettings(null, "en", 1, null, DeviceApplication.parse("Roomful")));
      assertThat(settings.device(phone.session().id())).isEqualTo(phoneSettings);
      assertThat(settings.liveDevices(ann.id())).hasSize(2);
      assertThat(published).filteredOn(e -> e instanceof DomainEvent.DeviceSettingsChanged).hasSize(2);

      sessions.logout(laptopToken);
      assertThat(settings.liveDevices(ann.id())).extracting(d -> d.sessionId()).containsExactly(phone.session().id());
      published.clear();

      refused(AtriumException.Invalid.class, "device_application must be one of roomful, texhibition",
          () -> settings.setDevice(phone, new DeviceSettings(null, null, null, null, DeviceApplication.parse("zoom"))));
      refused(AtriumException.Invalid.class, "device_timezone must be from -86400 to 86400",
          () -> settings.setDevice(phone, new DeviceSettings(90_000, null, null, null, null)));
      refused(AtriumException.Invalid.class, "device_os must not be negative",
          () -> settings.setDevice(phone, new DeviceSettings(null, null, -1, null, null)));
      assertThat(settings.device("unknown-session")).isEqualTo(DeviceSettings.NONE);
    }

    @Test
    void networkState_isKeptPerNetwork_whereTheUserIsAllowed() {
      var state = settings.setNetworkState(ann.id(), Space.DEFAULT_ID, null, Map.of("lastRoom", "r1"));
      assertThat(settings.networkState(ann.id(), Space.DEFAULT_ID)).isEqualTo(state);
      assertThat(published).singleElement().isInstanceOf(DomainEvent.NetworkStateChanged.class);

      Space club = spaces.create(ben, "Club", SpaceType.BUSINESS_SOCIAL, false, null);
      Space lobby = spaces.create(ben, "Lobby", SpaceType.PUBLIC, true, Space.DEFAULT_ID);
      published.clear();
      refused(AtriumException.NotFound.class, "Space " + club.id() + " not found",
          () -> settings.setNetworkState(ann.id(), club.id(), null, Map.of()));
      refused(AtriumException.NotFound.class, "Space nowhere not found",
          () -> settings.setNetworkState(ann.id(), "nowhere", null, Map.of()));
      refused(AtriumException.Invalid.class, "is not a sub-network of " + club.id(),
          () -> settings.setNetworkState(ben.id(), club.id(), lobby.id(), Map.of()));
      refused(AtriumException.Invalid.class, "networkState.data must be at most 65536 bytes",
          () -> settings.setNetworkState(ann.id(), Space.DEFAULT_ID, null, Map.of("x", "y".repeat(70_000))));

      var withSub = settings.setNetworkState(ann.id(), Space.DEFAULT_ID, lobby.id(), Map.of());
      assertThat(settings.networkState(ann.id(), Space.DEFAULT_ID)).isEqualTo(withSub);
      assertThat(withSub.defaultSubNetworkId()).isEqualTo(lobby.id());
    }
  }

  @Nested
  class SpacesTests {
    @Test
    void canUse_publicSpacesAndThoseOneIsAMemberOf() {
      Space club = spaces.create(ann, "Club", SpaceType.MATCHMAKING, false, null);
      assertThat(spaces.canUse(ben.id(), Space.DEFAULT_ID)).isTrue();
      assertThat(spaces.canUse(ann.id(), club.id())).isTrue();
      assertThat(spaces.canUse(ben.id(), club.id())).isFalse();
      assertThat(spaces.canUse(ann.id(), "nowhere")).isFalse();
      assertThat(published).singleElement().isInstanceOf(DomainEvent.SpaceCreated.class);

      refused(AtriumException.Forbidden.class, "Only an owner or moderator",
          () -> spaces.putMember(ben, club.id(), ben.id(), SpaceRole.USER));
      spaces.putMember(ann, club.id(), ben.id(), SpaceRole.MODERATOR);
      assertThat(spaces.canUse(ben.id(), club.id())).isTrue();
      refused(AtriumException.Invalid.class, "Only an owner of the space can make or change an owner",
          () -> spaces.putMember(ben, club.id(), ben.id(), SpaceRole.OWNER));
      refused(AtriumException.Invalid.class, "A space keeps at least one owner",
          () -> spaces.putMember(ann, club.id(), ann.id(), SpaceRole.USER));
      spaces.removeMember(ben, club.id(), ben.id());
      assertThat(spaces.canUse(ben.id(), club.id())).isFalse();
      assertThat(spaces.members(club.id())).singleElement().extracting(m -> m.userId()).isEqualTo(ann.id());
      refused(AtriumException.Invalid.class, "name is required",
          () -> spaces.create(ann, " ", SpaceType.PUBLIC, true, null));
    }

    @Test
    void create_withDetails_checksThem() {
      Space made = spaces.create(ann, " Team ", false, "About", "https://example.test/logo.png");
      assertThat(spaces.get(made.id())).isEqualTo(made);
      assertThat(made.name()).isEqualTo("Team");
      assertThat(made.description()).isEqualTo("About");
      assertThat(made.logo()).isEqualTo("https://example.test/logo.png");
      assertThat(spaces.create(ann, "No logo", true, null, " ").logo()).isNull();
      refused(AtriumException.Invalid.class, "description must be at most 4000 characters long",
          () -> spaces.create(ann, "T", true, "x".repeat(4001), null));
      refused(AtriumException.Invalid.class, "logo must be an http or https URL",
          () -> spaces.create(ann, "T", true, null, "javascript:alert(1)"));
      refused(AtriumException.Invalid.class, "logo must be an http or https URL",
          () -> spaces.create(ann, "T", true, null, "not a url"));
      refused(AtriumException.Invalid.class, "logo must be at most 2048 characters long",
          () -> spaces.create(ann, "T", true, null, "https://example.test/" + "x".repeat(2048)));
    }

    @Test
    void update_byAnOwnerOrModerator_aPrivateSpaceIsUnknownToOthers_badInputChangesNothing() {
      Space club = spaces.create(ann, "Club", false, "Old", null);
      spaces.putMember(ann, club.id(), ben.id(), SpaceRole.MODERATOR);
      published.clear();

      Space changed = spaces.update(ben, club.id(), "Club 2", true, null, "http://example.test/l.png");
      assertThat(changed).isEqualTo(club.withDetails("Club 2", true, null, "http://example.test/l.png"));
      assertThat(spaces.get(club.id())).isEqualTo(changed);
      assertThat(published).singleElement().isEqualTo(new DomainEvent.SpaceUpdated(club, changed, clock.instant()));
      assertThat(spaces.update(ben, club.id(), "Club 2", true, null, "http://example.test/l.png")).isEqualTo(changed);
      assertThat(published).hasSize(1);

      User cat = create("cat");
      refused(AtriumException.Forbidden.class, "Only an owner or moderator of space " + club.id() + " can change it",
          () -> spaces.update(cat, club.id(), "Mine", true, null, null));
      spaces.update(ann, club.id(), "Club 2", false, null, null);
      refused(AtriumException.NotFound.class, "Space " + club.id() + " not found",
          () -> spaces.update(cat, club.id(), "Mine", false, null, null));
      refused(AtriumException.Invalid.class, "name is required",
          () -> spaces.update(ann, club.id(), "  ", false, null, null));
      refused(AtriumException.NotFound.class, "Space nowhere not found",
          () -> spaces.update(ann, "nowhere", "N", false, null, null));
      refused(AtriumException.NotFound.class, "not found",
          () -> spaces.update(ann, "x".repeat(300), "N", false, null, null));
      // A user administrator may, and is audited.
      spaces.update(admin, club.id(), "Renamed", false, null, null);
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("space.update");
    }

    @Test
    void delete_byAnOwnerOnly_withMembersAndInvites_neverTheDefaultSpace() {
      Space club = spaces.create(ann, "Club", false, null, null);
      spaces.putMember(ann, club.id(), ben.id(), SpaceRole.MODERATOR);
      spaces.invites().create(ann, club.id(), SpaceRole.USER);
      published.clear();

      refused(AtriumException.Forbidden.class, "Only an owner of space " + club.id() + " can delete it",
          () -> spaces.delete(ben, club.id()));
      User cat = create("cat");
      refused(AtriumException.NotFound.class, "not found", () -> spaces.delete(cat, club.id()));
      refused(AtriumException.Forbidden.class, "Only an owner", () -> spaces.delete(ann, Space.DEFAULT_ID));
      refused(AtriumException.Invalid.class, "The default space cannot be deleted",
          () -> spaces.delete(admin, Space.DEFAULT_ID));
      Space sub = spaces.create(ann, "Sub", SpaceType.PUBLIC, true, club.id());
      refused(AtriumException.Conflict.class, "has sub-spaces", () -> spaces.delete(ann, club.id()));
      spaces.delete(ann, sub.id());
      published.clear();

      spaces.delete(ann, club.id());
      assertThat(spaces.canUse(ann.id(), club.id())).isFalse();
      assertThat(spaces.of(ben.id())).isEmpty();
      assertThat(published).singleElement()
          .isEqualTo(new DomainEvent.SpaceDeleted(club, List.of(ann.id(), ben.id()), clock.instant()));
      refused(AtriumException.NotFound.class, "not found", () -> spaces.delete(ann, club.id()));
      assertThat(audit.latest(10)).noneMatch(e -> e.action().equals("space.delete"));

      Space other = spaces.create(ann, "Other", true, null, null);
      spaces.delete(admin, other.id());
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("space.delete");
    }

    @Test
    void delete_joinsTheCallersTransaction_andGoesBackWithIt() {
      Space club = spaces.create(ann, "Club", true, null, null);
      published.clear();
      assertThatThrownBy(() -> tx.run(() -> {
        spaces.delete(ann, club.id());
        throw AtriumException.conflict("the rest of the outer work failed");
      })).isInstanceOf(AtriumException.Conflict.class);
      assertThat(spaces.get(club.id())).isEqualTo(club);
      assertThat(spaces.members(club.id())).hasSize(1);
      assertThat(published).isEmpty();
    }

    @Test
    void of_isTheUsersSpaces_inTheOrderTheyJoined() {
      Space a = spaces.create(ann, "A", false, null, null);
      clock.advance(Duration.ofSeconds(1));
      Space b = spaces.create(ben, "B", true, null, null);
      clock.advance(Duration.ofSeconds(1));
      spaces.putMember(ben, b.id(), ann.id(), SpaceRole.USER);
      assertThat(spaces.of(ann.id())).containsExactly(a, b);
      assertThat(spaces.of(ben.id())).containsExactly(b);
      assertThat(spaces.of(admin.id())).isEmpty();
    }
  }

  @Nested
  class SpaceInvitesTests {
    @Test
    void create_list_byOwnersAndModerators_forAModeratorOrAUser() {
      Space club = spaces.create(ann, "Club", false, null, null);
      SpaceInvite first = spaces.invites().create(ann, club.id(), SpaceRole.MODERATOR);
      assertThat(first.id()).matches("[A-Za-z0-9_-]{22}");
      assertThat(first).isEqualTo(new SpaceInvite(first.id(), club.id(), SpaceRole.MODERATOR, ann.id(),
          clock.instant(), null, null));
      refused(AtriumException.NotFound.class, "not found",
          () -> spaces.invites().create(ben, club.id(), SpaceRole.USER));
      spaces.putMember(ann, club.id(), ben.id(), SpaceRole.USER);
      refused(AtriumException.Forbidden.class, "Only an owner or moderator of space " + club.id()
          + " can manage its invites", () -> spaces.invites().create(ben, club.id(), SpaceRole.USER));
      refused(AtriumException.Forbidden.class, "can manage its invites", () -> spaces.invites().list(ben, club.id()));
      refused(AtriumException.Invalid.class, "not an owner",
          () -> spaces.invites().create(ann, club.id(), SpaceRole.OWNER));
      spaces.putMember(ann, club.id(), ben.id(), SpaceRole.MODERATOR);
      clock.advance(Duration.ofSeconds(1));
      SpaceInvite second = spaces.invites().create(ben, club.id(), SpaceRole.MODERATOR);
      assertThat(spaces.invites().list(ann, club.id())).containsExactly(first, second);
    }

    @Test
    void activate_once_byAnyUser_evenToAPrivateSpace() {
      Space club = spaces.create(ann, "Club", false, null, null);
      SpaceInvite invite = spaces.invites().create(ann, club.id(), SpaceRole.MODERATOR);
      published.clear();

      SpaceMember member = spaces.invites().activate(ben, club.id(), invite.id());
      assertThat(member).isEqualTo(new SpaceMember(club.id(), ben.id(), SpaceRole.MODERATOR, clock.instant()));
      assertThat(spaces.member(club.id(), ben.id())).contains(member);
      assertThat(published).singleElement()
          .isEqualTo(new DomainEvent.SpaceMemberChanged(member, false, clock.instant()));
      assertThat(spaces.invites().list(ann, club.id())).singleElement().satisfies(i -> {
        assertThat(i.activatedBy()).isEqualTo(ben.id());
        assertThat(i.activatedAt()).isEqualTo(clock.instant());
      });

      User cat = create("cat");
      refused(AtriumException.Conflict.class, "Invite " + invite.id() + " has already been used",
          () -> spaces.invites().activate(cat, club.id(), invite.id()));
      refused(AtriumException.Conflict.class, "has already been used",
          () -> spaces.invites().activate(ben, club.id(), invite.id()));
      Space other = spaces.create(ann, "Other", true, null, null);
      SpaceInvite elsewhere = spaces.invites().create(ann, other.id(), SpaceRole.USER);
      refused(AtriumException.NotFound.class, "Invite " + elsewhere.id() + " not found",
          () -> spaces.invites().activate(cat, club.id(), elsewhere.id()));
      refused(AtriumException.NotFound.class, "not found",
          () -> spaces.invites().activate(cat, club.id(), "AAAAAAAAAAAAAAAAAAAAAA"));
      refused(AtriumException.Invalid.class, "is not a space invite id",
          () -> spaces.invites().activate(cat, club.id(), "short"));
      refused(AtriumException.NotFound.class, "Space nowhere not found",
          () -> spaces.invites().activate(cat, "nowhere", elsewhere.id()));
    }

    @Test
    void activate_neverLowersAStrongerRole_butUsesTheInvite() {
      Space club = spaces.create(ann, "Club", false, null, null);
      SpaceInvite invite = spaces.invites().create(ann, club.id(), SpaceRole.USER);
      SpaceMember owner = spaces.member(club.id(), ann.id()).orElseThrow();
      published.clear();
      assertThat(spaces.invites().activate(ann, club.id(), invite.id())).isEqualTo(owner);
      assertThat(spaces.member(club.id(), ann.id())).contains(owner);
      assertThat(published).isEmpty();
      refused(AtriumException.Conflict.class, "already been used",
          () -> spaces.invites().activate(ben, club.id(), invite.id()));

      spaces.putMember(ann, club.id(), ben.id(), SpaceRole.USER);
      clock.advance(Duration.ofSeconds(5));
      SpaceInvite promote = spaces.invites().create(ann, club.id(), SpaceRole.MODERATOR);
      SpaceMember promoted = spaces.invites().activate(ben, club.id(), promote.id());
      assertThat(promoted.role()).isEqualTo(SpaceRole.MODERATOR);
      assertThat(promoted.joinedAt()).isEqualTo(clock.instant().minusSeconds(5));
    }

    @Test
    void revoke_deletesIt_soActivatingIsNotFound() {
      Space club = spaces.create(ann, "Club", true, null, null);
      SpaceInvite invite = spaces.invites().create(ann, club.id(), SpaceRole.USER);
      refused(AtriumException.Forbidden.class, "can manage its invites",
          () -> spaces.invites().revoke(ben, club.id(), invite.id()));
      spaces.invites().revoke(ann, club.id(), invite.id());
      assertThat(spaces.invites().list(ann, club.id())).isEmpty();
      refused(AtriumException.NotFound.class, "not found",
          () -> spaces.invites().activate(ben, club.id(), invite.id()));
      refused(AtriumException.NotFound.class, "not found",
          () -> spaces.invites().revoke(ann, club.id(), invite.id()));
    }

    @Test
    void concurrentActivations_exactlyOneWins_theOthersAreConflicts() throws Exception {
      Space club = spaces.create(ann, "Club", false, null, null);
      List<User> takers = List.of(ben, create("cat"), create("dan"));
      ExecutorService pool = Executors.newFixedThreadPool(takers.size());
      try {
        for (int round = 0; round < 5; round++) {
          SpaceInvite invite = spaces.invites().create(ann, club.id(), SpaceRole.USER);
          CyclicBarrier start = new CyclicBarrier(takers.size());
          List<Future<SpaceMember>> tries = new ArrayList<>();
          for (User taker : takers) {
            tries.add(pool.submit(() -> {
              start.await();
              return spaces.invites().activate(taker, club.id(), invite.id());
            }));
          }
          List<SpaceMember> won = new ArrayList<>();
          int conflicts = 0;
          for (Future<SpaceMember> t : tries) {
            try {
              won.add(t.get());
            } catch (java.util.concurrent.ExecutionException e) {
              assertThat(e.getCause()).isInstanceOf(AtriumException.Conflict.class);
              conflicts++;
            }
          }
          assertThat(won).hasSize(1);
          assertThat(conflicts).isEqualTo(takers.size() - 1);
          SpaceInvite used = spaces.invites().list(ann, club.id()).stream()
              .filter(i -> i.id().equals(invite.id())).findFirst().orElseThrow();
          assertThat(used.activatedBy()).isEqualTo(won.getFirst().userId());
          for (User taker : takers) {
            spaces.member(club.id(), taker.id()).ifPresent(m -> spaces.removeMember(ann, club.id(), taker.id()));
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class SocialAccountsTests {
    @Test
    void link_list_relink_andTheConflicts() {
      SocialAccount google = social.link(ann.id(), SocialKind.GOOGLE, "g-ann", null);
      SocialAccount verus = social.link(ann.id(), SocialKind.parse("Verus"), "i-ann", "ann@");
      assertThat(social.list(ann.id())).containsExactly(google, verus);
      SocialAccount renamed = social.link(ann.id(), SocialKind.VERUS, "i-ann", "annie@");
      assertThat(renamed.linkedAt()).isEqualTo(verus.linkedAt());
      assertThat(social.byAccount(SocialKind.VERUS, "i-ann")).contains(renamed);
      assertThat(published).hasSize(3).allMatch(e -> e instanceof DomainEvent.SocialAccountLinked);
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.social.link");

      refused(AtriumException.Conflict.class, "linked to another user",
          () -> social.link(ben.id(), SocialKind.GOOGLE, "g-ann", null));
      refused(AtriumException.Conflict.class, "has a google account linked already",
          () -> social.link(ann.id(), SocialKind.GOOGLE, "g-other", null));
      refused(AtriumException.Invalid.class, "socialId must be 1 to 256",
          () -> social.link(ann.id(), SocialKind.APPLE, "", null));
      assertThatThrownBy(() -> SocialKind.parse("myspace")).isInstanceOf(AtriumException.Invalid.class)
          .hasMessageContaining("Unknown social account kind: 'myspace'");
    }

    @Test
    void unlink_unknownKindIsInvalid_notLinkedIsNotFound_andTheLastWayToSignInStays() {
      social.link(ann.id(), SocialKind.FACEBOOK, "fb-ann", null);
      refused(AtriumException.Invalid.class, "Unknown social account kind", () -> social.unlink(ann.id(), "friendster"));
      refused(AtriumException.NotFound.class, "No apple account is linked", () -> social.unlink(ann.id(), "apple"));
      SocialAccount removed = social.unlink(ann.id(), "facebook");
      assertThat(removed.socialId()).isEqualTo("fb-ann");
      assertThat(social.list(ann.id())).isEmpty();
      assertThat(published.getLast()).isInstanceOf(DomainEvent.SocialAccountUnlinked.class);

      User noPassword = accounts.create(admin, new NewUser("nopw", null, Profile.EMPTY, AccountType.NORMAL, Set.of(),
          new NewUser.Password.None(), false), List.of());
      social.link(noPassword.id(), SocialKind.APPLE, "apple-1", null);
      published.clear();
      refused(AtriumException.Invalid.class, "the only way this user signs in",
          () -> social.unlink(noPassword.id(), "apple"));
    }
  }

  @Nested
  class PersonasTests {
    @Test
    void create_list_andRequireOwned() {
      User p = personas.create(ann.id(), names("Stage", "Ann").toBuilder().privacyMode(Profile.PRIVACY_INCOGNITO).build());
      assertThat(p.ownerId()).isEqualTo(ann.id());
      assertThat(p.email()).isNull();
      assertThat(p.username()).isEqualTo("ann.persona1");
      assertThat(userStore.passwordHash(p.id())).isEmpty();
      assertThat(personas.list(ann.id())).containsExactly(p);
      assertThat(personas.requireOwned(ann.id(), p.id())).isEqualTo(p);
      assertThat(published).singleElement().isInstanceOf(DomainEvent.UserCreated.class);
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.persona.create");

      assertThatThrownBy(() -> personas.requireOwned(ben.id(), p.id())).isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> personas.requireOwned(ann.id(), ben.id())).isInstanceOf(AtriumException.Forbidden.class);
      refused(AtriumException.Invalid.class, "A persona account cannot own personas",
          () -> personas.create(p.id(), Profile.EMPTY));
      refused(AtriumException.Invalid.class, "privacyMode must be 0",
          () -> personas.create(ann.id(), Profile.builder().privacyMode(5).build()));
    }

    @Test
    void aUserOwnsAtMostTenPersonas() {
      for (int i = 0; i < Personas.MAX_PERSONAS; i++) {
        personas.create(ben.id(), names("P" + i, null));
      }
      assertThat(personas.list(ben.id())).hasSize(Personas.MAX_PERSONAS);
      published.clear();
      refused(AtriumException.Invalid.class, "at most 10 persona accounts",
          () -> personas.create(ben.id(), names("P10", null)));
    }
  }

  @Nested
  class BadgesTests {
    @Test
    void grantAndRevoke_byAnAdministrator_auditedAndPublished() {
      refused(AtriumException.Forbidden.class, "lacks the required entitlement",
          () -> badges.grant(ann, ben.id(), "speaker", Map.of()));
      Badge first = badges.grant(admin, ann.id(), "speaker", Map.of("event", "Summit"));
      clock.advance(Duration.ofMinutes(1));
      Badge again = badges.grant(admin, ann.id(), "speaker", Map.of("event", "Summit 2"));
      assertThat(again.id()).isEqualTo(first.id());
      assertThat(again.createdAt()).isEqualTo(first.createdAt());
      assertThat(again.updatedAt()).isEqualTo(clock.instant());
      assertThat(badges.ofUser(ann.id())).containsExactly(again);
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.badge.grant");

      refused(AtriumException.NotFound.class, "Badge nope not found", () -> badges.revoke(admin, "nope"));
      refused(AtriumException.Invalid.class, "badgeType must be 1 to 64",
          () -> badges.grant(admin, ann.id(), "has space", Map.of()));
      badges.revoke(admin, again.id());
      assertThat(badges.ofUser(ann.id())).isEmpty();
      assertThat(published).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("BadgeGranted", "BadgeGranted", "BadgeRevoked");
    }

    @Test
    void listOfType_pagesEveryUsersBadges_inAStableOrder() {
      List<String> granted = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        User u = create("holder" + i);
        granted.add(badges.grant(admin, u.id(), "early", Map.of("n", i)).id());
        if (i % 3 == 0) {
          clock.advance(Duration.ofSeconds(1));
        }
      }
      badges.grant(admin, ann.id(), "other", Map.of());
      List<Badge> page1 = badges.listOfType("early", 0, 0);
      List<Badge> page2 = badges.listOfType("early", 20, 0);
      assertThat(page1).hasSize(Badges.DEFAULT_PAGE_SIZE);
      assertThat(page2).hasSize(5);
      List<String> all = new ArrayList<>();
      page1.forEach(b -> all.add(b.id()));
      page2.forEach(b -> all.add(b.id()));
      assertThat(new HashSet<>(all)).hasSize(25).containsExactlyInAnyOrderElementsOf(granted);
      assertThat(badges.listOfType("early", 0, 100)).extracting(Badge::id).containsExactlyElementsOf(all);
      assertThat(badges.listOfType("early", 3, 4)).extracting(Badge::id).containsExactlyElementsOf(all.subList(3, 7));

      assertThatThrownBy(() -> badges.listOfType("early", 0, 101)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("size must be at most 100");
      assertThatThrownBy(() -> badges.listOfType("early", -1, 10)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("offset must not be negative");
      assertThatThrownBy(() -> badges.listOfType("early", 0, -5)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("size must not be negative");
    }
  }

  @Nested
  class SelfService {
    @Test
    void disableSelf_revokesEverySession_hidesFromSearch_andRefusesLogin() {
      Principal caller = login(ann);
      String token = sessions.loginWithPassword("ann", PASSWORD, "roomful", null).token();
      published.clear();
      User disabled = accounts.disableSelf(ann.id());
      assertThat(disabled.status()).isEqualTo(UserStatus.DISABLED);
      assertThat(sessions.authenticate(token)).isEmpty();
      assertThat(users.search(UserSearch.builder().words(List.of("ann")).limit(10).build()).users()).isEmpty();
      assertThatThrownBy(() -> sessions.loginWithPassword("ann", PASSWORD, "roomful", null))
          .isInstanceOf(AtriumException.Unauthenticated.class);
      assertThat(published).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("SessionsRevoked", "UserStatusChanged");
      assertThat(((DomainEvent.SessionsRevoked) published.getFirst()).sessionIds()).contains(caller.session().id());
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.disable.self");
      refused(AtriumException.Invalid.class, "already disabled", () -> accounts.disableSelf(ann.id()));
    }

    @Test
    void changePassword_needsTheCurrentOne_andRevokesOnlyTheOtherSessions() {
      Principal caller = login(ann);
      String other = sessions.loginWithPassword("ann", PASSWORD, "roomful", "phone").token();
      published.clear();
      refused(AtriumException.Forbidden.class, "The current password is not correct",
          () -> accounts.changePassword(caller, "wrong-password", "brand-new-password"));
      refused(AtriumException.Invalid.class, "at least 8 characters",
          () -> accounts.changePassword(caller, PASSWORD, "short"));
      refused(AtriumException.Invalid.class, "must differ", () -> accounts.changePassword(caller, PASSWORD, PASSWORD));
      assertThat(sessions.authenticate(other)).isPresent();

      clock.advance(Duration.ofMinutes(2));
      User after = accounts.changePassword(caller, PASSWORD, "brand-new-password");
      assertThat(after.lastPasswordResetAt()).isEqualTo(clock.instant());
      assertThat(sessions.authenticate(other)).isEmpty();
      assertThat(tx.inTransaction(() -> new JdbcSessionStore(tx).byTokenHash(caller.session().tokenHash())))
          .get().extracting(s -> s.revoked()).isEqualTo(false);
      assertThatThrownBy(() -> sessions.loginWithPassword("ann", PASSWORD, "roomful", null))
          .isInstanceOf(AtriumException.Unauthenticated.class);
      assertThat(sessions.loginWithPassword("ann", "brand-new-password", "roomful", null).session().userId())
          .isEqualTo(ann.id());
      assertThat(published).extracting(e -> e.getClass().getSimpleName())
          .startsWith("SessionsRevoked", "UserUpdated");
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.password.change");
      assertThat(audit.latest(1).getFirst().after()).isNull();
    }
  }

  @Nested
  class Merge {
    User cy;
    User dan;

    @BeforeEach
    void more() {
      cy = create("cy");
      dan = create("dan");
      published.clear();
    }

    RoomSpec publicRoom(String name) {
      return RoomSpec.builder().name(name).isPublic(true).discoverable(true).membersCanInvite(true).build();
    }

    @Test
    void merge_movesEverything_inOneStep_andDisablesTheOldAccount() {
      // ann is the account kept, ben the one merged into it.
      Room shared = rooms.create(ben, publicRoom("shared"));
      rooms.addMember(ben, shared.id(), ann.id());
      Room bensOnly = rooms.create(ben, publicRoom("ben's"));
      Room im = rooms.conversation(ben, List.of(ben.id(), cy.id()));
      connections.request(ben, cy.id());
      connections.accept(cy, ben.id());
      connections.request(ann, cy.id());
      connections.request(dan, ben.id());
      connections.request(ann, ben.id());
      profiles.setParams(ann.id(), Map.of("theme", "dark"));
      profiles.setParams(ben.id(), Map.of("theme", "light", "zoom", "z"));
      social.link(ben.id(), SocialKind.FACEBOOK, "fb-ben", null);
      social.link(ben.id(), SocialKind.GOOGLE, "g-ben", null);
      social.link(ann.id(), SocialKind.GOOGLE, "g-ann", null);
      User persona = personas.create(ben.id(), names("Ben's", "persona"));
      badges.grant(admin, ben.id(), "speaker", Map.of());
      Badge annEarly = badges.grant(admin, ann.id(), "early", Map.of());
      badges.grant(admin, ben.id(), "early", Map.of());
      profiles.setZAddress(ben.id(), "zs1ben", "phone");
      String bensToken = sessions.loginWithPassword("ben", PASSWORD, "roomful", null).token();
      clock.advance(Duration.ofMinutes(1));
      published.clear();

      User from = merges.merge(ann.id(), ben.id());

      assertThat(from.status()).isEqualTo(UserStatus.DISABLED);
      assertThat(reload(ben).status()).isEqualTo(UserStatus.DISABLED);
      assertThat(sessions.authenticate(bensToken)).isEmpty();
      // rooms: ann keeps the stronger role, joins ben's room, the IM stays ben's
      assertThat(roomStore().membership(shared.id(), ann.id())).get().extracting(Membership::role)
          .isEqualTo(RoomRole.OWNER);
      assertThat(roomStore().membership(bensOnly.id(), ann.id())).get().matches(Membership::current);
      assertThat(roomStore().membership(bensOnly.id(), ben.id())).get().matches(m -> !m.current());
      assertThat(roomStore().membership(im.id(), ben.id())).get().matches(Membership::current);
      assertThat(roomStore().membership(im.id(), ann.id())).isEmpty();
      // connections: the most advanced status wins, the pair between the two is gone
      var annAndCy = connectionStore().between(ann.id(), cy.id()).orElseThrow();
      assertThat(annAndCy.status()).isEqualTo(ConnectionStatus.ACCEPTED);
      assertThat(connectionStore().between(ann.id(), dan.id()).orElseThrow().requesterId()).isEqualTo(dan.id());
      assertThat(connectionStore().between(ann.id(), ben.id())).isEmpty();
      assertThat(connectionStore().between(ben.id(), cy.id())).isEmpty();
      // params: ann's value wins
      assertThat(profiles.params(ann.id(), ann.id())).isEqualTo(Map.of("theme", "dark", "zoom", "z"));
      assertThat(new JdbcUserDataStore(tx).params(ben.id())).isEmpty();
      // social accounts, personas, badges, z-addresses
      assertThat(social.list(ann.id())).extracting(SocialAccount::socialId).containsExactly("g-ann", "fb-ben");
      assertThat(social.list(ben.id())).isEmpty();
      assertThat(personas.list(ann.id())).extracting(User::id).containsExactly(persona.id());
      assertThat(badges.ofUser(ann.id())).extracting(Badge::badgeType).containsExactlyInAnyOrder("speaker", "early");
      assertThat(badges.ofUser(ann.id())).contains(annEarly);
      assertThat(profiles.zAddresses(ann.id())).extracting(ZAddress::zAddress).containsExactly("zs1ben");
      // counters follow
      assertThat(profiles.counters(ann.id())).isEqualTo(new UserCounters(2, 1, 1, 0, 0, 0, 0));
      assertThat(profiles.counters(cy.id()).contactCount()).isEqualTo(1);
      // events after commit
      DomainEvent.UsersMerged merged = (DomainEvent.UsersMerged) published.getLast();
      assertThat(merged.intoUserId()).isEqualTo(ann.id());
      assertThat(merged.fromUserId()).isEqualTo(ben.id());
      assertThat(merged.contactIds()).containsExactlyInAnyOrder(cy.id(), dan.id());
      assertThat(published).extracting(e -> e.getClass().getSimpleName())
          .contains("RoomMemberRemoved", "RoomMemberAdded", "RoomMemberRoleChanged", "SessionsRevoked",
              "UserStatusChanged");
      assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.merge");
    }

    @Test
    void merge_refusals_changeNothing() {
      User annsPersona = personas.create(ann.id(), names("A", "P"));
      User bensPersona = personas.create(ben.id(), names("B", "P"));
      published.clear();
      refused(AtriumException.Invalid.class, "cannot be merged into itself", () -> merges.merge(ann.id(), ann.id()));
      refused(AtriumException.Invalid.class, "cannot be merged into a persona",
          () -> merges.merge(annsPersona.id(), cy.id()));
      refused(AtriumException.Forbidden.class, "is a persona of another account",
          () -> merges.merge(ann.id(), bensPersona.id()));
      refused(AtriumException.NotFound.class, "not found", () -> merges.merge(ann.id(), ann.id() + 999));
      accounts.setStatus(admin, dan.id(), UserStatus.DISABLED);
      published.clear();
      refused(AtriumException.Invalid.class, "User " + dan.id() + " is disabled", () -> merges.merge(ann.id(), dan.id()));
      refused(AtriumException.Invalid.class, "User " + dan.id() + " is disabled", () -> merges.merge(dan.id(), ann.id()));

      merges.merge(ann.id(), annsPersona.id());
      assertThat(reload(annsPersona).status()).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void aMergeThatFailsMidway_leavesBothAccountsAsTheyWere() {
      // Rooms, connections, social accounts and badges move before the params are united; params too large
      // together fail the merge after all of that was written.
      rooms.create(ben, publicRoom("ben's"));
      connections.request(ben, cy.id());
      social.link(ben.id(), SocialKind.APPLE, "apple-ben", null);
      badges.grant(admin, ben.id(), "speaker", Map.of());
      profiles.setZAddress(ben.id(), "zs1ben", "phone");
      profiles.setParams(ann.id(), Map.of("a", "x".repeat(40_000)));
      profiles.setParams(ben.id(), Map.of("b", "y".repeat(40_000)));
      published.clear();
      refused(AtriumException.Invalid.class, "The merged params must be at most 65536 bytes",
          () -> merges.merge(ann.id(), ben.id()));
      assertThat(reload(ben).enabled()).isTrue();
    }

    @Test
    void mergeByEmail_andBySocialAccount_proveTheOtherAccountFirst() {
      refused(AtriumException.Unauthenticated.class, Sessions.BAD_CREDENTIALS,
          () -> merges.mergeByEmail(ann.id(), "ben@example.com", "wrong-password"));
      refused(AtriumException.NotFound.class, "No user is linked to this facebook account",
          () -> merges.mergeBySocialAccount(ann.id(), SocialKind.FACEBOOK, "fb-nobody"));
      assertThat(merges.mergeByEmail(ann.id(), "ben@example.com", PASSWORD).id()).isEqualTo(ben.id());
      social.link(cy.id(), SocialKind.FACEBOOK, "fb-cy", null);
      assertThat(merges.mergeBySocialAccount(ann.id(), SocialKind.FACEBOOK, "fb-cy").id()).isEqualTo(cy.id());
      assertThat(social.byAccount(SocialKind.FACEBOOK, "fb-cy")).get().extracting(SocialAccount::userId)
          .isEqualTo(ann.id());
    }

    JdbcRoomStore roomStore() {
      return new JdbcRoomStore(tx);
    }

    JdbcConnectionStore connectionStore() {
      return new JdbcConnectionStore(tx);
    }
  }

  @Nested
  class Counters {
    @Test
    void counters_followRoomsAndConnections() {
      User cy = create("cy");
      Room open = rooms.create(ann, RoomSpec.builder().name("open").isPublic(true).discoverable(true)
          .membersCanInvite(true).build());
      rooms.create(ann, RoomSpec.builder().name("closed").build());
      rooms.addMember(ann, open.id(), ben.id());
      connections.request(ann, ben.id());
      connections.request(cy, ann.id());
      assertThat(profiles.counters(ann.id())).isEqualTo(UserCounters.of(1, 0, 1, 1));
      assertThat(profiles.counters(ben.id())).isEqualTo(UserCounters.of(1, 0, 1, 0));
      connections.accept(ben, ann.id());
      rooms.setActive(ann, open.id(), false);
      assertThat(profiles.counters(ann.id())).isEqualTo(UserCounters.of(0, 1, 1, 0));
      assertThat(profiles.counters(ben.id())).isEqualTo(new UserCounters(0, 1, 0, 0, 0, 0, 0));
    }
  }
}
