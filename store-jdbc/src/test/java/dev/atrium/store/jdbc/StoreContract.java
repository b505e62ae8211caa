package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.fullProfile;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.profile;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.admin.App;
import dev.atrium.core.admin.Disclaimer;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.client.ApiClient;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.session.PersonalToken;
import dev.atrium.core.session.Session;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserFilter;
import dev.atrium.core.user.UserKey;
import dev.atrium.core.user.UserPage;
import dev.atrium.core.user.UserSearch;
import dev.atrium.core.user.UserStatus;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every store implementation must do, run once per {@link Backend} by a subclass of one line (JDBI's
 * TestHandle / TestHandlePg). Each test starts on empty tables.
 */
abstract class StoreContract extends DatabaseTest {
  JdbcUserStore users;
  JdbcSessionStore sessions;
  JdbcAuditLog audit;
  JdbcAdminStore admin;

  StoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    users = new JdbcUserStore(tx);
    sessions = new JdbcSessionStore(tx);
    audit = new JdbcAuditLog(tx);
    admin = new JdbcAdminStore(tx);
  }

  /** Inserts a plain user with the next id of the sequence. */
  User insert(String username, @Nullable String email) {
    return insert(username, email, names(null, null));
  }

  User insert(String username, @Nullable String email, Profile profile) {
    User u = user(userId(users.nextSequence()), username, email, profile);
    tx.run(() -> users.insert(u));
    return u;
  }

  @Test
  void theSuiteEmptiesEveryTableOfTheSchema() {
    List<String> tables = database.dsl().fetch("select table_name from information_schema.tables"
            + " where table_schema = current_schema and table_type = 'BASE TABLE'")
        .getValues(0, String.class).stream().map(String::toLowerCase)
        .filter(t -> !t.equals("flyway_schema_history")).toList();
    assertThat(tables).as("a table the suite does not empty before each test").containsExactlyInAnyOrderElementsOf(
        TABLES);
  }

  @Nested
  class Users {
    @Test
    void insert_thenById_returnsEveryField() {
      User u = User.builder().id(userId(users.nextSequence())).username("Ada.Lovelace").email("Ada@Example.COM")
          .profile(fullProfile()).status(UserStatus.DISABLED).accountType(AccountType.SYSTEM)
          .roles(Set.of(Roles.INDIVIDUAL, Roles.ADMINISTRATOR)).createdAt(T0).createdBy("admin")
          .updatedAt(T0.plusSeconds(5)).lastLoginAt(T0.plusMillis(6_001)).lastPasswordResetAt(T0.plusMillis(7_002))
          .emailVerified(true).isNew(false).avatarVersion(3).disclaimerId("d-1").build();
      tx.run(() -> users.insert(u));
      assertThat(users.byId(u.id())).contains(u);
    }

    @Test
    void insert_withOnlyTheRequiredFields_readsBackTheAbsentOnesAsAbsent() {
      User u = user(userId(users.nextSequence()), "bare", null, Profile.EMPTY);
      tx.run(() -> users.insert(u));
      assertThat(users.byId(u.id())).contains(u);
    }

    @Test
    void byId_unknown_isEmpty() {
      assertThat(users.byId(userId(999))).isEmpty();
    }

    @Test
    void byUsername_ignoresCase() {
      User u = insert("Grace.Hopper", "grace@example.com");
      assertThat(users.byUsername("grace.hopper")).contains(u);
      assertThat(users.byUsername("GRACE.HOPPER")).contains(u);
      assertThat(users.byUsername("grace")).isEmpty();
    }

    @Test
    void byEmail_ignoresCase() {
      User u = insert("grace", "Grace.Hopper@Example.com");
      assertThat(users.byEmail("grace.hopper@example.com")).contains(u);
      assertThat(users.byEmail("GRACE.HOPPER@EXAMPLE.COM")).contains(u);
      assertThat(users.byEmail("grace@example.com")).isEmpty();
    }

    @Test
    void manyUsersMayHaveNoEmail() {
      User a = insert("a", null);
      User b = insert("b", null);
      assertThat(users.ids()).containsExactly(a.id(), b.id());
    }

    @Test
    void insert_usernameTakenInAnotherCase_isAConflict() {
      insert("alan", "alan@example.com");
      User twin = user(userId(users.nextSequence()), "ALAN", "other@example.com", names(null, null));
      assertThatThrownBy(() -> tx.run(() -> users.insert(twin))).isInstanceOf(AtriumException.Conflict.class);
      assertThat(users.byId(twin.id())).isEmpty();
    }

    @Test
    void insert_emailTakenInAnotherCase_isAConflict() {
      insert("alan", "alan@example.com");
      User twin = user(userId(users.nextSequence()), "turing", "Alan@Example.com", names(null, null));
      assertThatThrownBy(() -> tx.run(() -> users.insert(twin))).isInstanceOf(AtriumException.Conflict.class);
      assertThat(users.byId(twin.id())).isEmpty();
    }

    // Regression: only the end of a transaction translated driver errors, so a store call made outside one
    // leaked jOOQ's IntegrityConstraintViolationException.
    @Test
    void insert_duplicateOutsideATransaction_isAConflictToo() {
      insert("alan", "alan@example.com");
      User twin = user(userId(users.nextSequence()), "Alan", null, names(null, null));
      assertThatThrownBy(() -> users.insert(twin)).isInstanceOf(AtriumException.Conflict.class);
    }

    @Test
    void update_replacesEveryField() {
      User u = insert("old", "old@example.com", names("Old", "Name"));
      User changed = u.toBuilder().username("New").email("New@Example.com").profile(fullProfile())
          .status(UserStatus.DISABLED).accountType(AccountType.SYSTEM).roles(Set.of(Roles.SUPER_ADMINISTRATOR))
          .updatedAt(T0.plusSeconds(60)).lastLoginAt(T0.plusSeconds(30)).lastPasswordResetAt(T0.plusSeconds(40))
          .emailVerified(true).isNew(false).avatarVersion(7).disclaimerId("disclaimer-2").build();
      tx.run(() -> users.update(changed));
      assertThat(users.byId(u.id())).contains(changed);
      assertThat(users.byUsername("old")).isEmpty();
      assertThat(users.byEmail("new@example.com")).contains(changed);
    }

    @Test
    void update_toAUsernameOrEmailOfAnotherUser_isAConflict_andChangesNothing() {
      User a = insert("a", "a@example.com");
      User b = insert("b", "b@example.com");
      var before = snapshot();
      User bWithAsName = b.withProfile("A", b.email(), b.profile(), b.accountType(), T0.plusSeconds(1));
      User bWithAsEmail = b.withProfile("b", "A@example.com", b.profile(), b.accountType(), T0.plusSeconds(1));
      assertThatThrownBy(() -> tx.run(() -> users.update(bWithAsName))).isInstanceOf(AtriumException.Conflict.class);
      assertThatThrownBy(() -> tx.run(() -> users.update(bWithAsEmail))).isInstanceOf(AtriumException.Conflict.class);
      assertThat(snapshot()).isEqualTo(before);
      assertThat(users.byId(a.id())).contains(a);
    }

    @Test
    void update_keepsThePasswordHash() {
      User u = insert("pw", null);
      tx.run(() -> users.setPasswordHash(u.id(), "hash-1"));
      tx.run(() -> users.update(u.withLastLogin(T0.plusSeconds(9))));
      assertThat(users.passwordHash(u.id())).contains("hash-1");
    }

    @Test
    void isEmpty_untilTheFirstUser() {
      assertThat(users.isEmpty()).isTrue();
      insert("first", null);
      assertThat(users.isEmpty()).isFalse();
    }

    @Test
    void ids_ascending() {
      User a = insert("a", null);
      User b = insert("b", null);
      User c = insert("c", null);
      assertThat(users.ids()).containsExactly(a.id(), b.id(), c.id());
    }

    @Test
    void nextSequence_neverRepeats_evenAcrossThreads() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          futures.add(pool.submit(() -> {
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
              got.add(users.nextSequence());
            }
            return got;
          }));
        }
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> f : futures) {
          for (long n : f.get()) {
            assertThat(all.add(n)).as("sequence number %d handed out twice", n).isTrue();
            assertThat(n).isPositive();
          }
        }
        assertThat(all).hasSize(200);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void nextSequence_isNotRolledBack() {
      long[] inside = new long[1];
      assertThatThrownBy(() -> tx.run(() -> {
        inside[0] = users.nextSequence();
        throw new IllegalStateException("roll back");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(users.nextSequence()).isGreaterThan(inside[0]);
    }
  }

  @Nested
  class Find {
    User ada;
    User grace;
    User alan;

    @BeforeEach
    void people() {
      ada = insert("ada", "ada@example.com", profile("Ada", "Lovelace", "Countess", "Analyst", "Engines",
          "Research", "London"));
      grace = insert("grace", "grace@navy.example", profile("Grace", "Hopper", null, "Rear Admiral", "Navy",
          "Computing", "Arlington"));
      alan = insert("alan", "alan@example.com", profile("Alan", "Turing", null, "analyst", "Bletchley",
          "research", "LONDON"));
    }

    private List<User> find(@Nullable String email, @Nullable String name, @Nullable String department,
        @Nullable String title, @Nullable String role, @Nullable UserStatus status, @Nullable AccountType type,
        @Nullable String location) {
      return users.find(new UserFilter(email, name, department, title, role, status, type, location));
    }

    @Test
    void noCriterion_findsEveryone_ascendingById() {
      assertThat(find(null, null, null, null, null, null, null, null)).containsExactly(ada, grace, alan);
    }

    @Test
    void email_matchesTheWholeAddressIgnoringCase() {
      assertThat(find("GRACE@navy.example", null, null, null, null, null, null, null)).containsExactly(grace);
      assertThat(find("grace@navy", null, null, null, null, null, null, null)).isEmpty();
    }

    @Test
    void name_matchesPartOfFirstLastDisplayOrUsername_ignoringCase() {
      assertThat(find(null, "HOPP", null, null, null, null, null, null)).containsExactly(grace);
      assertThat(find(null, "race", null, null, null, null, null, null)).containsExactly(grace);
      assertThat(find(null, "count", null, null, null, null, null, null)).containsExactly(ada);
      assertThat(find(null, "ala", null, null, null, null, null, null)).containsExactly(alan);
      assertThat(find(null, "a", null, null, null, null, null, null)).containsExactly(ada, grace, alan);
    }

    @Test
    void name_treatsLikeWildcardsAsPlainCharacters() {
      User percent = insert("per%cent", null, names("100%", "sure"));
      User under = insert("under_score", null, names("x_y", null));
      assertThat(find(null, "%", null, null, null, null, null, null)).containsExactly(percent);
      assertThat(find(null, "_", null, null, null, null, null, null)).containsExactly(under);
      assertThat(find(null, "!", null, null, null, null, null, null)).isEmpty();
    }

    @Test
    void department_title_location_matchTheWholeValueIgnoringCase() {
      assertThat(find(null, null, "RESEARCH", null, null, null, null, null)).containsExactly(ada, alan);
      assertThat(find(null, null, "Resea", null, null, null, null, null)).isEmpty();
      assertThat(find(null, null, null, "ANALYST", null, null, null, null)).containsExactly(ada, alan);
      assertThat(find(null, null, null, null, null, null, null, "london")).containsExactly(ada, alan);
    }

    @Test
    void role_matchesAUserHoldingIt() {
      User admin = withRolesStored(grace, Set.of(Roles.ADMINISTRATOR, Roles.INDIVIDUAL));
      assertThat(find(null, null, null, null, Roles.ADMINISTRATOR, null, null, null)).containsExactly(admin);
      assertThat(find(null, null, null, null, Roles.INDIVIDUAL, null, null, null)).containsExactly(ada, admin, alan);
      assertThat(find(null, null, null, null, "ADMIN", null, null, null)).as("no partial role names").isEmpty();
    }

    @Test
    void status_and_accountType() {
      User disabled = store(Fixtures.withStatus(ada, UserStatus.DISABLED));
      User bot = store(Fixtures.withAccountType(alan, AccountType.SYSTEM));
      assertThat(find(null, null, null, null, null, UserStatus.DISABLED, null, null)).containsExactly(disabled);
      assertThat(find(null, null, null, null, null, UserStatus.ENABLED, null, null)).containsExactly(grace, bot);
      assertThat(find(null, null, null, null, null, null, AccountType.SYSTEM, null)).containsExactly(bot);
      assertThat(find(null, null, null, null, null, null, AccountType.NORMAL, null)).containsExactly(disabled, grace);
    }

    @Test
    void everyGivenCriterionMustMatch() {
      assertThat(find(null, "a", "research", "analyst", null, null, null, "london")).containsExactly(ada, alan);
      assertThat(find("ada@example.com", "a", "research", "analyst", Roles.INDIVIDUAL, UserStatus.ENABLED,
          AccountType.NORMAL, "london")).containsExactly(ada);
      assertThat(find("ada@example.com", null, "computing", null, null, null, null, null)).isEmpty();
    }

    private User withRolesStored(User u, Set<String> roles) {
      return store(Fixtures.withRoles(u, roles));
    }

    private User store(User changed) {
      tx.run(() -> users.update(changed));
      return changed;
    }
  }

  @Nested
  class Search {
    User ada;
    User grace;
    User alan;

    @BeforeEach
    void people() {
      ada = insert("ada.lovelace", "countess@engines.example", profile("Ada", "Lovelace", "Ada King", "Analyst",
          "Engines", null, "London"));
      grace = insert("ghopper", "grace.hopper@navy.example", profile("Grace Brewster", "Hopper", null, "Admiral",
          "Navy", null, "Arlington"));
      alan = insert("alan", "alan@bletchley.example", profile("Alan", "Turing", null, "analyst", "Bletchley", null,
          "london"));
    }

    private UserPage search(List<String> words) {
      return users.search(UserSearch.builder().words(words).limit(50).build());
    }

    @Test
    void aWordMatchesThePrefixOfAnyWordOfNamesUsernameOrEmail() {
      assertThat(search(List.of("lov")).users()).containsExactly(ada);
      assertThat(search(List.of("king")).users()).as("display name").containsExactly(ada);
      assertThat(search(List.of("brew")).users()).as("second first name").containsExactly(grace);
      assertThat(search(List.of("ghop")).users()).as("username").containsExactly(grace);
      assertThat(search(List.of("lovelace")).users()).as("part of the username").containsExactly(ada);
      assertThat(search(List.of("countess")).users()).as("part of the email").containsExactly(ada);
      assertThat(search(List.of("navy")).users()).as("email domain").containsExactly(grace);
      assertThat(search(List.of("grace.hopper@navy.example")).users()).as("whole email").containsExactly(grace);
      assertThat(search(List.of("ring")).users()).as("only prefixes").isEmpty();
    }

    @Test
    void everyWordMustMatch() {
      assertThat(search(List.of("ex")).users()).containsExactly(ada, grace, alan);
      assertThat(search(List.of("ex", "tur")).users()).containsExactly(alan);
      assertThat(search(List.of("ada", "tur")).users()).isEmpty();
    }

    @Test
    void noWord_findsEveryEnabledUser() {
      assertThat(search(List.of()).users()).containsExactly(ada, grace, alan);
    }

    @Test
    void disabledUsersAreNotFound() {
      tx.run(() -> users.update(Fixtures.withStatus(alan, UserStatus.DISABLED)));
      assertThat(search(List.of("alan")).total()).isZero();
      assertThat(search(List.of()).users()).containsExactly(ada, grace);
    }

    @Test
    void filters_matchTheWholeValueIgnoringCase() {
      assertThat(users.search(UserSearch.builder().title("ANALYST").limit(50).build()).users())
          .containsExactly(ada, alan);
      assertThat(users.search(UserSearch.builder().company("navy").limit(50).build()).users()).containsExactly(grace);
      assertThat(users.search(UserSearch.builder().location("LONDON").limit(50).build()).users())
          .containsExactly(ada, alan);
      assertThat(users.search(UserSearch.builder().words(List.of("a")).title("analyst").company("bletchley")
          .location("london").limit(50).build()).users())
          .containsExactly(alan);
      assertThat(users.search(UserSearch.builder().title("Analy").limit(50).build()).users()).isEmpty();
    }

    @Test
    void skipAndLimit_pageThroughTheMatches_withTheTotalOfAll() {
      assertThat(users.search(UserSearch.builder().limit(2).build()))
          .isEqualTo(new UserPage(3, List.of(ada, grace)));
      assertThat(users.search(UserSearch.builder().skip(2).limit(2).build()))
          .isEqualTo(new UserPage(3, List.of(alan)));
      assertThat(users.search(UserSearch.builder().skip(1).limit(1).build()))
          .isEqualTo(new UserPage(3, List.of(grace)));
      assertThat(users.search(UserSearch.builder().skip(3).limit(2).build()))
          .isEqualTo(new UserPage(3, List.of()));
    }

    @Test
    void anUpdate_reindexesTheWords() {
      tx.run(() -> users.update(alan.withProfile("alan", alan.email(), names("Alonzo", "Church"),
          alan.accountType(), T0)));
      assertThat(search(List.of("turing")).total()).isZero();
      assertThat(search(List.of("church")).users()).extracting(User::id).containsExactly(alan.id());
    }

    @Test
    void likeWildcardsInAWord_arePlainCharacters() {
      User odd = insert("x_ray%", null);
      assertThat(search(List.of("%")).total()).isZero();
      assertThat(search(List.of("x_")).users()).containsExactly(odd);
      assertThat(search(List.of("_")).total()).isZero();
    }
  }

  @Nested
  class Passwords {
    @Test
    void aUserHasNoPasswordHashUntilOneIsSet() {
      User u = insert("u", null);
      assertThat(users.passwordHash(u.id())).isEmpty();
      tx.run(() -> users.setPasswordHash(u.id(), "hash-1"));
      assertThat(users.passwordHash(u.id())).contains("hash-1");
      tx.run(() -> users.setPasswordHash(u.id(), "hash-2"));
      assertThat(users.passwordHash(u.id())).contains("hash-2");
    }

    @Test
    void setPasswordHash_touchesOnlyThatUser() {
      User a = insert("a", null);
      User b = insert("b", null);
      tx.run(() -> users.setPasswordHash(a.id(), "hash-a"));
      assertThat(users.passwordHash(b.id())).isEmpty();
    }

    @Test
    void passwordHash_ofAnUnknownUser_isEmpty() {
      assertThat(users.passwordHash(userId(12345))).isEmpty();
    }
  }

  @Nested
  class Keys {
    @Test
    void putKey_storesAKeyPerSlot_listedCurrentFirst() {
      User u = insert("bot", null);
      UserKey previous = new UserKey(u.id(), UserKey.Slot.PREVIOUS, "pem-old", T0.plusSeconds(3600));
      UserKey current = new UserKey(u.id(), UserKey.Slot.CURRENT, "pem-new", null);
      tx.run(() -> {
        users.putKey(previous);
        users.putKey(current);
      });
      assertThat(users.keys(u.id())).containsExactly(current, previous);
    }

    // Regression: the upserts of keys, features and user apps named no conflict columns; jOOQ, which knows no
    // primary keys of our tables, then rendered "on conflict [unknown primary key]", and every call failed.
    @Test
    void putKey_intoATakenSlot_replacesTheKey() {
      User u = insert("bot", null);
      tx.run(() -> users.putKey(new UserKey(u.id(), UserKey.Slot.CURRENT, "pem-1", null)));
      UserKey replacement = new UserKey(u.id(), UserKey.Slot.CURRENT, "pem-2", T0.plusSeconds(60));
      tx.run(() -> users.putKey(replacement));
      assertThat(users.keys(u.id())).containsExactly(replacement);
    }

    @Test
    void removeKey_removesThatSlotOnly() {
      User u = insert("bot", null);
      UserKey current = new UserKey(u.id(), UserKey.Slot.CURRENT, "pem-new", null);
      tx.run(() -> {
        users.putKey(current);
        users.putKey(new UserKey(u.id(), UserKey.Slot.PREVIOUS, "pem-old", null));
      });
      tx.run(() -> users.removeKey(u.id(), UserKey.Slot.PREVIOUS));
      assertThat(users.keys(u.id())).containsExactly(current);
      tx.run(() -> users.removeKey(u.id(), UserKey.Slot.PREVIOUS));
      assertThat(users.keys(u.id())).containsExactly(current);
    }

    @Test
    void keysAreEachUsersOwn() {
      User a = insert("a", null);
      User b = insert("b", null);
      tx.run(() -> users.putKey(new UserKey(a.id(), UserKey.Slot.CURRENT, "pem-a", null)));
      assertThat(users.keys(b.id())).isEmpty();
    }
  }

  @Nested
  class Features {
    @Test
    void setFeature_addsThenReplaces_perUser() {
      User a = insert("a", null);
      User b = insert("b", null);
      assertThat(users.features(a.id())).isEmpty();
      tx.run(() -> {
        users.setFeature(a.id(), "canUseFirehose", true);
        users.setFeature(a.id(), "postReadEnabled", false);
      });
      tx.run(() -> users.setFeature(a.id(), "canUseFirehose", false));
      assertThat(users.features(a.id())).isEqualTo(Map.of("canUseFirehose", false, "postReadEnabled", false));
      assertThat(users.features(b.id())).isEmpty();
    }
  }

  @Nested
  class Delegates {
    @Test
    void setDelegates_keepsTheOrderGiven_andReplacesTheList() {
      User u = insert("u", null);
      User a = insert("a", null);
      User b = insert("b", null);
      User c = insert("c", null);
      tx.run(() -> users.setDelegates(u.id(), List.of(c.id(), a.id(), b.id())));
      assertThat(users.delegates(u.id())).containsExactly(c.id(), a.id(), b.id());
      tx.run(() -> users.setDelegates(u.id(), List.of(b.id(), c.id())));
      assertThat(users.delegates(u.id())).containsExactly(b.id(), c.id());
      tx.run(() -> users.setDelegates(u.id(), List.of()));
      assertThat(users.delegates(u.id())).isEmpty();
    }

    @Test
    void aDelegateMustBeAUser() {
      User u = insert("u", null);
      assertThatThrownBy(() -> tx.run(() -> users.setDelegates(u.id(), List.of(userId(9999)))))
          .isInstanceOf(AtriumException.Conflict.class);
    }
  }

  @Nested
  class Sessions {
    User owner;
    User other;

    @BeforeEach
    void owners() {
      owner = insert("owner", null);
      other = insert("other", null);
    }

    Session session(String id, User user, Instant expiresAt) {
      return new Session(id, "hash-" + id, user.id(), Session.Kind.SESSION, "web", "laptop", T0, T0, expiresAt,
          false);
    }

    @Test
    void insert_thenByTokenHash_returnsEveryField() {
      Session s = new Session("s1", "hash-s1", owner.id(), Session.Kind.KEY_MANAGER, "symphony", null, T0,
          T0.plusMillis(1), T0.plusSeconds(3600), false);
      tx.run(() -> sessions.insert(s));
      assertThat(sessions.byTokenHash("hash-s1")).contains(s);
      assertThat(sessions.byTokenHash("hash-s2")).isEmpty();
    }

    @Test
    void insertPersonal_isListedUntilRevoked_andTheUserDeletedTakesItWithHim() {
      Session pat = new Session("p1", "hash-p1", owner.id(), Session.Kind.PERSONAL, "web", null, T0, T0,
          dev.atrium.core.session.Sessions.PERSONAL_EXPIRY, false);
      PersonalToken token = new PersonalToken("p1", owner.id(), "ci bot", "abcdef", true, T0);
      tx.run(() -> {
        sessions.insertPersonal(pat, token);
        sessions.insert(session("s1", owner, T0.plusSeconds(60)));
      });
      assertThat(sessions.byTokenHash("hash-p1")).contains(pat);
      assertThat(tx.inTransaction(() -> sessions.personalTokens(owner.id()))).containsExactly(token);
      assertThat(tx.inTransaction(() -> sessions.personalTokens(other.id()))).isEmpty();
      assertThat(tx.inTransaction(() -> sessions.revoke("p1"))).isTrue();
      assertThat(tx.inTransaction(() -> sessions.personalTokens(owner.id()))).isEmpty();
      // a revoked personal token is purged although it never expires; the live login stays
      assertThat(tx.inTransaction(() -> sessions.deleteExpiredBefore(T0))).isEqualTo(1);
      assertThat(sessions.byTokenHash("hash-p1")).isEmpty();
      assertThat(sessions.byTokenHash("hash-s1")).isPresent();

      assertThat(tx.inTransaction(() -> users.delete(owner.id()))).isTrue();
      assertThat(users.byId(owner.id())).isEmpty();
      assertThat(sessions.byTokenHash("hash-p1")).isEmpty();
      assertThat(sessions.byTokenHash("hash-s1")).isEmpty();
      assertThat(tx.inTransaction(() -> users.delete(owner.id()))).isFalse();
      assertThat(users.byId(other.id())).isPresent();
    }

    @Test
    void insert_aTakenTokenHash_isAConflict() {
      tx.run(() -> sessions.insert(session("s1", owner, T0.plusSeconds(60))));
      Session twin = new Session("s2", "hash-s1", owner.id(), Session.Kind.SESSION, "web", null, T0, T0,
          T0.plusSeconds(60), false);
      assertThatThrownBy(() -> tx.run(() -> sessions.insert(twin))).isInstanceOf(AtriumException.Conflict.class);
    }

    @Test
    void insert_forAnUnknownUser_isAConflict() {
      Session orphan = session("s1", user(userId(4242), "ghost", null, names(null, null)), T0.plusSeconds(60));
      assertThatThrownBy(() -> tx.run(() -> sessions.insert(orphan))).isInstanceOf(AtriumException.Conflict.class);
    }

    @Test
    void touch_setsLastUsedOnly() {
      Session s = session("s1", owner, T0.plusSeconds(3600));
      tx.run(() -> sessions.insert(s));
      sessions.touch("s1", T0.plusSeconds(120));
      assertThat(sessions.byTokenHash("hash-s1")).contains(s.usedAt(T0.plusSeconds(120)));
    }

    @Test
    void revoke_isTrueOnce() {
      tx.run(() -> sessions.insert(session("s1", owner, T0.plusSeconds(3600))));
      assertThat(tx.inTransaction(() -> sessions.revoke("s1"))).isTrue();
      assertThat(tx.inTransaction(() -> sessions.revoke("s1"))).isFalse();
      assertThat(tx.inTransaction(() -> sessions.revoke("nope"))).isFalse();
      assertThat(sessions.byTokenHash("hash-s1")).get().extracting(Session::revoked).isEqualTo(true);
    }

    @Test
    void revokeAllOf_revokesTheUsersLiveSessions_andReturnsTheirIds() {
      tx.run(() -> {
        sessions.insert(session("s1", owner, T0.plusSeconds(3600)));
        sessions.insert(session("s2", owner, T0.plusSeconds(7200)));
        sessions.insert(session("s3", owner, T0.plusSeconds(7200)));
        sessions.insert(session("s4", other, T0.plusSeconds(3600)));
      });
      tx.run(() -> sessions.revoke("s3"));
      List<String> revoked = tx.inTransaction(() -> sessions.revokeAllOf(owner.id()));
      assertThat(revoked).containsExactlyInAnyOrder("s1", "s2");
      for (String id : List.of("s1", "s2", "s3")) {
        assertThat(sessions.byTokenHash("hash-" + id).orElseThrow().revoked()).as(id).isTrue();
      }
      assertThat(sessions.byTokenHash("hash-s4").orElseThrow().revoked()).isFalse();
      assertThat(tx.inTransaction(() -> sessions.revokeAllOf(owner.id()))).isEmpty();
    }

    @Test
    void deleteExpiredBefore_deletesOnlyThoseThatExpiredEarlier() {
      Instant cut = T0.plusSeconds(3600);
      tx.run(() -> {
        sessions.insert(session("early", owner, cut.minusMillis(1)));
        sessions.insert(session("atCut", owner, cut));
        sessions.insert(session("late", other, cut.plusMillis(1)));
      });
      assertThat(tx.inTransaction(() -> sessions.deleteExpiredBefore(cut))).isEqualTo(1);
      assertThat(sessions.byTokenHash("hash-early")).isEmpty();
      assertThat(sessions.byTokenHash("hash-atCut")).isPresent();
      assertThat(sessions.byTokenHash("hash-late")).isPresent();
      assertThat(tx.inTransaction(() -> sessions.deleteExpiredBefore(cut))).isZero();
    }
  }

  @Nested
  class Audit {
    record State(String name, List<Integer> numbers, Instant at) {}

    @Test
    void latest_newestFirst_upToTheLimit() {
      tx.run(() -> {
        for (int i = 1; i <= 5; i++) {
          audit.append(new AuditEntry(7, "action." + i, "user:" + i, null, null, T0.plusSeconds(i)));
        }
      });
      assertThat(audit.latest(3)).extracting(AuditEntry::action).containsExactly("action.5", "action.4", "action.3");
      assertThat(audit.latest(10)).hasSize(5);
    }

    @Test
    void statesAreStoredAsJson_andReadBackAsJsonText() {
      State before = new State("before", List.of(1, 2), T0);
      tx.run(() -> audit.append(new AuditEntry(7, "thing.update", "thing:1", before, Map.of("enabled", true),
          T0.plusSeconds(1))));
      assertThat(audit.latest(1)).containsExactly(new AuditEntry(7, "thing.update", "thing:1",
          "{\"name\":\"before\",\"numbers\":[1,2],\"at\":\"2025-01-15T09:30:00Z\"}", "{\"enabled\":true}",
          T0.plusSeconds(1)));
    }

    @Test
    void absentStatesStayAbsent_andAStringIsAJsonString() {
      tx.run(() -> audit.append(new AuditEntry(7, "key.save", "user:1", null, "pem \"text\"", T0)));
      AuditEntry e = audit.latest(1).getFirst();
      assertThat(e.before()).isNull();
      assertThat(e.after()).isEqualTo("\"pem \\\"text\\\"\"");
    }

    @Test
    void aUserState_isItsFieldsAsJson() {
      User u = insert("ada", "ada@example.com", fullProfile());
      tx.run(() -> audit.append(new AuditEntry(7, "user.create", "user:" + u.id(), null, u, T0)));
      assertThat((String) audit.latest(1).getFirst().after())
          .contains("\"id\":" + u.id(), "\"username\":\"ada\"", "\"firstName\":\"Ada\"",
              "\"assetClasses\":[\"Equities\",\"Rates\"]", "\"createdAt\":\"2025-01-15T09:30:00Z\"");
    }
  }

  @Nested
  class Admin {
    Disclaimer disclaimer(String id, Instant created, boolean isDefault) {
      return new Disclaimer(id, "Name " + id, "Content of " + id, 24, isDefault, true, Disclaimer.Format.TEXT,
          created, created);
    }

    @Test
    void insertDisclaimer_thenDisclaimer_returnsEveryField() {
      Disclaimer d = new Disclaimer("d1", "Terms", "<p>Accept</p>", 168, true, false, Disclaimer.Format.XML, T0,
          T0.plusSeconds(1));
      tx.run(() -> admin.insertDisclaimer(d));
      assertThat(admin.disclaimer("d1")).contains(d);
      assertThat(admin.disclaimer("d2")).isEmpty();
    }

    @Test
    void disclaimers_inTheOrderTheyWereCreated() {
      tx.run(() -> {
        admin.insertDisclaimer(disclaimer("b", T0.plusSeconds(2), false));
        admin.insertDisclaimer(disclaimer("c", T0.plusSeconds(1), false));
        admin.insertDisclaimer(disclaimer("a", T0.plusSeconds(2), false));
      });
      assertThat(admin.disclaimers()).extracting(Disclaimer::id).containsExactly("c", "a", "b");
    }

    @Test
    void updateDisclaimer_replacesAllButIdAndCreation() {
      tx.run(() -> admin.insertDisclaimer(disclaimer("d1", T0, false)));
      Disclaimer changed = new Disclaimer("d1", "New", "New content", 1, true, false, Disclaimer.Format.XML,
          T0.plusSeconds(99), T0.plusSeconds(100));
      tx.run(() -> admin.updateDisclaimer(changed));
      assertThat(admin.disclaimer("d1")).contains(new Disclaimer("d1", "New", "New content", 1, true, false,
          Disclaimer.Format.XML, T0, T0.plusSeconds(100)));
    }

    @Test
    void usersWithDisclaimer_ascendingIds() {
      tx.run(() -> admin.insertDisclaimer(disclaimer("d1", T0, false)));
      User a = insert("a", null);
      User b = insert("b", null);
      User c = insert("c", null);
      tx.run(() -> {
        users.update(c.withDisclaimer("d1", T0));
        users.update(a.withDisclaimer("d1", T0));
        users.update(b.withDisclaimer("d2", T0));
      });
      assertThat(admin.usersWithDisclaimer("d1")).containsExactly(a.id(), c.id());
      assertThat(admin.usersWithDisclaimer("none")).isEmpty();
    }

    @Test
    void putPodApp_addsNewAppsLast_andUpdatesKnownOnesInPlace() {
      App.PodEntitlement x = new App.PodEntitlement("x", "X", true, true, false);
      App.PodEntitlement y = new App.PodEntitlement("y", "Y", false, true, true);
      App.PodEntitlement z = new App.PodEntitlement("z", "Z", true, false, false);
      tx.run(() -> {
        admin.putPodApp(y);
        admin.putPodApp(x);
        admin.putPodApp(z);
      });
      App.PodEntitlement x2 = new App.PodEntitlement("x", "X two", false, false, true);
      tx.run(() -> admin.putPodApp(x2));
      assertThat(admin.podApps()).containsExactly(y, x2, z);
    }

    @Test
    void putUserApp_storesTheProducts_andReplacesThemOnTheNextPut() {
      User u = insert("u", null);
      User other = insert("other", null);
      tx.run(() -> {
        admin.putPodApp(new App.PodEntitlement("b-app", "B", true, true, false));
        admin.putPodApp(new App.PodEntitlement("a-app", "A", true, true, false));
      });
      App.UserEntitlement b = new App.UserEntitlement("b-app", "B", true, false,
          List.of(new App.Product("b-app", "Pro", "sku-pro", true, "premium"),
              new App.Product("b-app", "Basic", "sku-basic", false, "default")));
      App.UserEntitlement a = new App.UserEntitlement("a-app", "A", false, true, List.of());
      tx.run(() -> {
        admin.putUserApp(u.id(), b);
        admin.putUserApp(u.id(), a);
      });
      assertThat(admin.userApps(u.id())).containsExactly(a, b);
      App.UserEntitlement b2 = new App.UserEntitlement("b-app", "B renamed", false, true,
          List.of(new App.Product("b-app", "Pro", "sku-pro", false, "premium")));
      tx.run(() -> admin.putUserApp(u.id(), b2));
      assertThat(admin.userApps(u.id())).containsExactly(a, b2);
      assertThat(admin.userApps(other.id())).isEmpty();
    }

    @Test
    void putUserApp_forAnAppThePodDoesNotHave_isAConflict() {
      User u = insert("u", null);
      App.UserEntitlement unknown = new App.UserEntitlement("nope", "Nope", true, true, List.of());
      assertThatThrownBy(() -> tx.run(() -> admin.putUserApp(u.id(), unknown)))
          .isInstanceOf(AtriumException.Conflict.class);
    }
  }

  @Nested
  class Transactions {
    @Test
    void inTransaction_returnsTheWorksValue() {
      assertThat(tx.inTransaction(() -> 42)).isEqualTo(42);
    }

    @Test
    void anException_rollsBackEveryWriteOfTheTransaction_andReachesTheCaller() {
      var before = snapshot();
      IllegalStateException boom = new IllegalStateException("boom");
      assertThatThrownBy(() -> tx.run(() -> {
        User u = user(userId(users.nextSequence()), "doomed", "doomed@example.com", names("Doomed", null));
        users.insert(u);
        users.setPasswordHash(u.id(), "hash");
        users.setFeature(u.id(), "canUseFirehose", true);
        sessions.insert(new Session("s1", "hash-s1", u.id(), Session.Kind.SESSION, "web", null, T0, T0,
            T0.plusSeconds(60), false));
        audit.append(new AuditEntry(1, "user.create", "user:" + u.id(), null, u, T0));
        admin.putPodApp(new App.PodEntitlement("app", "App", true, true, true));
        throw boom;
      })).isSameAs(boom);
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aNestedCall_joinsTheOuterTransaction() {
      var before = snapshot();
      assertThatThrownBy(() -> tx.run(() -> {
        User inner = tx.inTransaction(() -> {
          User u = user(userId(users.nextSequence()), "inner", null, names(null, null));
          users.insert(u);
          return u;
        });
        assertThat(users.byId(inner.id())).as("the outer transaction sees the inner one's write").isPresent();
        assertThat(onAnotherThread(() -> users.byId(inner.id()))).as("nobody else does before commit").isEmpty();
        throw new IllegalStateException("outer fails after the inner call returned");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(snapshot()).as("the inner call's write went with the outer transaction").isEqualTo(before);
    }

    @Test
    void aCommittedTransaction_isSeenByOtherThreads() {
      User u = insert("committed", null);
      assertThat(onAnotherThread(() -> users.byId(u.id()))).contains(u);
    }

    @Test
    void aDuplicate_raisesAConflict_andRollsBackTheWholeTransaction() {
      insert("taken", "taken@example.com");
      var before = snapshot();
      assertThatThrownBy(() -> tx.run(() -> {
        User fresh = user(userId(users.nextSequence()), "fresh", null, names(null, null));
        users.insert(fresh);
        admin.putPodApp(new App.PodEntitlement("app", "App", true, true, true));
        users.insert(user(userId(users.nextSequence()), "TAKEN", null, names(null, null)));
      })).isInstanceOf(AtriumException.Conflict.class)
          .hasMessage("The change collides with existing data: a duplicate");
      assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aDomainErrorInside_passesThroughUnchanged() {
      AtriumException.Invalid invalid = AtriumException.invalid("nope");
      assertThatThrownBy(() -> tx.run(() -> {
        throw invalid;
      })).isSameAs(invalid);
    }

    @Test
    void theDatabaseIsUsableAfterAFailedTransaction() {
      insert("taken", null);
      assertThatThrownBy(() -> tx.run(() -> users.insert(user(userId(users.nextSequence()), "taken", null,
          names(null, null))))).isInstanceOf(AtriumException.Conflict.class);
      User next = insert("next", null);
      assertThat(users.byId(next.id())).contains(next);
    }

    private <T> T onAnotherThread(Callable<T> read) {
      AtomicReference<T> result = new AtomicReference<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = Thread.ofPlatform().start(() -> {
        try {
          result.set(read.call());
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      try {
        if (!t.join(Duration.ofSeconds(10))) {
          throw new AssertionError("the read on another thread did not finish: is it blocked by a lock?");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      return result.get();
    }
  }

  @Nested
  class ApiClientStore {
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final InstantSource clock = () -> now.get();

    ApiClients clients() {
      return new ApiClients(new JdbcApiClientStore(tx), new JdbcTokenStore(tx), new dev.atrium.core.session.Sessions(sessions, users,
          new dev.atrium.core.session.Passwords(new FastPasswordHasher()), tx, new Events(tx, new InProcessEventBus()), clock, new Random(7),
          Duration.ofHours(1)), audit, tx, clock,
          new Random(7));
    }

    User superAdmin() {
      return Fixtures.withRoles(insert("root", "root@example.com"), Set.of(Roles.SUPER_ADMINISTRATOR));
    }

    @Test
    void a_client_is_stored_with_the_hash_of_its_secret_and_read_back_newest_first() {
      ApiClients clients = clients();
      User root = superAdmin();
      ApiClients.Created first = clients.create(root, "  First app ");
      now.set(T0.plusMillis(1_500));
      ApiClients.Created second = clients.create(root, "Second app");

      assertThat(first.client()).isEqualTo(new ApiClient(first.client().clientId(), "First app", T0, root.id(),
          null));
      assertThat(first.client().clientId()).matches("[A-Za-z0-9]{24}");
      assertThat(first.secret()).matches("[A-Za-z0-9_-]{43}");
      assertThat(clients.list(root)).containsExactly(second.client(), first.client());
      String stored = database.dsl().fetch("select secret_hash from api_client where client_id = ?",
          first.client().clientId()).getValues(0, String.class).getFirst();
      assertThat(stored).isEqualTo(dev.atrium.core.session.Sessions.hash(first.secret()))
          .doesNotContain(first.secret());
      assertThat(database.dsl().fetch("select * from api_client").formatCSV()).doesNotContain(first.secret())
          .doesNotContain(second.secret());
      assertThat(audit.latest(10)).extracting(AuditEntry::action).containsExactly("client.create", "client.create");
      assertThat(audit.latest(10).toString()).doesNotContain(first.secret()).doesNotContain(stored);
    }

    @Test
    void verify_accepts_the_right_secret_of_a_live_client_only() {
      ApiClients clients = clients();
      User root = superAdmin();
      ApiClients.Created created = clients.create(root, "Integrator");
      String id = created.client().clientId();

      assertThat(clients.verify(id, created.secret())).contains(created.client());
      assertThat(clients.verify(id, created.secret() + "x")).isEmpty();
      assertThat(clients.verify(id, "")).isEmpty();
      assertThat(clients.verify("A".repeat(24), created.secret())).isEmpty();
      now.set(T0.plusSeconds(60));
      assertThat(clients.revoke(root, id).revokedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(clients.verify(id, created.secret())).isEmpty();
    }

    @Test
    void revoking_twice_keeps_the_first_time_and_an_unknown_client_is_not_found() {
      ApiClients clients = clients();
      User root = superAdmin();
      String id = clients.create(root, "Integrator").client().clientId();
      now.set(T0.plusSeconds(1));
      ApiClient revoked = clients.revoke(root, id);
      now.set(T0.plusSeconds(2));

      assertThat(clients.revoke(root, id)).isEqualTo(revoked);
      assertThat(clients.list(root)).containsExactly(revoked);
      assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(audit.latest(10)).extracting(AuditEntry::action).containsExactly("client.revoke", "client.create");
      assertThatThrownBy(() -> clients.revoke(root, "no-such-client")).isInstanceOf(AtriumException.NotFound.class);
    }

    @Test
    void only_a_super_administrator_manages_clients_and_a_bad_name_is_refused() {
      ApiClients clients = clients();
      User root = superAdmin();
      String id = clients.create(root, "Kept").client().clientId();
      User admin = Fixtures.withRoles(insert("admin", "admin@example.com"), Set.of(Roles.ADMINISTRATOR));
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> clients.create(admin, "Intruder")).isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> clients.list(admin)).isInstanceOf(AtriumException.Forbidden.class);
      assertThatThrownBy(() -> clients.revoke(admin, id)).isInstanceOf(AtriumException.Forbidden.class);
      for (String name : List.of("", "   ", "x".repeat(101), "tab\tname")) {
        assertThatThrownBy(() -> clients.create(root, name)).isInstanceOf(AtriumException.Invalid.class)
            .hasMessage("name must be 1 to 100 characters, without control characters");
      }
      assertThat(snapshot()).isEqualTo(before);
      assertThat(clients.create(root, "y".repeat(100)).client().name()).hasSize(100);
    }
  }

  @Nested
  class PermissionGrants {
    @Test
    void a_grant_is_stored_once_then_replaced_and_read_back_sorted_by_permission() {
      JdbcPermissionStore grants = new JdbcPermissionStore(tx);
      tx.run(() -> {
        grants.insertIfAbsent(new Permissions.Grant("view-b", Set.of("user", "admin"), T0));
        grants.insertIfAbsent(new Permissions.Grant("view-a", Set.of(), T0));
        // a second node seeding the same default at once changes nothing
        grants.insertIfAbsent(new Permissions.Grant("view-b", Set.of("bot"), T0.plusSeconds(1)));
      });
      assertThat(grants.all()).containsExactly(new Permissions.Grant("view-a", Set.of(), T0),
          new Permissions.Grant("view-b", Set.of("admin", "user"), T0));
      tx.run(() -> grants.put(new Permissions.Grant("view-a", Set.of("guest", "app"), T0.plusMillis(1_500))));
      assertThat(grants.all().getFirst()).isEqualTo(new Permissions.Grant("view-a", Set.of("app", "guest"),
          T0.plusMillis(1_500)));
    }
  }

  @Nested
  class TokenStore {
    final JdbcTokenStore store = new JdbcTokenStore(tx);

    @Test
    void keys_are_read_back_newest_first_without_showing_their_secret() {
      var older = new dev.atrium.core.client.TokenStore.SigningKey("key-a", "c2VjcmV0LWE=", T0);
      var newer = new dev.atrium.core.client.TokenStore.SigningKey("key-b", "c2VjcmV0LWI=", T0.plusMillis(1));
      tx.run(() -> {
        store.insertKey(older);
        store.insertKey(newer);
      });

      assertThat(tx.inTransaction(store::keys)).containsExactly(newer, older);
      assertThat(newer.toString()).doesNotContain("c2VjcmV0LWI=");
    }

    @Test
    void a_refresh_token_is_consumed_once_and_expired_ones_are_purged() {
      tx.run(() -> {
        store.insertRefresh("jti-user", "client-1", "session-1", T0.plusSeconds(10));
        store.insertRefresh("jti-client", "client-1", null, T0.plusSeconds(20));
      });

      assertThat(tx.inTransaction(() -> store.consumeRefresh("jti-user"))).isTrue();
      assertThat(tx.inTransaction(() -> store.consumeRefresh("jti-user"))).isFalse();
      assertThat(tx.inTransaction(() -> store.consumeRefresh("no-such-jti"))).isFalse();
      assertThat(tx.inTransaction(() -> store.purgeRefreshBefore(T0.plusSeconds(20)))).isZero();
      assertThat(tx.inTransaction(() -> store.purgeRefreshBefore(T0.plusSeconds(21)))).isEqualTo(1);
      assertThat(tx.inTransaction(() -> store.consumeRefresh("jti-client"))).isFalse();
    }

    @Test
    void deleting_a_clients_refresh_tokens_names_the_sessions_of_its_user_grants() {
      tx.run(() -> {
        store.insertRefresh("jti-1", "client-1", "session-1", T0.plusSeconds(10));
        store.insertRefresh("jti-2", "client-1", "session-2", T0.plusSeconds(10));
        store.insertRefresh("jti-3", "client-1", null, T0.plusSeconds(10));
        store.insertRefresh("jti-4", "client-2", "session-4", T0.plusSeconds(10));
      });

      assertThat(tx.inTransaction(() -> store.deleteRefreshOfClient("client-1")))
          .containsExactlyInAnyOrder("session-1", "session-2");

      assertThat(tx.inTransaction(() -> store.consumeRefresh("jti-3"))).isFalse();
      assertThat(tx.inTransaction(() -> store.consumeRefresh("jti-4"))).isTrue();
      assertThat(tx.inTransaction(() -> store.deleteRefreshOfClient("client-1"))).isEmpty();
    }
  }

  @Nested
  class SpaceRoomStore {
    final JdbcSpaceRoomStore store = new JdbcSpaceRoomStore(tx);
    final JdbcRoomStore rooms = new JdbcRoomStore(tx);
    final JdbcSpaceStore spaces = new JdbcSpaceStore(tx);

    dev.atrium.core.space.SpaceRoom place(String roomId, String alias, int minute) {
      User owner = users.byUsername("owner").orElseGet(() -> insert("owner", null));
      tx.run(() -> {
        if (spaces.byId("space-1").isEmpty()) {
          spaces.insert(new dev.atrium.core.space.Space("space-1", "Space", dev.atrium.core.space.SpaceType.PUBLIC,
              true, null, owner.id(), T0));
        }
        rooms.insert(dev.atrium.core.room.Room.builder().id(roomId).kind(dev.atrium.core.room.RoomKind.ROOM)
            .name("Room " + roomId).creatorId(owner.id()).createdAt(T0.plusSeconds(60L * minute)).build());
      });
      return new dev.atrium.core.space.SpaceRoom(roomId, "space-1", alias, dev.atrium.core.space.SpaceRoomType.LESSON,
          true, false, "0123456789abcdef01234567", minute == 0 ? null : "client-1");
    }

    @Test
    void a_place_is_read_back_by_room_and_alias_and_listed_by_room_age() {
      var late = place("room-b", "BBBBBBBBBB", 2);
      var early = place("room-a", "AAAAAAAAAA", 0);
      tx.run(() -> {
        store.insert(late);
        store.insert(early);
      });

      assertThat(tx.inTransaction(() -> store.byRoomId("room-b"))).contains(late);
      assertThat(tx.inTransaction(() -> store.byAlias("AAAAAAAAAA"))).contains(early);
      assertThat(tx.inTransaction(() -> store.byAlias("aaaaaaaaaa"))).as("an alias is case-sensitive").isEmpty();
      assertThat(tx.inTransaction(() -> store.inSpace("space-1"))).containsExactly(early, late);
      assertThat(tx.inTransaction(() -> store.inSpace("space-2"))).isEmpty();
    }

    @Test
    void an_alias_taken_already_is_a_conflict_and_an_update_changes_type_and_flags_only() {
      var first = place("room-a", "AAAAAAAAAA", 1);
      var second = place("room-b", "AAAAAAAAAA", 2);
      tx.run(() -> store.insert(first));

      assertThatThrownBy(() -> tx.run(() -> store.insert(second))).isInstanceOf(AtriumException.Conflict.class);
      var changed = first.with(dev.atrium.core.space.SpaceRoomType.WEBINAR, false, true);
      tx.run(() -> store.update(changed));
      assertThat(tx.inTransaction(() -> store.byRoomId("room-a"))).contains(changed);
    }

    @Test
    void deleting_the_room_deletes_its_place() {
      tx.run(() -> store.insert(place("room-a", "AAAAAAAAAA", 1)));

      tx.run(() -> rooms.delete("room-a", T0));

      assertThat(tx.inTransaction(() -> store.byRoomId("room-a"))).isEmpty();
    }

    @Test
    void a_guest_is_remembered_per_space_and_external_id() {
      place("room-a", "AAAAAAAAAA", 1);
      User guest = insert("guest", null);
      tx.run(() -> store.insertGuest("space-1", "ext-1", guest.id(), T0));

      assertThat(tx.inTransaction(() -> store.guest("space-1", "ext-1"))).contains(guest.id());
      assertThat(tx.inTransaction(() -> store.guest("space-1", "ext-2"))).isEmpty();
      assertThatThrownBy(() -> tx.run(() -> store.insertGuest("space-1", "ext-1", guest.id(), T0)))
          .isInstanceOf(AtriumException.Conflict.class);
    }

    @Test
    void a_one_time_mark_is_consumed_once() {
      User guest = insert("guest", null);
      tx.run(() -> sessions.insert(new Session("s1", "hash-s1", guest.id(), Session.Kind.SESSION, "web", null, T0,
          T0, T0.plusSeconds(60), false)));
      tx.run(() -> store.insertOnce("s1", T0.plusSeconds(60)));

      assertThat(tx.inTransaction(() -> store.consumeOnce("s1"))).isTrue();
      assertThat(tx.inTransaction(() -> store.consumeOnce("s1"))).isFalse();
      assertThat(tx.inTransaction(() -> store.consumeOnce("s2"))).isFalse();
    }
  }
}
