package dev.atrium.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.account.PasswordRestore;
import dev.atrium.core.account.Registration;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.error.AtriumException.Reason;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Session;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Identity;
import dev.atrium.core.user.IdentityType;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EmailVerification}, {@link PasswordRestore} and the local {@link Outbox} over the real JDBC stores,
 * once per {@link Backend}: the mails they leave in the outbox (read back for their links and codes), the
 * limits, expiry by the fake clock, what a refusal leaves unchanged, and the events after commit.
 */
abstract class AccountServiceSuite extends DatabaseTest {
  static final String LINK = "https://atrium.test/verify?token=";
  static final Pattern TOKEN = Pattern.compile(Pattern.quote(LINK) + "([A-Za-z0-9_-]+)");
  static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  FakeClock clock;
  List<DomainEvent> published;
  JdbcAuditLog audit;
  JdbcUserStore userStore;
  JdbcOutboxStore outboxStore;
  Users users;
  Accounts accounts;
  Sessions sessions;
  Outbox outbox;
  EmailVerification verification;
  Registration registration;
  PasswordRestore restore;
  User admin;

  AccountServiceSuite(Backend backend) {
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
    outboxStore = new JdbcOutboxStore(tx);
    outbox = Outbox.local(outboxStore, audit, tx, clock);
    verification = new EmailVerification(new JdbcEmailTokenStore(tx), userStore, users, outbox, audit, tx, events,
        clock, new SplittableRandom(17), Duration.ofHours(24), token -> LINK + token);
    restore = new PasswordRestore(new JdbcRestoreCodeStore(tx), userStore, sessions, passwords, outbox, audit, tx,
        events, clock, new SplittableRandom(19));
    registration = new Registration(accounts, verification, sessions, tx);
    admin = accounts.bootstrapAdmin("admin@atrium.test", "admin-password").orElseThrow();
    published.clear();
  }

  static Registration.SignUp signUp(String email, @Nullable String token) {
    return new Registration.SignUp(email, "other-password", Fixtures.names("N", "U"), token, "roomful", null);
  }

  User signup(String email, boolean verified) {
    return accounts.registerWithFreeUsername(accounts.prepare(new NewUser(email.substring(0, email.indexOf('@')),
        email, Fixtures.names("A", "B"), AccountType.NORMAL, Set.of(Roles.INDIVIDUAL),
        new NewUser.Password.Plain("first-password"), verified)));
  }

  OutboxMail lastMail() {
    return tx.inTransaction(() -> outboxStore.latest(1)).getFirst();
  }

  int mailCount() {
    return tx.inTransaction(() -> outboxStore.latest(1000)).size();
  }

  String tokenIn(OutboxMail mail) {
    Matcher m = TOKEN.matcher(mail.message().text());
    assertThat(m.find()).as("a link in %s", mail.message().text()).isTrue();
    return m.group(1);
  }

  String codeIn(OutboxMail mail) {
    Matcher m = CODE.matcher(mail.message().text());
    assertThat(m.find()).as("a code in %s", mail.message().text()).isTrue();
    return m.group(1);
  }

  static void assertRefused(ThrowingCallable call, Class<? extends AtriumException> kind, Reason reason,
      String message) {
    assertThatThrownBy(call).isInstanceOf(kind).hasMessage(message)
        .satisfies(e -> assertThat(((AtriumException) e).reason()).isEqualTo(reason));
  }

  // ---- deletion and personal access tokens

