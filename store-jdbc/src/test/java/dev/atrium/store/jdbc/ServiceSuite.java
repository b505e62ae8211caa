package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.atrium.core.admin.Admin;
import dev.atrium.core.admin.App;
import dev.atrium.core.admin.Disclaimer;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.session.PasswordHasher;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Session;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Features;
import dev.atrium.core.user.KeyChange;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.UserEdit;
import dev.atrium.core.user.UserKey;
import dev.atrium.core.user.UserSearch;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link Users}, {@link Sessions} and {@link Admin} services wired over the real JDBC stores, with a clock
 * the tests move and a fast password hasher; run once per {@link Backend}. No store is faked: what a service
 * leaves behind is read back from the database.
 */
abstract class ServiceSuite extends DatabaseTest {
  static final Duration LIFETIME = Duration.ofHours(8);
  static final String ADMIN_PASSWORD = "admin-password";
  static final String PASSWORD = "user-password-1";
  private static final String[] KEYS = {rsaPublicKeyPem(), rsaPublicKeyPem()};

  FakeClock clock;
  Events events;
  List<DomainEvent> published;
  JdbcUserStore userStore;
  JdbcSessionStore sessionStore;
  JdbcAuditLog audit;
  Passwords passwords;
  Sessions sessions;
  Users users;
  Accounts accounts;
  UserAdmin userAdmin;
  User admin;

  ServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    clock = new FakeClock();
    events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    userStore = new JdbcUserStore(tx);
    sessionStore = new JdbcSessionStore(tx);
    audit = new JdbcAuditLog(tx);
    passwords = new Passwords(new FastPasswordHasher());
    sessions = sessions(passwords);
    users = new Users(userStore);
    accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    userAdmin = new UserAdmin(userStore, users, audit, tx, events, clock);
    admin = accounts.bootstrapAdmin("admin@atrium.test", ADMIN_PASSWORD).orElseThrow();
    published.clear();
  }

  Sessions sessions(PasswordHasher hasher) {
    return new Sessions(sessionStore, userStore, hasher, tx, events, clock, new SplittableRandom(7), LIFETIME);
  }

  static NewUser newUser(String username, @Nullable String email, NewUser.Password password, String... roles) {
    return new NewUser(username, email, names("First " + username, "Last"), AccountType.NORMAL, Set.of(roles),
        password, false);
  }

  User create(String username, String... roles) {
    return accounts.create(admin, newUser(username, username + "@example.com", new NewUser.Password.Plain(PASSWORD),
        roles), List.of());
  }

  AuditEntry lastAudit() {
    return audit.latest(1).getFirst();
  }

  static KeyChange saveKey(UserKey.Slot slot, String pem) {
    return new KeyChange(slot, KeyChange.Action.SAVE, pem, null);
  }

  /** A new 2048-bit RSA public key, as PEM with lines of 64 characters (the form the service stores). */
  static String rsaPublicKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] der = generator.generateKeyPair().getPublic().getEncoded();
      return "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END PUBLIC KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  class UsersService {
    @Test
    void bootstrapAdmin_createsTheFirstSuperAdministrator_once() {
      assertThat(admin.roles()).containsExactlyInAnyOrder(Roles.SUPER_ADMINISTRATOR, Roles.INDIVIDUAL);
      assertThat(admin.username()).isEqualTo("admin");
      assertThat(userStore.byId(admin.id())).contains(admin);
      assertThat(accounts.bootstrapAdmin("other@atrium.test", ADMIN_PASSWORD)).isEmpty();
      assertThat(userStore.ids()).containsExactly(admin.id());
    }

    @Test
    void create_storesTheUser_withAHashedPassword_auditsIt_andPublishesIt() {
      clock.advance(Duration.ofMinutes(5));
      User created = accounts.create(admin, new NewUser("jdoe", "John.Doe@Example.com", names("John", "Doe"),
          AccountType.NORMAL, Set.of(), new NewUser.Password.Plain(PASSWORD), true), List.of());

      assertThat(created.id() >> 36).isEqualTo(Fixtures.POD);
      assertThat(created.roles()).containsExactly(Roles.INDIVIDUAL);
      assertThat(created.status()).isEqualTo(UserStatus.ENABLED);
      assertThat(created.createdAt()).isEqualTo(clock.instant()).isEqualTo(created.updatedAt());
      assertThat(created.createdBy()).isEqualTo("admin");
      assertThat(created.isNew()).isTrue();
      assertThat(userStore.byId(created.id())).contains(created);
      String hash = userStore.passwordHash(created.id()).orElseThrow();
      assertThat(hash).doesNotContain(PASSWORD);
      assertThat(passwords.verify(PASSWORD, hash)).isTrue();

      AuditEntry entry = lastAudit();
      assertThat(entry.actorId()).isEqualTo(admin.id());
      assertThat(entry.action()).isEqualTo("user.create");
      assertThat(entry.target()).isEqualTo("user:" + created.id());
      assertThat(entry.before()).isNull();
      assertThat((String) entry.after()).contains("\"username\":\"jdoe\"").doesNotContain(PASSWORD);
      assertThat(entry.at()).isEqualTo(clock.instant());
      assertThat(published).containsExactly(new DomainEvent.UserCreated(created, clock.instant()));
    }

    @Test
    void create_withAKey_storesItInTheSameTransaction_andAuditsBoth() {
      User bot = accounts.create(admin, newUser("bot", null, new NewUser.Password.None()),
          List.of(saveKey(UserKey.Slot.CURRENT, KEYS[0])));
      assertThat(users.keys(bot.id())).containsExactly(new UserKey(bot.id(), UserKey.Slot.CURRENT, KEYS[0], null));
      assertThat(audit.latest(5)).extracting(AuditEntry::action).containsExactly("user.key.save", "user.create");
    }

    @Test
    void create_withAKeyThatIsNoKey_isRefused_andTheUserIsNotCreated() {
      var before = snapshot();
      assertThatThrownBy(() -> accounts.create(admin, newUser("bot", null, new NewUser.Password.None()),
          List.of(saveKey(UserKey.Slot.CURRENT, "not a key"))))
          .isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("The key is not an RSA public key in PEM format");
      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }

    @Test
    void create_aUsernameTakenInAnotherCase_isAConflict_andChangesNothing() {
      var before = snapshot();
      assertThatThrownBy(() -> accounts.create(admin, newUser("ADMIN", "fresh@example.com",
          new NewUser.Password.Plain(PASSWORD)), List.of()))
          .isInstanceOf(AtriumException.Conflict.class).hasMessage("Username ADMIN is already taken");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void create_anEmailTakenInAnotherCase_isAConflict_andChangesNothing() {
      var before = snapshot();
      assertThatThrownBy(() -> accounts.create(admin, newUser("fresh", "ADMIN@atrium.test",
          new NewUser.Password.Plain(PASSWORD)), List.of()))
          .isInstanceOf(AtriumException.Conflict.class).hasMessage("Email address ADMIN@atrium.test is already taken");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void create_byAUserWhoIsNoAdmin_isForbidden_andChangesNothing() {
      User plain = create("plain");
      var before = snapshot();
      assertThatThrownBy(() -> accounts.create(plain, newUser("x", null, new NewUser.Password.None()), List.of()))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void create_grantingSuperAdministrator_takesASuperAdministrator() {
      User provisioner = create("provisioner", Roles.USER_PROVISIONING);
      var before = snapshot();
      assertThatThrownBy(() -> accounts.create(provisioner, newUser("boss", null, new NewUser.Password.None(),
          Roles.SUPER_ADMINISTRATOR), List.of()))
          .isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("Only a SUPER_ADMINISTRATOR can grant the SUPER_ADMINISTRATOR role");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void create_aTooShortPassword_isInvalid_andChangesNothing() {
      var before = snapshot();
      assertThatThrownBy(() -> accounts.create(admin, newUser("shorty", null, new NewUser.Password.Plain("short")),
          List.of())).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("Password must be at least 8 characters long");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void register_createsAnIndividual_withoutAnAuditEntry_sinceNoAdminActed() {
      User self = accounts.registerWithFreeUsername(
          accounts.prepare(newUser("self", "self@example.com", new NewUser.Password.Plain(PASSWORD))));
      assertThat(userStore.byId(self.id())).contains(self);
      assertThat(self.createdBy()).isEqualTo("self");
      assertThat(self.roles()).containsExactly(Roles.INDIVIDUAL);
      assertThat(audit.latest(10)).isEmpty();
      assertThat(published).containsExactly(new DomainEvent.UserCreated(self, clock.instant()));
    }

    @Test
    void update_changesTheEditableFields_andAuditsBeforeAndAfter() {
      User jdoe = create("jdoe");
      published.clear();
      clock.advance(Duration.ofMinutes(1));
      Profile profile = names("Jane", "Roe");
      User after = accounts.update(admin, jdoe.id(),
          e -> new UserEdit("jroe", "Jane.Roe@example.com", profile, AccountType.SYSTEM), List.of());

      assertThat(after.username()).isEqualTo("jroe");
      assertThat(after.email()).isEqualTo("Jane.Roe@example.com");
      assertThat(after.profile()).isEqualTo(profile);
      assertThat(after.accountType()).isEqualTo(AccountType.SYSTEM);
      assertThat(after.updatedAt()).isEqualTo(clock.instant());
      assertThat(after.createdAt()).isEqualTo(jdoe.createdAt());
      assertThat(userStore.byId(jdoe.id())).contains(after);
      assertThat(userStore.byUsername("jdoe")).isEmpty();

      AuditEntry entry = lastAudit();
      assertThat(entry.action()).isEqualTo("user.update");
      assertThat((String) entry.before()).contains("\"username\":\"jdoe\"");
      assertThat((String) entry.after()).contains("\"username\":\"jroe\"");
      assertThat(published).containsExactly(new DomainEvent.UserUpdated(jdoe, after, clock.instant()));
    }

    @Test
    void update_makesTheNewNamesSearchable_andTheOldOnesNot() {
      User jdoe = create("jdoe");
      accounts.update(admin, jdoe.id(), e -> new UserEdit(e.username(), e.email(), names("Zebedee", "Quux"),
          e.accountType()), List.of());
      assertThat(users.search(UserSearch.builder().words(List.of("zeb", "qu")).limit(10).build()).users())
          .extracting(User::id).containsExactly(jdoe.id());
      assertThat(users.search(UserSearch.builder().words(List.of("first")).limit(10).build()).total()).isZero();
    }

    @Test
    void update_toATakenUsername_isAConflict_andNoKeyOfTheSameCallIsSaved() {
      User jdoe = create("jdoe");
      var before = snapshot();
      assertThatThrownBy(() -> accounts.update(admin, jdoe.id(),
          e -> new UserEdit("Admin", e.email(), e.profile(), e.accountType()),
          List.of(saveKey(UserKey.Slot.CURRENT, KEYS[0]))))
          .isInstanceOf(AtriumException.Conflict.class).hasMessage("Username Admin is already taken");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void update_toAnInvalidEmail_isInvalid_andChangesNothing() {
      User jdoe = create("jdoe");
      var before = snapshot();
      assertThatThrownBy(() -> accounts.update(admin, jdoe.id(),
          e -> new UserEdit(e.username(), "no-at-sign", e.profile(), e.accountType()), List.of()))
          .isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("The email address is not valid: no-at-sign");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void update_ofAnUnknownUser_isNotFound() {
      assertThatThrownBy(() -> accounts.update(admin, Fixtures.userId(999_999), e -> e, List.of()))
          .isInstanceOf(AtriumException.NotFound.class);
    }

    @Test
    void savingANewCurrentKey_keepsTheOldOneAsPrevious_forThreeDays() {
      User bot = accounts.create(admin, newUser("bot", null, new NewUser.Password.None()),
          List.of(saveKey(UserKey.Slot.CURRENT, KEYS[0])));
      clock.advance(Duration.ofHours(1));
      accounts.update(admin, bot.id(), e -> e, List.of(saveKey(UserKey.Slot.CURRENT, KEYS[1])));
      assertThat(users.keys(bot.id())).containsExactly(
          new UserKey(bot.id(), UserKey.Slot.CURRENT, KEYS[1], null),
          new UserKey(bot.id(), UserKey.Slot.PREVIOUS, KEYS[0], clock.instant().plus(Duration.ofHours(72))));
      assertThat(audit.latest(2)).extracting(AuditEntry::action).containsExactly("user.update", "user.key.save");
    }

    @Test
    void revokingAndExtendingKeys_areAudited() {
      User bot = accounts.create(admin, newUser("bot", null, new NewUser.Password.None()),
          List.of(saveKey(UserKey.Slot.CURRENT, KEYS[0])));
      Instant later = clock.instant().plus(Duration.ofDays(30));
      accounts.update(admin, bot.id(), e -> e,
          List.of(new KeyChange(UserKey.Slot.CURRENT, KeyChange.Action.EXTEND, null, later)));
      assertThat(users.keys(bot.id())).containsExactly(new UserKey(bot.id(), UserKey.Slot.CURRENT, KEYS[0], later));
      accounts.update(admin, bot.id(), e -> e,
          List.of(new KeyChange(UserKey.Slot.CURRENT, KeyChange.Action.REVOKE, null, null)));
      assertThat(users.keys(bot.id())).isEmpty();
      assertThat(audit.latest(4)).extracting(AuditEntry::action)
          .containsExactly("user.update", "user.key.revoke", "user.update", "user.key.extend");
    }

    @Test
    void setStatus_disabled_revokesEverySessionOfTheUser_atOnce() {
      User jdoe = create("jdoe");
      User other = create("other");
      Sessions.Minted first = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      Sessions.Minted second = sessions.loginWithPassword("jdoe@example.com", PASSWORD, "mobile", "phone");
      Sessions.Minted others = sessions.loginWithPassword("other", PASSWORD, "web", null);
      assertThat(sessions.authenticate(first.token())).isPresent();
      published.clear();
      clock.advance(Duration.ofSeconds(1));

      User disabled = accounts.setStatus(admin, jdoe.id(), UserStatus.DISABLED);

      assertThat(disabled.status()).isEqualTo(UserStatus.DISABLED);
      assertThat(userStore.byId(jdoe.id())).contains(disabled);
      assertThat(sessions.authenticate(first.token())).isEmpty();
      assertThat(sessions.authenticate(second.token())).isEmpty();
      assertThat(sessionStore.byTokenHash(first.session().tokenHash()).orElseThrow().revoked()).isTrue();
      assertThat(sessionStore.byTokenHash(second.session().tokenHash()).orElseThrow().revoked()).isTrue();
      assertThat(sessions.authenticate(others.token())).as("another user's session").isPresent();
      assertThat(lastAudit().action()).isEqualTo("user.status");
      assertThat(published).hasSize(3).contains(new DomainEvent.UserStatusChanged(disabled, clock.instant()));
      assertThat(published).filteredOn(DomainEvent.SessionsRevoked.class::isInstance).singleElement()
          .isInstanceOfSatisfying(DomainEvent.SessionsRevoked.class, e -> {
            assertThat(e.userId()).isEqualTo(jdoe.id());
            assertThat(e.sessionIds()).containsExactlyInAnyOrder(first.session().id(), second.session().id());
          });
      assertThatThrownBy(() -> sessions.loginWithPassword("jdoe", PASSWORD, "web", null))
          .isInstanceOf(AtriumException.Unauthenticated.class).hasMessage(Sessions.BAD_CREDENTIALS);
    }

    @Test
    void setStatus_enabledAgain_letsTheUserLogIn_butRevivesNoSession() {
      User jdoe = create("jdoe");
      Sessions.Minted old = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      accounts.setStatus(admin, jdoe.id(), UserStatus.DISABLED);
      accounts.setStatus(admin, jdoe.id(), UserStatus.ENABLED);
      assertThat(sessions.authenticate(old.token())).isEmpty();
      Sessions.Minted fresh = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      assertThat(sessions.authenticate(fresh.token())).isPresent();
      assertThat(audit.latest(2)).extracting(AuditEntry::action).containsExactly("user.status", "user.status");
    }

    @Test
    void setStatus_disablingOneself_isRefused_andChangesNothing() {
      Sessions.Minted mine = sessions.loginWithPassword("admin", ADMIN_PASSWORD, "web", null);
      var before = snapshot();
      assertThatThrownBy(() -> accounts.setStatus(admin, admin.id(), UserStatus.DISABLED))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("You cannot disable your own account");
      assertThat(snapshot()).isEqualTo(before);
      assertThat(sessions.authenticate(mine.token())).isPresent();
    }

    @Test
    void setRoles_replacesTheRoles_andAuditsThem() {
      User jdoe = create("jdoe");
      User after = userAdmin.setRoles(admin, jdoe.id(), Set.of(Roles.ADMINISTRATOR, Roles.INDIVIDUAL));
      assertThat(userStore.byId(jdoe.id()).orElseThrow().roles())
          .containsExactlyInAnyOrder(Roles.ADMINISTRATOR, Roles.INDIVIDUAL).isEqualTo(after.roles());
      assertThat(lastAudit().action()).isEqualTo("user.roles");
    }

    @Test
    void setRoles_byAnAdministrator_grantingSuperAdministrator_isForbidden_andChangesNothing() {
      User administrator = create("administrator", Roles.ADMINISTRATOR);
      User jdoe = create("jdoe");
      var before = snapshot();
      assertThatThrownBy(() -> userAdmin.setRoles(administrator, jdoe.id(), Set.of(Roles.SUPER_ADMINISTRATOR)))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> userAdmin.setRoles(administrator, jdoe.id(), Set.of("NO_SUCH_ROLE")))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("Unknown role: NO_SUCH_ROLE");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void setFeatures_setsTheGivenOnes_andAuditsTheChange() {
      User jdoe = create("jdoe");
      Map<String, Boolean> after = userAdmin.setFeatures(admin, jdoe.id(), Map.of("canUseFirehose", true,
          "postReadEnabled", false));
      Map<String, Boolean> expected = new LinkedHashMap<>(Features.DEFAULTS);
      expected.put("canUseFirehose", true);
      expected.put("postReadEnabled", false);
      assertThat(after).containsExactlyEntriesOf(expected);
      assertThat(users.features(jdoe.id())).containsExactlyEntriesOf(expected);
      AuditEntry entry = lastAudit();
      assertThat(entry.action()).isEqualTo("user.features");
      assertThat((String) entry.before()).contains("\"canUseFirehose\":false");
      assertThat((String) entry.after()).contains("\"canUseFirehose\":true");
    }

    @Test
    void setFeatures_anUnknownFeature_isInvalid_andSetsNoneOfThem() {
      User jdoe = create("jdoe");
      var before = snapshot();
      Map<String, Boolean> changes = new LinkedHashMap<>();
      changes.put("canUseFirehose", true);
      changes.put("canFly", true);
      assertThatThrownBy(() -> userAdmin.setFeatures(admin, jdoe.id(), changes))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("Unknown feature: canFly");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void updateDelegates_addsInOrder_removes_andAuditsEachChange() {
      User boss = create("boss");
      User a = create("a");
      User b = create("b");
      userAdmin.updateDelegates(admin, boss.id(), b.id(), UserAdmin.DelegateAction.ADD);
      userAdmin.updateDelegates(admin, boss.id(), a.id(), UserAdmin.DelegateAction.ADD);
      userAdmin.updateDelegates(admin, boss.id(), b.id(), UserAdmin.DelegateAction.ADD);
      assertThat(users.delegates(boss.id())).containsExactly(b.id(), a.id());
      userAdmin.updateDelegates(admin, boss.id(), b.id(), UserAdmin.DelegateAction.REMOVE);
      assertThat(users.delegates(boss.id())).containsExactly(a.id());
      assertThat(audit.latest(4)).extracting(AuditEntry::action).containsOnly("user.delegates");
      assertThat(lastAudit().before()).isEqualTo("[" + b.id() + "," + a.id() + "]");
      assertThat(lastAudit().after()).isEqualTo("[" + a.id() + "]");
    }

    @Test
    void updateDelegates_toAnUnknownUser_isNotFound_andChangesNothing() {
      User boss = create("boss");
      var before = snapshot();
      assertThatThrownBy(() -> userAdmin.updateDelegates(admin, boss.id(), Fixtures.userId(999_999),
          UserAdmin.DelegateAction.ADD)).isInstanceOf(AtriumException.NotFound.class);
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void assignDisclaimer_and_setAvatarVersion_areAudited() {
      User jdoe = create("jdoe");
      userAdmin.assignDisclaimer(admin, jdoe.id(), "d-1");
      assertThat(lastAudit().action()).isEqualTo("user.disclaimer");
      published.clear();
      User after = userAdmin.setAvatarVersion(admin, jdoe.id(), 2);
      assertThat(lastAudit().action()).isEqualTo("user.avatar");
      // One change, one event: a UserUpdated as well made Roomful push user:update twice.
      assertThat(published).containsExactly(new DomainEvent.AvatarUpdated(after, after.updatedAt()));
      assertThat(userStore.byId(jdoe.id())).contains(after);
      assertThat(after.disclaimerId()).isEqualTo("d-1");
      assertThat(after.avatarVersion()).isEqualTo(2);
    }

    @Test
    void anAdminOnlyChange_byAUserWhoIsNoAdmin_isForbidden_andChangesNothing() {
      User plain = create("plain");
      User other = create("other");
      var before = snapshot();
      List<Runnable> attempts = List.of(
          () -> accounts.update(plain, other.id(), e -> e, List.of()),
          () -> accounts.setStatus(plain, other.id(), UserStatus.DISABLED),
          () -> userAdmin.setRoles(plain, other.id(), Set.of(Roles.INDIVIDUAL)),
          () -> userAdmin.setFeatures(plain, other.id(), Map.of("canUseFirehose", true)),
          () -> userAdmin.updateDelegates(plain, other.id(), plain.id(), UserAdmin.DelegateAction.ADD),
          () -> userAdmin.assignDisclaimer(plain, other.id(), "d-1"),
          () -> userAdmin.setAvatarVersion(plain, other.id(), 9));
      for (Runnable attempt : attempts) {
        assertThatThrownBy(attempt::run).isInstanceOf(AtriumException.Forbidden.class);
      }
      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Nested
  class SessionsService {
    @Test
    void loginWithPassword_byEmailOrUsername_ignoringCase_opensASession_thatTheTokenAuthenticates() {
      User jdoe = create("jdoe");
      clock.advance(Duration.ofMinutes(3));
      for (String login : List.of("jdoe", "JDOE", "jdoe@example.com", "JDoe@Example.COM")) {
        Sessions.Minted minted = sessions.loginWithPassword(login, PASSWORD, "web", "laptop");
        Session s = minted.session();
        assertThat(Base64.getUrlDecoder().decode(minted.token())).as("at least 128 random bits").hasSize(32);
        assertThat(s.tokenHash()).isEqualTo(Sessions.hash(minted.token())).isNotEqualTo(minted.token());
        assertThat(s.userId()).isEqualTo(jdoe.id());
        assertThat(s.createdAt()).isEqualTo(clock.instant()).isEqualTo(s.lastUsedAt());
        assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(LIFETIME));
        assertThat(sessionStore.byTokenHash(s.tokenHash())).contains(s);
        Principal principal = sessions.authenticate(minted.token()).orElseThrow();
        assertThat(principal.userId()).isEqualTo(jdoe.id());
        assertThat(principal.session()).isEqualTo(s);
      }
      User after = userStore.byId(jdoe.id()).orElseThrow();
      assertThat(after.lastLoginAt()).isEqualTo(clock.instant());
      // A login leaves isNew alone: Roomful's client clears it (user:setUserIsNotNew) after its first-time screens.
      assertThat(after.isNew()).isTrue();
    }

    @Test
    void loginWithPassword_refusesEveryWrongCase_withOneMessage_andOpensNoSession() {
      User jdoe = create("jdoe");
      create("off");
      accounts.setStatus(admin, userStore.byUsername("off").orElseThrow().id(), UserStatus.DISABLED);
      accounts.create(admin, newUser("nopass", "nopass@example.com", new NewUser.Password.None()), List.of());
      var before = snapshot();
      for (String[] attempt : List.of(new String[] {"jdoe", "wrong-password"}, new String[] {"nobody", PASSWORD},
          new String[] {"off", PASSWORD}, new String[] {"nopass", ""}, new String[] {"nopass", PASSWORD},
          new String[] {"", PASSWORD})) {
        assertThatThrownBy(() -> sessions.loginWithPassword(attempt[0], attempt[1], "web", null))
            .as("login %s / %s", attempt[0], attempt[1])
            .isInstanceOf(AtriumException.Unauthenticated.class).hasMessage(Sessions.BAD_CREDENTIALS);
      }
      assertThat(snapshot()).isEqualTo(before);
      assertThat(userStore.byId(jdoe.id()).orElseThrow().lastLoginAt()).isNull();
    }

    @Test
    void loginWithPassword_checksSymphonysPbkdf2Material_thenReplacesItWithTheConfiguredHash() {
      byte[] salt = "sixteen byte salt".getBytes(StandardCharsets.UTF_8);
      String secret = "pbkdf2-password";
      NewUser.Password material = new NewUser.Password.SymphonyPbkdf2(Base64.getEncoder().encodeToString(salt),
          Base64.getEncoder().encodeToString(Passwords.pbkdf2(secret, salt, 256)));
      User sym = accounts.create(admin, newUser("sym", null, material), List.of());
      String stored = userStore.passwordHash(sym.id()).orElseThrow();
      assertThat(stored).startsWith("symphony-pbkdf2$");

      assertThatThrownBy(() -> sessions.loginWithPassword("sym", "not-the-password", "web", null))
          .isInstanceOf(AtriumException.Unauthenticated.class);
      assertThat(userStore.passwordHash(sym.id())).contains(stored);

      assertThat(sessions.authenticate(sessions.loginWithPassword("sym", secret, "web", null).token())).isPresent();
      String rehashed = userStore.passwordHash(sym.id()).orElseThrow();
      assertThat(rehashed).startsWith("fast-v1$");
      assertThat(passwords.verify(secret, rehashed)).isTrue();
      assertThat(sessions.loginWithPassword("sym", secret, "web", null)).isNotNull();
      assertThat(userStore.passwordHash(sym.id())).as("no rehash of a current hash").contains(rehashed);
    }

    @Test
    void create_refusesPbkdf2MaterialThatIsNotBase64() {
      assertThatThrownBy(() -> accounts.create(admin, newUser("sym", null,
          new NewUser.Password.SymphonyPbkdf2("not base64!", "AAAA")), List.of()))
          .isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("The salt and the hash of a pre-hashed password must be base64");
    }

    @Test
    void loginWithPassword_rehashesAHashMadeAtAnOlderCost() {
      User jdoe = create("jdoe");
      Passwords stronger = new Passwords(new FastPasswordHasher("v2"));
      Sessions upgraded = sessions(stronger);
      assertThat(userStore.passwordHash(jdoe.id()).orElseThrow()).startsWith("fast-v1$");
      upgraded.loginWithPassword("jdoe", PASSWORD, "web", null);
      String rehashed = userStore.passwordHash(jdoe.id()).orElseThrow();
      assertThat(rehashed).startsWith("fast-v2$");
      assertThat(stronger.verify(PASSWORD, rehashed)).isTrue();
    }

    @Test
    void open_forADisabledUser_isRefused() {
      User jdoe = create("jdoe");
      User disabled = accounts.setStatus(admin, jdoe.id(), UserStatus.DISABLED);
      var before = snapshot();
      assertThatThrownBy(() -> sessions.open(disabled, Session.Kind.KEY_MANAGER, "symphony", null))
          .isInstanceOf(AtriumException.Unauthenticated.class);
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aSessionExpiresAfterItsLifetime_evenOnceCached() {
      create("jdoe");
      Sessions.Minted minted = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      assertThat(sessions.authenticate(minted.token())).isPresent();
      clock.set(minted.session().expiresAt().minusMillis(1));
      assertThat(sessions.authenticate(minted.token())).isPresent();
      clock.set(minted.session().expiresAt());
      assertThat(sessions.authenticate(minted.token())).isEmpty();
      Sessions otherNode = sessions(passwords);
      assertThat(otherNode.authenticate(minted.token())).as("read from the store").isEmpty();
    }

    @Test
    void authenticate_writesLastUsedAt_atMostOncePerTouchInterval() {
      create("jdoe");
      Sessions.Minted minted = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      Instant opened = clock.instant();
      String hash = minted.session().tokenHash();

      clock.advance(Sessions.TOUCH_INTERVAL.minusMillis(1));
      assertThat(sessions.authenticate(minted.token()).orElseThrow().session().lastUsedAt()).isEqualTo(opened);
      assertThat(sessionStore.byTokenHash(hash).orElseThrow().lastUsedAt()).isEqualTo(opened);

      Instant touched = clock.advance(Duration.ofMillis(1));
      assertThat(sessions.authenticate(minted.token()).orElseThrow().session().lastUsedAt()).isEqualTo(touched);
      assertThat(sessionStore.byTokenHash(hash).orElseThrow().lastUsedAt()).isEqualTo(touched);

      clock.advance(Duration.ofSeconds(30));
      assertThat(sessions.authenticate(minted.token()).orElseThrow().session().lastUsedAt()).isEqualTo(touched);
      assertThat(sessionStore.byTokenHash(hash).orElseThrow().lastUsedAt()).isEqualTo(touched);
    }

    @Test
    void authenticate_withoutAUsableToken_findsNobody() {
      create("jdoe");
      sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      assertThat(sessions.authenticate(null)).isEmpty();
      assertThat(sessions.authenticate("")).isEmpty();
      assertThat(sessions.authenticate("no-such-token")).isEmpty();
      assertThat(sessions.authenticate("x".repeat(513))).isEmpty();
    }

    @Test
    void logout_revokesTheSession_andPublishesIt() {
      User jdoe = create("jdoe");
      Sessions.Minted minted = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      Sessions.Minted other = sessions.loginWithPassword("jdoe", PASSWORD, "mobile", null);
      published.clear();
      sessions.logout(minted.token());
      assertThat(sessions.authenticate(minted.token())).isEmpty();
      assertThat(sessionStore.byTokenHash(minted.session().tokenHash()).orElseThrow().revoked()).isTrue();
      assertThat(sessions.authenticate(other.token())).as("the user's other session").isPresent();
      assertThat(published).containsExactly(
          new DomainEvent.SessionsRevoked(jdoe.id(), List.of(minted.session().id()), clock.instant()));
      assertThatThrownBy(() -> sessions.logout(minted.token()))
          .isInstanceOf(AtriumException.Unauthenticated.class).hasMessage("Invalid session");
    }

    @Test
    void aSessionRevokedByAnotherNode_isRefusedHereOnceItsEventArrives() {
      create("jdoe");
      Sessions.Minted minted = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      assertThat(sessions.authenticate(minted.token())).isPresent();
      sessions(passwords).logout(minted.token());
      assertThat(sessions.authenticate(minted.token())).isEmpty();
    }

    /**
     * Regression: disabling a user cleared the session cache before the revocation committed, so a request
     * in between could cache the session again; once the user was enabled again, the revoked token worked.
     */
    @Test
    void aRevokedSessionStaysRevokedAfterTheUserIsEnabledAgain() throws InterruptedException {
      User jdoe = create("jdoe");
      Sessions.Minted minted = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      tx.run(() -> {
        sessions.revokeAllOf(jdoe.id());
        // A request on another thread still reads the committed, live row, and caches it.
        Thread request = Thread.ofVirtual().start(() -> sessions.authenticate(minted.token()));
        try {
          request.join();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(sessions.authenticate(minted.token())).isEmpty();
    }

    @Test
    void purgeExpired_deletesTheExpiredSessionsOnly() {
      create("jdoe");
      Sessions.Minted early = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      clock.advance(Duration.ofHours(1));
      Sessions.Minted late = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      clock.set(early.session().expiresAt().plusMillis(1));
      assertThat(sessions.purgeExpired()).isEqualTo(1);
      assertThat(sessionStore.byTokenHash(early.session().tokenHash())).isEmpty();
      assertThat(sessionStore.byTokenHash(late.session().tokenHash())).isPresent();
      assertThat(sessions.authenticate(late.token())).isPresent();
    }

    // Regression: a login read the user, spent its time hashing the password, then wrote that old copy back
    // with its last-login time; an administrator who disabled the user in between saw the user enabled again.
    @Test
    void aLoginThatRacesADisable_doesNotEnableTheUserAgain() throws Exception {
      User jdoe = create("jdoe");
      CountDownLatch verifying = new CountDownLatch(1);
      CountDownLatch carryOn = new CountDownLatch(1);
      PasswordHasher slow = new PasswordHasher() {
        @Override
        public String hash(String password) {
          return passwords.hash(password);
        }

        @Override
        public boolean verify(String password, String hash) {
          verifying.countDown();
          try {
            carryOn.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return passwords.verify(password, hash);
        }

        @Override
        public boolean needsRehash(String hash) {
          return passwords.needsRehash(hash);
        }
      };
      Sessions slowSessions = sessions(slow);
      CompletableFuture<Optional<Sessions.Minted>> login = CompletableFuture.supplyAsync(() -> {
        try {
          return Optional.of(slowSessions.loginWithPassword("jdoe", PASSWORD, "web", null));
        } catch (AtriumException.Unauthenticated refused) {
          return Optional.empty();
        }
      });
      assertThat(verifying.await(10, TimeUnit.SECONDS)).isTrue();
      accounts.setStatus(admin, jdoe.id(), UserStatus.DISABLED);
      carryOn.countDown();
      Optional<Sessions.Minted> minted = login.get(10, TimeUnit.SECONDS);

      assertThat(userStore.byId(jdoe.id()).orElseThrow().status()).isEqualTo(UserStatus.DISABLED);
      minted.ifPresent(m -> assertThat(sessions.authenticate(m.token())).isEmpty());
    }
  }

  /**
   * Services publish from inside their transaction; an outer transaction around several service calls decides
   * whether their events are delivered (once it commits, each once, in order) or not at all (a rollback).
   */
  @Nested
  class EventsAtCommit {
    @Test
    void anOuterTransactionThatRollsBack_afterTwoServiceCalls_publishesNothing_andChangesNothing() {
      User jdoe = create("jdoe");
      Sessions.Minted minted = sessions.loginWithPassword("jdoe", PASSWORD, "web", null);
      assertThat(sessions.authenticate(minted.token())).isPresent();
      published.clear();
      var before = snapshot();

      assertThatThrownBy(() -> tx.run(() -> {
        accounts.setStatus(admin, jdoe.id(), UserStatus.DISABLED);
        userAdmin.setRoles(admin, jdoe.id(), Set.of(Roles.INDIVIDUAL, Roles.USER_PROVISIONING));
        throw new IllegalStateException("the outer work failed");
      })).isInstanceOf(IllegalStateException.class).hasMessage("the outer work failed");

      assertThat(published).isEmpty();
      assertThat(snapshot()).isEqualTo(before);
      assertThat(sessions.authenticate(minted.token())).as("the revocation rolled back with the rest").isPresent();
    }

    @Test
    void anOuterTransactionThatCommits_publishesEachEventOfItsServiceCallsOnce_inOrder() {
      List<User> done = tx.inTransaction(() -> {
        User created = accounts.create(admin, newUser("jdoe", "jdoe@example.com", new NewUser.Password.Plain(PASSWORD)),
            List.of());
        User disabled = accounts.setStatus(admin, created.id(), UserStatus.DISABLED);
        return List.of(created, disabled);
      });
      User created = done.get(0);
      User disabled = done.get(1);

      assertThat(userStore.byId(created.id())).contains(disabled);
      assertThat(published).containsExactly(
          new DomainEvent.UserCreated(created, clock.instant()),
          new DomainEvent.UserUpdated(created, disabled, clock.instant()),
          new DomainEvent.SessionsRevoked(created.id(), List.of(), clock.instant()),
          new DomainEvent.UserStatusChanged(disabled, clock.instant()));
    }

    @Test
    void aServiceCallNestedInAnOuterTransaction_publishesNothingBeforeTheOuterCommit() {
      User jdoe = create("jdoe");
      published.clear();

      List<DomainEvent> heardInside = tx.inTransaction(() -> {
        userAdmin.setRoles(admin, jdoe.id(), Set.of(Roles.INDIVIDUAL, Roles.USER_PROVISIONING));
        return List.copyOf(published);
      });

      assertThat(heardInside).isEmpty();
      assertThat(published).singleElement().isInstanceOf(DomainEvent.UserUpdated.class);
    }
  }

  @Nested
  class AdminService {
    Admin service;

    @BeforeEach
    void wireAdmin() {
      service = new Admin(new JdbcAdminStore(tx), users, userAdmin, audit, tx, clock, new SplittableRandom(3));
    }

    Admin.DisclaimerSpec spec(String name, boolean isDefault, boolean isActive) {
      return new Admin.DisclaimerSpec(name, "Content of " + name, 24, isDefault, isActive, Disclaimer.Format.TEXT);
    }

    @Test
    void createDisclaimer_asDefault_makesItTheOnlyDefault_andAuditsIt() {
      Disclaimer first = service.createDisclaimer(admin, spec("first", true, true));
      clock.advance(Duration.ofMinutes(1));
      Disclaimer second = service.createDisclaimer(admin, spec("second", true, true));
      assertThat(service.disclaimers(admin)).extracting(Disclaimer::id, Disclaimer::isDefault)
          .containsExactly(tuple(first.id(), false), tuple(second.id(), true));
      assertThat(service.disclaimer(admin, first.id()).modifiedAt()).isEqualTo(clock.instant());
      assertThat(lastAudit().action()).isEqualTo("disclaimer.create");
      assertThat(lastAudit().target()).isEqualTo("disclaimer:" + second.id());
    }

    @Test
    void updateDisclaimer_keepsItsCreation_andAuditsBeforeAndAfter() {
      Disclaimer created = service.createDisclaimer(admin, spec("terms", false, true));
      clock.advance(Duration.ofHours(1));
      Disclaimer updated = service.updateDisclaimer(admin, created.id(), spec("new terms", false, false));
      assertThat(updated.createdAt()).isEqualTo(created.createdAt());
      assertThat(updated.modifiedAt()).isEqualTo(clock.instant());
      assertThat(service.disclaimer(admin, created.id())).isEqualTo(updated);
      assertThat(lastAudit().action()).isEqualTo("disclaimer.update");
      assertThat((String) lastAudit().before()).contains("\"name\":\"terms\"");
    }

    @Test
    void updateDisclaimer_unknown_isNotFound_andChangesNothing() {
      var before = snapshot();
      assertThatThrownBy(() -> service.updateDisclaimer(admin, "nope", spec("x", false, true)))
          .isInstanceOf(AtriumException.NotFound.class).hasMessage("Disclaimer nope not found");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void assignDisclaimer_setsItOnTheUser_whoIsThenListedUnderIt() {
      User jdoe = create("jdoe");
      Disclaimer d = service.createDisclaimer(admin, spec("terms", false, true));
      service.assignDisclaimer(admin, jdoe.id(), d.id());
      assertThat(userStore.byId(jdoe.id()).orElseThrow().disclaimerId()).isEqualTo(d.id());
      assertThat(service.disclaimerUsers(admin, d.id())).containsExactly(jdoe.id());
      assertThat(lastAudit().action()).isEqualTo("user.disclaimer");
    }

    @Test
    void assignDisclaimer_thatIsInactiveOrUnknown_isInvalid_andChangesNothing() {
      User jdoe = create("jdoe");
      Disclaimer inactive = service.createDisclaimer(admin, spec("old", false, false));
      var before = snapshot();
      assertThatThrownBy(() -> service.assignDisclaimer(admin, jdoe.id(), inactive.id()))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("Disclaimer " + inactive.id() + " is not active");
      assertThatThrownBy(() -> service.assignDisclaimer(admin, jdoe.id(), "nope"))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("Disclaimer nope does not exist");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void setPodApps_addsNewAppsLast_updatesKnownOnesInPlace_andAudits() {
      App.PodEntitlement a = new App.PodEntitlement("a", "A", true, true, false);
      App.PodEntitlement b = new App.PodEntitlement("b", "B", true, false, false);
      service.setPodApps(admin, List.of(b, a));
      App.PodEntitlement b2 = new App.PodEntitlement("b", "B2", false, true, true);
      App.PodEntitlement c = new App.PodEntitlement("c", "C", true, true, true);
      assertThat(service.setPodApps(admin, List.of(c, b2))).containsExactly(b2, a, c);
      assertThat(service.podApps(admin)).containsExactly(b2, a, c);
      assertThat(audit.latest(2)).extracting(AuditEntry::action).containsExactly("apps.update", "apps.update");
    }

    @Test
    void setUserApps_storesTheUsersOwnSettings_overThePodsForEnabledApps() {
      User jdoe = create("jdoe");
      service.setPodApps(admin, List.of(new App.PodEntitlement("a", "A", true, true, false),
          new App.PodEntitlement("off", "Off", false, true, true),
          new App.PodEntitlement("b", "B", true, false, true)));
      App.UserEntitlement own = new App.UserEntitlement("b", "B", true, false,
          List.of(new App.Product("b", "Pro", "sku-pro", true, "premium")));
      List<App.UserEntitlement> result = service.setUserApps(admin, jdoe.id(), List.of(own));
      assertThat(result).containsExactly(new App.UserEntitlement("a", "A", true, false, List.of()), own);
      assertThat(service.userApps(admin, jdoe.id())).isEqualTo(result);
      assertThat(lastAudit().action()).isEqualTo("user.apps");
    }

    @Test
    void setUserApps_withAnUnknownApp_orAForeignProduct_isInvalid_andChangesNothing() {
      User jdoe = create("jdoe");
      service.setPodApps(admin, List.of(new App.PodEntitlement("a", "A", true, true, false)));
      var before = snapshot();
      assertThatThrownBy(() -> service.setUserApps(admin, jdoe.id(),
          List.of(new App.UserEntitlement("zzz", "Z", true, true, List.of()))))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("Unknown application: zzz");
      assertThatThrownBy(() -> service.setUserApps(admin, jdoe.id(), List.of(new App.UserEntitlement("a", "A", true,
          true, List.of(new App.Product("other", "P", "sku", true, "t"))))))
          .isInstanceOf(AtriumException.Invalid.class).hasMessage("A product's appId must be the app's own: other");
      assertThat(snapshot()).isEqualTo(before);
    }
  }
}
