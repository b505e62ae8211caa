package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.RegistrationServiceSuite.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.settings.Settings;
import dev.atrium.core.settings.UserSettings;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profiles;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-modify-write changes of one user made at the same moment, once per {@link Backend}: each reads what it
 * changes and writes it back in one transaction on the locked user, so changes of different fields all survive
 * (with the read and the write apart, the later write put back the value the earlier one replaced).
 */
abstract class PatchServiceSuite extends DatabaseTest {
  static final int ROUNDS = 10;

  JdbcUserStore userStore;
  Settings settings;
  Profiles profiles;
  User ann;

  PatchServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    FakeClock clock = new FakeClock();
    Events events = new Events(tx, new InProcessEventBus());
    userStore = new JdbcUserStore(tx);
    JdbcAuditLog audit = new JdbcAuditLog(tx);
    Passwords passwords = new Passwords(new FastPasswordHasher());
    Sessions sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock,
        new SplittableRandom(7), Duration.ofHours(8));
    Users users = new Users(userStore);
    Accounts accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    Spaces spaces = new Spaces(new JdbcSpaceStore(tx), users, audit, tx, events, clock, new SplittableRandom(19));
    settings = new Settings(new JdbcSettingsStore(tx), userStore, spaces, tx, events, clock);
    profiles = new Profiles(userStore, new JdbcUserDataStore(tx), new JdbcCounterStore(tx), tx, events, clock);
    ann = accounts.registerWithFreeUsername(accounts.prepare(new NewUser("ann", "ann@a.test",
        Fixtures.names("Ann", "Lee"), AccountType.NORMAL, Set.of(Roles.INDIVIDUAL), new NewUser.Password.None(),
        false)));
  }

  @Test
  void navigationPatchesOfDifferentFields_atOnce_allSurvive() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      int mode = round % 3;
      double vertical = round;
      double horizontal = round + 0.5;
      int joystick = (round + 1) % 3;
      int helper = (round + 2) % 3;
      concurrently(List.<Callable<UserSettings>>of(
          () -> patch(mode, null, null, null, null),
          () -> patch(null, vertical, null, null, null),
          () -> patch(null, null, horizontal, null, null),
          () -> patch(null, null, null, joystick, null),
          () -> patch(null, null, null, null, helper)));

      assertThat(settings.get(ann.id()).navigation()).as("round %d", round)
          .isEqualTo(new UserSettings.Navigation(mode, vertical, horizontal, joystick, helper));
    }
  }

  private UserSettings patch(@Nullable Integer mode, @Nullable Double vertical, @Nullable Double horizontal,
      @Nullable Integer joystick, @Nullable Integer helper) {
    return settings.patchNavigation(ann.id(),
        new UserSettings.NavigationPatch(mode, vertical, horizontal, joystick, helper));
  }

  @Test
  void paramsOfDifferentKeys_setAtOnce_allSurvive() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      String value = "v" + round;
      concurrently(List.<Callable<Map<String, @Nullable Object>>>of(
          () -> profiles.setParams(ann.id(), Map.of("a", value)),
          () -> profiles.setParams(ann.id(), Map.of("b", value)),
          () -> profiles.setParams(ann.id(), Map.of("c", value))));

      assertThat(profiles.params(ann.id(), ann.id())).as("round %d", round)
          .isEqualTo(Map.of("a", value, "b", value, "c", value));
    }
  }

  @Test
  void profileChangesOfDifferentFields_atOnce_allSurvive() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      String value = "r" + round;
      String phone = "+1555" + round;
      concurrently(List.<Callable<User>>of(
          () -> profiles.changeCompanyInfo(ann.id(), "Acme " + value, null),
          () -> profiles.changePhone(ann.id(), phone),
          () -> profiles.setNotNew(ann.id())));

      User now = userStore.byId(ann.id()).orElseThrow();
      assertThat(now.profile().companyName()).as("round %d", round).isEqualTo("Acme " + value);
      assertThat(now.profile().mobilePhone()).as("round %d", round).isEqualTo(phone);
      assertThat(now.isNew()).isFalse();
    }
  }
}