  @Test
  void delete_revokesEveryTokenOfTheUser_deletesHim_andPublishesAfterCommit() {
    User ann = signup("ann@example.com", false);
    Sessions.Minted login = sessions.loginWithPassword("ann@example.com", "first-password", "web", null);
    Sessions.Minted pat = sessions.createPersonal(ann.id(), "ci", false, "web");
    assertThat(sessions.authenticate(pat.token())).isPresent();
    User stored = users.get(ann.id());
    published.clear();

    accounts.delete(admin, ann.id());

    assertThat(sessions.authenticate(login.token())).isEmpty();
    assertThat(sessions.authenticate(pat.token())).isEmpty();
    assertThat(users.byId(ann.id())).isEmpty();
    assertThat(users.byEmail("ann@example.com")).isEmpty();
    assertThat(published).hasSize(2);
    assertThat(published.get(0)).isInstanceOf(DomainEvent.SessionsRevoked.class);
    assertThat(((DomainEvent.SessionsRevoked) published.get(0)).sessionIds())
        .containsExactlyInAnyOrder(login.session().id(), pat.session().id());
    assertThat(published.get(1)).isEqualTo(new DomainEvent.UserDeleted(stored, clock.instant()));
    assertThat(tx.inTransaction(() -> audit.latest(1)).getFirst().action()).isEqualTo("user.delete");
    // the address and the name are free again
    assertThat(signup("ann@example.com", false).username()).isEqualTo("ann");
  }

  @Test
  void delete_refused_changesNothing() {
    User ann = signup("ann@example.com", false);
    User bob = signup("bob@example.com", false);
    Sessions.Minted login = sessions.loginWithPassword("ann@example.com", "first-password", "web", null);
    published.clear();
    assertThatThrownBy(() -> accounts.delete(bob, ann.id())).isInstanceOf(AtriumException.Forbidden.class);
    assertThatThrownBy(() -> accounts.delete(admin, admin.id())).isInstanceOf(AtriumException.Invalid.class);
    assertThatThrownBy(() -> accounts.delete(admin, 4242)).isInstanceOf(AtriumException.NotFound.class);
    assertThat(users.byId(ann.id())).isPresent();
    assertThat(sessions.authenticate(login.token())).isPresent();
    assertThat(published).isEmpty();
  }

  @Test
  void personalTokens_areNamedSessionsThatNeverExpire_untilRemovedOrThePasswordChanges() {
    User ann = signup("ann@example.com", false);
    Sessions.Minted pat = sessions.createPersonal(ann.id(), " ci ", true, "web");
    assertThat(pat.session().kind()).isEqualTo(Session.Kind.PERSONAL);
    assertThat(pat.session().expiresAt()).isEqualTo(Sessions.PERSONAL_EXPIRY);
    assertThat(sessions.caller(pat.token())).isPresent();
    assertThat(sessions.personalTokens(ann.id())).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("ci");
      assertThat(t.lastTokenPart()).isEqualTo(pat.token().substring(pat.token().length() - 6));
      assertThat(t.bypassTwoFactor()).isTrue();
    });
    assertThatThrownBy(() -> sessions.createPersonal(ann.id(), "ci", false, "web"))
        .isInstanceOf(AtriumException.Conflict.class);
    assertThatThrownBy(() -> sessions.createPersonal(ann.id(), " ", false, "web"))
        .isInstanceOf(AtriumException.Invalid.class);
    assertThatThrownBy(() -> sessions.removePersonal(ann.id(), "nope")).isInstanceOf(AtriumException.NotFound.class);

    Sessions.Minted fresh = sessions.regeneratePersonal(ann.id(), "ci", "web");
    assertThat(sessions.caller(pat.token())).isEmpty();
    assertThat(sessions.personalTokens(ann.id())).singleElement()
        .satisfies(t -> assertThat(t.bypassTwoFactor()).isTrue());

    Sessions.Minted login = sessions.loginWithPassword("ann@example.com", "first-password", "web", null);
    accounts.changePassword(sessions.caller(login.token()).orElseThrow(), "first-password", "second-password");
    assertThat(sessions.caller(fresh.token())).isEmpty();
    assertThat(sessions.caller(login.token())).isPresent();
    assertThat(sessions.personalTokens(ann.id())).isEmpty();
  }

  // ---- verification

  @Test
  void request_mailsALink_andOpeningItVerifiesTheAccount_afterCommit() {
    User ann = signup("ann@example.com", false);
    published.clear();

    verification.request("ANN@example.com");

    OutboxMail mail = lastMail();
    assertThat(mail.status()).isEqualTo(MailStatus.LOCAL);
    assertThat(mail.message().to()).isEqualTo("ANN@example.com");
    assertThat(mail.message().subject()).isEqualTo("Verify your email address");
    assertThat(mail.message().text()).contains("The link works for 24 hours.");
    assertThat(mail.message().html()).contains("<a href=\"" + LINK + tokenIn(mail) + "\">");
    assertThat(published).isEmpty();

    User verified = verification.verify(tokenIn(mail));

    assertThat(verified.emailVerified()).isTrue();
    assertThat(users.get(ann.id()).emailVerified()).isTrue();
    assertThat(verification.isVerified("ann@EXAMPLE.com")).isTrue();
    assertThat(published).containsExactly(new DomainEvent.UserUpdated(ann, verified, clock.instant()));
    assertRefused(() -> verification.verify(tokenIn(mail)), AtriumException.Conflict.class, Reason.TOKEN_USED,
        "Verification token is already used");
  }

  @Test
  void request_isRefusedMoreThanOnceAMinutePerAddress_andANewLinkReplacesTheOldOne() {
    verification.request("ann@example.com");
    String first = tokenIn(lastMail());
    clock.advance(Duration.ofSeconds(59));
    Map<String, String> before = snapshot();

    assertRefused(() -> verification.request("Ann@Example.com"), AtriumException.TooManyRequests.class,
        Reason.NONE, "Too frequent request");
    assertThat(snapshot()).isEqualTo(before);

    verification.request("bob@example.com");
    clock.advance(Duration.ofSeconds(1));
    verification.request("ann@example.com");
    String second = tokenIn(lastMail());
    signup("ann@example.com", false);

    assertRefused(() -> verification.verify(first), AtriumException.NotFound.class, Reason.TOKEN_NOT_FOUND,
        "Verification token not found");
    assertThat(verification.verify(second).emailVerified()).isTrue();
  }

  @Test
  void request_forAVerifiedAddress_isRefused_andAnInvalidAddressToo() {
    signup("ann@example.com", true);
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> verification.request("ann@example.com")).isInstanceOf(AtriumException.Conflict.class)
        .hasMessage("Email address ann@example.com is already verified");
    assertThatThrownBy(() -> verification.request("no-at-sign")).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The email address is not valid: no-at-sign");
    assertThatThrownBy(() -> verification.request("")).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("An email address is required");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aLink_expiresAfterItsLifetime() {
    signup("ann@example.com", false);
    verification.request("ann@example.com");
    String token = tokenIn(lastMail());
    clock.advance(Duration.ofHours(24));

    assertRefused(() -> verification.verify(token), AtriumException.NotFound.class, Reason.TOKEN_NOT_FOUND,
        "Verification token not found");
    assertThat(verification.isVerified("ann@example.com")).isFalse();
  }

  @Test
  void verify_ofAnUnknownToken_isRefused() {
    for (String token : List.of("nope", "", "x".repeat(600))) {
      assertRefused(() -> verification.verify(token), AtriumException.NotFound.class, Reason.TOKEN_NOT_FOUND,
          "Verification token not found");
    }
  }

  @Test
  void aLinkAskedForBeforeSignup_findsNoAccount_butLetsTheSignupStartVerified() {
    verification.request("new@example.com");
    String token = tokenIn(lastMail());

    assertRefused(() -> verification.verify(token), AtriumException.NotFound.class, Reason.USER_NOT_FOUND,
        "User not found");
    User created = registration.signUp(signUp("New@example.com", token)).user();

    assertThat(created.emailVerified()).isTrue();
    assertThat(published).containsExactly(new DomainEvent.UserCreated(created, created.createdAt()));
    assertRefused(() -> verification.verify(token), AtriumException.Conflict.class, Reason.TOKEN_USED,
        "Verification token is already used");
  }

  @Test
  void register_withATokenOfAnotherAddress_orAUsedOne_createsNobody() {
    verification.request("new@example.com");
    String token = tokenIn(lastMail());
    Map<String, String> before = snapshot();

    assertRefused(() -> registration.signUp(signUp("other@example.com", token)), AtriumException.NotFound.class,
        Reason.TOKEN_NOT_FOUND, "Verification token not found");
    assertRefused(() -> registration.signUp(signUp("other@example.com", "forged")), AtriumException.NotFound.class,
        Reason.TOKEN_NOT_FOUND, "Verification token not found");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
    assertThat(registration.signUp(signUp("other@example.com", null)).user().emailVerified()).isFalse();
  }

  @Test
  void register_thatFails_leavesTheTokenUnused() {
    signup("taken@example.com", false);
    verification.request("taken@example.com");
    String token = tokenIn(lastMail());
    published.clear();

    assertThatThrownBy(() -> registration.signUp(signUp("taken@example.com", token)))
        .isInstanceOf(AtriumException.Conflict.class).hasMessage("Email address taken@example.com is already taken");

    assertThat(published).isEmpty();
    assertThat(verification.verify(token).emailVerified()).isTrue();
  }

  @Test
  void changeEmail_setsTheAddressUnverified_andMailsALinkToIt_inOneTransaction() {
    User ann = signup("ann@example.com", true);
    published.clear();

    User changed = verification.changeEmail(ann.id(), "ann.new@example.com");

    assertThat(changed.email()).isEqualTo("ann.new@example.com");
    assertThat(changed.emailVerified()).isFalse();
    assertThat(users.get(ann.id())).isEqualTo(changed);
    assertThat(lastMail().message().to()).isEqualTo("ann.new@example.com");
    assertThat(published).containsExactly(new DomainEvent.UserUpdated(ann, changed, clock.instant()));
    AuditEntry entry = audit.latest(1).getFirst();
    assertThat(entry.action()).isEqualTo("user.email");
    assertThat(entry.actorId()).isEqualTo(ann.id());
    assertThat(verification.verify(tokenIn(lastMail())).emailVerified()).isTrue();
    assertThat(verification.isTaken("ann@example.com")).isFalse();
  }

  /**
   * Regression: {@code User.withEmail} built the user with a shorter constructor that left out the avatar
   * string, the 3D avatar, the identity and the owner, so changing (or verifying) a persona's address cut it
   * loose from its owner and took its avatars and identity with it.
   */
  @Test
  void changeEmail_keepsTheAvatarsTheIdentityAndTheOwner() {
    User signedUp = signup("ann@example.com", true);
    User ann = signedUp.toBuilder().avatar("https://cdn.example.com/ann.png")
        .avatar3D(new Avatar3D("asset-1", Map.of("hair", "red"), "https://models.example.com/ann.glb", "rpm-1"))
        .identity(new Identity(IdentityType.VSSID, "ann@", "zs1ann")).ownerId(admin.id()).build();
    tx.run(() -> userStore.update(ann));

    User changed = verification.changeEmail(ann.id(), "ann.new@example.com");
    User verified = verification.verify(tokenIn(lastMail()));

    for (User after : List.of(changed, verified, users.get(ann.id()))) {
      assertThat(after.avatar()).isEqualTo(ann.avatar());
      assertThat(after.avatar3D()).isEqualTo(ann.avatar3D());
      assertThat(after.identity()).isEqualTo(ann.identity());
      assertThat(after.ownerId()).isEqualTo(admin.id());
    }
    assertThat(verified).isEqualTo(ann.withEmail("ann.new@example.com", true, clock.instant()));
  }

  @Test
  void changeEmail_toATakenOrInvalidAddress_orTooSoon_changesNothing() {
    User ann = signup("ann@example.com", true);
    signup("bob@example.com", false);
    verification.request("carol@example.com");
    published.clear();
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> verification.changeEmail(ann.id(), "BOB@example.com"))
        .isInstanceOf(AtriumException.Conflict.class).hasMessage("Email address BOB@example.com is already taken");
    assertThatThrownBy(() -> verification.changeEmail(ann.id(), "not an address"))
        .isInstanceOf(AtriumException.Invalid.class);
    assertThatThrownBy(() -> verification.changeEmail(ann.id(), "a".repeat(250) + "@x.io"))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The email address must be at most 254 characters long");
    // carol@ got a link a moment ago: the address would change, and then its mail be refused; neither happens
    assertRefused(() -> verification.changeEmail(ann.id(), "carol@example.com"),
        AtriumException.TooManyRequests.class, Reason.NONE, "Too frequent request");
    assertRefused(() -> verification.changeEmail(Fixtures.userId(999_999), "dan@example.com"),
        AtriumException.NotFound.class, Reason.USER_NOT_FOUND, "User not found");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
  }

  @Test
  void changeEmail_toTheSameAddress_changesNothing_andInOtherCase_staysVerified() {
    User ann = signup("ann@example.com", true);
    int mails = mailCount();
    published.clear();

    assertThat(verification.changeEmail(ann.id(), "ann@example.com")).isEqualTo(ann);
    assertThat(published).isEmpty();
    User recased = verification.changeEmail(ann.id(), "Ann@Example.com");

    assertThat(recased.email()).isEqualTo("Ann@Example.com");
    assertThat(recased.emailVerified()).isTrue();
    assertThat(mailCount()).isEqualTo(mails);
    assertThat(published).containsExactly(new DomainEvent.UserUpdated(ann, recased, clock.instant()));
  }

  @Test
  void requestForUser_mailsTheUsersOwnAddress_unlessItIsVerifiedOrMissing() {
    User ann = signup("ann@example.com", false);
    User verified = signup("vera@example.com", true);
    User noMail = accounts.registerWithFreeUsername(accounts.prepare(new NewUser("nomail", null,
        Fixtures.names("N", "M"), AccountType.NORMAL, Set.of(), new NewUser.Password.None(), false)));

    verification.requestForUser(ann.id());

    assertThat(lastMail().message().to()).isEqualTo("ann@example.com");
    assertThatThrownBy(() -> verification.requestForUser(verified.id()))
        .isInstanceOf(AtriumException.Conflict.class).hasMessage("Email address vera@example.com is already verified");
    assertThatThrownBy(() -> verification.requestForUser(noMail.id()))
        .isInstanceOf(AtriumException.Invalid.class).hasMessage("The user has no email address to verify");
    assertRefused(() -> verification.requestForUser(ann.id()), AtriumException.TooManyRequests.class, Reason.NONE,
        "Too frequent request");
  }

  @Test
  void isTaken_andIsVerified_ignoreCase() {
    signup("ann@example.com", false);

    assertThat(verification.isTaken("ANN@example.com")).isTrue();
    assertThat(verification.isTaken("bob@example.com")).isFalse();
    assertThat(verification.isVerified("ann@example.com")).isFalse();
    assertThat(verification.isVerified("bob@example.com")).isFalse();
    assertThatThrownBy(() -> verification.isTaken("nope")).isInstanceOf(AtriumException.Invalid.class);
  }

  // ---- password restore

  @Test
  void restore_setsThePassword_usesTheCode_verifiesTheAddress_andRevokesEverySession() {
    User ann = signup("ann@example.com", false);
    Sessions.Minted session = sessions.loginWithPassword("ann@example.com", "first-password", "net", null);
    published.clear();

    restore.sendCode("Ann@example.com");
    OutboxMail mail = lastMail();
    assertThat(mail.message().to()).isEqualTo("ann@example.com");
    assertThat(mail.message().subject()).isEqualTo("Your code to set a new password");
    assertThat(mail.message().text()).contains("It works for 20 minutes.");
    String code = codeIn(mail);
    restore.checkCode("ann@example.com", code);
    clock.advance(Duration.ofMinutes(19));
    restore.restore("ann@example.com", code, "second-password");

    User after = users.get(ann.id());
    assertThat(after.emailVerified()).isTrue();
    assertThat(after.lastPasswordResetAt()).isEqualTo(clock.instant());
    assertThat(sessions.authenticate(session.token())).isEmpty();
    assertThat(sessions.loginWithPassword("ann@example.com", "second-password", "net", null).session().kind())
        .isEqualTo(Session.Kind.SESSION);
    assertThatThrownBy(() -> sessions.loginWithPassword("ann@example.com", "first-password", "net", null))
        .isInstanceOf(AtriumException.Unauthenticated.class);
    assertThat(published).hasSize(2);
    assertThat(published.getFirst()).isEqualTo(new DomainEvent.SessionsRevoked(ann.id(),
        List.of(session.session().id()), clock.instant()));
    assertThat(published.get(1)).isInstanceOf(DomainEvent.UserUpdated.class);
    assertThat(audit.latest(1).getFirst().action()).isEqualTo("user.password.restore");
    assertRefused(() -> restore.restore("ann@example.com", code, "third-password"), AtriumException.Conflict.class,
        Reason.TOKEN_USED, "Verification token is already used");
    assertRefused(() -> restore.checkCode("ann@example.com", code), AtriumException.Conflict.class,
        Reason.TOKEN_USED, "Verification token is already used");
  }

  @Test
  void anUnknownOrDisabledAddress_isUserNotFound_andChangesNothing() {
    User ann = signup("ann@example.com", false);
    accounts.setStatus(admin, ann.id(), UserStatus.DISABLED);
    Map<String, String> before = snapshot();

    for (String email : List.of("nobody@example.com", "ann@example.com")) {
      assertRefused(() -> restore.sendCode(email), AtriumException.NotFound.class, Reason.USER_NOT_FOUND,
          "User not found");
      assertRefused(() -> restore.checkCode(email, "123456"), AtriumException.NotFound.class,
          Reason.USER_NOT_FOUND, "User not found");
      assertRefused(() -> restore.restore(email, "123456", "new-password"), AtriumException.NotFound.class,
          Reason.USER_NOT_FOUND, "User not found");
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void sendCode_isRefusedMoreThanOnceAMinute_andANewCodeReplacesTheOldOne() {
    signup("ann@example.com", false);
    restore.sendCode("ann@example.com");
    String first = codeIn(lastMail());
    clock.advance(Duration.ofSeconds(59));
    Map<String, String> before = snapshot();

    assertRefused(() -> restore.sendCode("ann@example.com"), AtriumException.TooManyRequests.class, Reason.NONE,
        "Too frequent request");
    assertThat(snapshot()).isEqualTo(before);

    clock.advance(Duration.ofSeconds(1));
    restore.sendCode("ann@example.com");
    String second = codeIn(lastMail());
    if (!second.equals(first)) {
      assertRefused(() -> restore.checkCode("ann@example.com", first), AtriumException.NotFound.class,
          Reason.TOKEN_NOT_FOUND, "Verification token not found");
    }
    restore.checkCode("ann@example.com", second);
  }

  @Test
  void sendCodeFor_mailsTheUserACodeThatRestores_auditedInOneTransaction_withoutTheMinuteLimit() {
    User ann = signup("ann@example.com", false);
    published.clear();

    restore.sendCodeFor(admin, ann.id());
    String first = codeIn(lastMail());
    restore.sendCodeFor(admin, ann.id());

    OutboxMail mail = lastMail();
    assertThat(mail.message().to()).isEqualTo("ann@example.com");
    assertThat(mail.message().subject()).isEqualTo("Set a new password");
    assertThat(mail.message().text()).contains("an administrator has started a password reset", "20 minutes");
    AuditEntry entry = audit.latest(1).getFirst();
    assertThat(List.of(entry.actorId(), entry.action(), entry.target()))
        .containsExactly(admin.id(), "user.password.reset", "user:" + ann.id());
    assertThat(published).isEmpty();
    String code = codeIn(mail);
    if (!code.equals(first)) {
      assertRefused(() -> restore.checkCode("ann@example.com", first), AtriumException.NotFound.class,
          Reason.TOKEN_NOT_FOUND, "Verification token not found");
    }
    restore.restore("ann@example.com", code, "second-password");
    assertThat(sessions.loginWithPassword("ann@example.com", "second-password", "net", null).session().kind())
        .isEqualTo(Session.Kind.SESSION);
  }

  @Test
  void sendCodeFor_isRefusedForWhomNoCodeCanServe_andForAPlainUser_changingNothing() {
    User ann = signup("ann@example.com", false);
    User bot = accounts.create(admin, new NewUser("bot", "bot@example.com", Fixtures.names("B", "ot"),
        AccountType.SYSTEM, Set.of(Roles.INDIVIDUAL), new NewUser.Password.None(), false), List.of());
    User mailLess = accounts.create(admin, new NewUser("nomail", null, Fixtures.names("N", "M"), AccountType.NORMAL,
        Set.of(Roles.INDIVIDUAL), new NewUser.Password.Plain("first-password"), false), List.of());
    User off = signup("off@example.com", false);
    accounts.setStatus(admin, off.id(), UserStatus.DISABLED);
    Map<String, String> before = snapshot();

    assertRefused(() -> restore.sendCodeFor(admin, 999_999L), AtriumException.NotFound.class, Reason.NONE,
        "User 999999 not found");
    assertRefused(() -> restore.sendCodeFor(admin, bot.id()), AtriumException.Invalid.class, Reason.NONE,
        "User " + bot.id() + " is a SYSTEM account: it logs in with an RSA key and has no password");
    assertRefused(() -> restore.sendCodeFor(admin, mailLess.id()), AtriumException.Invalid.class, Reason.NONE,
        "User " + mailLess.id() + " has no email address to send the reset to");
    assertRefused(() -> restore.sendCodeFor(admin, off.id()), AtriumException.Invalid.class, Reason.NONE,
        "User " + off.id() + " is disabled");
    assertRefused(() -> restore.sendCodeFor(ann, ann.id()), AtriumException.Forbidden.class, Reason.NONE,
        "The user lacks the required entitlement to perform this operation");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aWrongCode_isNotFound_andFiveTriesInTwoMinutes_stopEvenTheRightOne() {
    signup("ann@example.com", false);
    restore.sendCode("ann@example.com");
    String code = codeIn(lastMail());
    String wrong = code.equals("000000") ? "000001" : "000000";

    for (String attempt : List.of(wrong, "12345", "abcdef", "")) {
      assertRefused(() -> restore.checkCode("ann@example.com", attempt), AtriumException.NotFound.class,
          Reason.TOKEN_NOT_FOUND, "Verification token not found");
    }
    restore.checkCode("ann@example.com", code);
    clock.advance(Duration.ofSeconds(119));
    Map<String, String> before = snapshot();
    assertRefused(() -> restore.checkCode("ann@example.com", code), AtriumException.TooManyRequests.class,
        Reason.NONE, "Too frequent request");
    assertRefused(() -> restore.restore("ann@example.com", code, "second-password"),
        AtriumException.TooManyRequests.class, Reason.NONE, "Too frequent request");
    assertThat(snapshot()).isEqualTo(before);

    clock.advance(Duration.ofSeconds(1));
    restore.restore("ann@example.com", code, "second-password");
  }

  @Test
  void aCode_expiresAfterTwentyMinutes() {
    signup("ann@example.com", false);
    restore.sendCode("ann@example.com");
    String code = codeIn(lastMail());
    clock.advance(Duration.ofMinutes(20));

    assertRefused(() -> restore.restore("ann@example.com", code, "second-password"), AtriumException.NotFound.class,
        Reason.TOKEN_NOT_FOUND, "Verification token not found");
    assertThat(sessions.loginWithPassword("ann@example.com", "first-password", "net", null)).isNotNull();
  }

  @Test
  void anInvalidNewPassword_isRefusedFirst_andCountsNoTry() {
    signup("ann@example.com", false);
    restore.sendCode("ann@example.com");
    String code = codeIn(lastMail());
    Map<String, String> before = snapshot();

    for (int i = 0; i < PasswordRestore.MAX_TRIES + 1; i++) {
      assertRefused(() -> restore.restore("ann@example.com", code, "short"), AtriumException.Invalid.class,
          Reason.INVALID_PASSWORD, "Password must be at least 8 characters long");
    }
    assertRefused(() -> restore.restore("ann@example.com", code, "x".repeat(257)), AtriumException.Invalid.class,
        Reason.INVALID_PASSWORD, "Password must be at most 256 characters long");

    assertThat(snapshot()).isEqualTo(before);
    restore.restore("ann@example.com", code, "second-password");
  }

  @Test
  void checkCode_withoutACode_isNotFound_andCountsNoTry() {
    signup("ann@example.com", false);
    Map<String, String> before = snapshot();

    assertRefused(() -> restore.checkCode("ann@example.com", "123456"), AtriumException.NotFound.class,
        Reason.TOKEN_NOT_FOUND, "Verification token not found");

    assertThat(snapshot()).isEqualTo(before);
  }

  // ---- outbox

  @Test
  void aLocalOutbox_keepsMailsToBeRead_andDeliversNothing() {
    verification.request("ann@example.com");

    assertThat(outbox.delivers()).isFalse();
    assertThat(outbox.deliverDue()).isZero();
    assertThat(lastMail().status()).isEqualTo(MailStatus.LOCAL);
    assertThat(lastMail().attempts()).isZero();
  }

  @Test
  void latest_isForASuperAdministrator_andEachReadingIsAudited() {
    verification.request("ann@example.com");
    User plainAdmin = accounts.create(admin, new NewUser("pa", "pa@example.com", Fixtures.names("P", "A"),
        AccountType.NORMAL, Set.of(Roles.ADMINISTRATOR), new NewUser.Password.None(), false), List.of());

    assertThat(outbox.latest(admin, 10)).extracting(m -> m.message().to()).containsExactly("ann@example.com");
    AuditEntry entry = audit.latest(1).getFirst();
    assertThat(entry.action()).isEqualTo("mail.outbox.read");
    assertThat(entry.actorId()).isEqualTo(admin.id());
    assertThatThrownBy(() -> outbox.latest(plainAdmin, 10)).isInstanceOf(AtriumException.Forbidden.class)
        .hasMessage("Only a SUPER_ADMINISTRATOR can read the mail outbox");
    assertThatThrownBy(() -> outbox.latest(admin, 0)).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("limit must be from 1 to 1000, got 0");
  }

  @Test
  void purge_removesExpiredTokensAndCodes_andOldFinishedMails() {
    signup("ann@example.com", false);
    verification.request("ann@example.com");
    restore.sendCode("ann@example.com");
    clock.advance(Duration.ofHours(24));
    assertThat(verification.purgeExpired()).isZero();
    assertThat(restore.purgeExpired()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));

    assertThat(verification.purgeExpired()).isEqualTo(1);
    assertThat(outbox.purgeFinished(Duration.ofHours(25))).isZero();
    assertThat(outbox.purgeFinished(Duration.ofHours(24))).isEqualTo(2);
  }
}
