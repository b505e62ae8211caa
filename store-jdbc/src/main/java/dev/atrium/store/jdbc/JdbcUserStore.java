package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.Users.*;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sequence;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Identity;
import dev.atrium.core.user.IdentityType;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserFilter;
import dev.atrium.core.user.UserKey;
import dev.atrium.core.user.UserPage;
import dev.atrium.core.user.UserSearch;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.UserStore;
import dev.atrium.store.jdbc.Schema.Delegates;
import dev.atrium.store.jdbc.Schema.Features;
import dev.atrium.store.jdbc.Schema.Keys;
import dev.atrium.store.jdbc.Schema.Terms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jooq.Sequence;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/** Users on jOOQ. A user is one row; its search words live in {@code user_term}. */
public final class JdbcUserStore implements UserStore {
  private static final Sequence<Long> USER_SEQ = sequence(DSL.name("user_seq"), SQLDataType.BIGINT);
  private static final TypeReference<Map<String, List<String>>> LISTS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> AVATAR_3D = new TypeReference<>() {};
  /**
   * The columns {@link #user} reads, named in every user query. With {@code selectFrom(T)} ({@code select *})
   * jOOQ knows no columns of the hand-made table, so each fetch read the driver's result-set metadata and
   * parsed every column's type name with regular expressions, and each {@code r.get(FIELD)} searched the
   * unknown fields by name: more than half the CPU of a user read.
   */
  private static final List<Field<?>> COLUMNS = List.of(ID, USERNAME, EMAIL, FIRST_NAME, LAST_NAME, DISPLAY_NAME,
      TITLE, COMPANY_NAME, COMPANY_TITLE, DEPARTMENT, DIVISION, LOCATION, JOB_FUNCTION, WORK_PHONE, MOBILE_PHONE,
      SMS_NUMBER, ZIP_CODE, TWO_FACTOR_PHONE, LANGUAGE, LIST_ATTRIBUTES, STATUS, ACCOUNT_TYPE, ROLES, CREATED_AT,
      CREATED_BY, UPDATED_AT, LAST_LOGIN_AT, LAST_PASSWORD_RESET_AT, EMAIL_VERIFIED, IS_NEW, AVATAR_VERSION,
      DISCLAIMER_ID, BIRTHDAY, HOMETOWN, EDUCATION, DESCRIPTION, LINK_URL, PRIVACY_MODE, AVATAR, AVATAR3D,
      IDENTITY_TYPE, IDENTITY_NAME, Z_ADDRESS, OWNER_ID);

  /** Above this many prefix matches the ids stay in the database (bind-parameter lists have limits). */
  private static final int MAX_KEYED_CANDIDATES = 5_000;

  private final JdbcTransactor tx;

  public JdbcUserStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  private DSLContext ctx() {
    return tx.ctx();
  }

  private SelectJoinStep<Record> selectUsers() {
    return ctx().select(COLUMNS).from(T);
  }

  @Override
  public long nextSequence() {
    return ctx().nextval(USER_SEQ);
  }

  @Override
  public void insert(User user) {
    ctx().insertInto(T).set(row(user)).execute();
    writeTerms(user);
  }

  @Override
  public void update(User user) {
    ctx().update(T).set(row(user)).where(ID.eq(user.id())).execute();
    ctx().deleteFrom(Terms.T).where(Terms.USER_ID.eq(user.id())).execute();
    writeTerms(user);
  }

  @Override
  public Optional<User> byId(long id) {
    return selectUsers().where(ID.eq(id)).fetchOptional().map(JdbcUserStore::user);
  }

  @Override
  public Optional<User> lock(long id) {
    return selectUsers().where(ID.eq(id)).forUpdate().fetchOptional().map(JdbcUserStore::user);
  }

  @Override
  public List<String> usernamesStartingWith(String prefix) {
    return ctx().select(USERNAME_LC).from(T)
        .where(USERNAME_LC.like(escape(prefix.toLowerCase(Locale.ROOT)) + "%", '!')).fetch(USERNAME_LC);
  }

  @Override
  public Optional<User> byUsername(String username) {
    return selectUsers().where(USERNAME_LC.eq(username.toLowerCase(Locale.ROOT))).fetchOptional()
        .map(JdbcUserStore::user);
  }

  @Override
  public Optional<User> byEmail(String email) {
    return selectUsers().where(EMAIL_LC.eq(email.toLowerCase(Locale.ROOT))).fetchOptional()
        .map(JdbcUserStore::user);
  }

  @Override
  public boolean isEmpty() {
    return !ctx().fetchExists(selectOne().from(T));
  }

  @Override
  public List<Long> ids() {
    return ctx().select(ID).from(T).orderBy(ID).fetch(ID);
  }

  @Override
  public List<User> page(int skip, int limit) {
    return selectUsers().orderBy(ID).offset(skip).limit(limit).fetch(JdbcUserStore::user);
  }

  @Override
  public List<User> find(UserFilter f) {
    List<Condition> where = new ArrayList<>();
    if (f.email() != null) {
      where.add(EMAIL_LC.eq(f.email().toLowerCase(Locale.ROOT)));
    }
    if (f.name() != null) {
      String like = "%" + escape(f.name().toLowerCase(Locale.ROOT)) + "%";
      where.add(lower(FIRST_NAME).like(like, '!').or(lower(LAST_NAME).like(like, '!'))
          .or(lower(DISPLAY_NAME).like(like, '!')).or(USERNAME_LC.like(like, '!')));
    }
    eqIgnoringCase(where, DEPARTMENT, f.department());
    eqIgnoringCase(where, TITLE, f.title());
    eqIgnoringCase(where, LOCATION, f.location());
    if (f.role() != null) {
      where.add(ROLES.like("%," + escape(f.role()) + ",%", '!'));
    }
    if (f.status() != null) {
      where.add(STATUS.eq(f.status().name()));
    }
    if (f.accountType() != null) {
      where.add(ACCOUNT_TYPE.eq(f.accountType().name()));
    }
    return selectUsers().where(where).orderBy(ID).fetch(JdbcUserStore::user);
  }

  @Override
  public UserPage search(UserSearch s) {
    // The ids whose words match come from the term index alone (an index range scan per word); the users
    // table is then read by primary key, for the status and filters and for the page. Counting and paging
    // with the prefix lookup inside each query made the database evaluate it twice per search.
    List<Condition> where = new ArrayList<>();
    where.add(STATUS.eq(UserStatus.ENABLED.name()));
    eqIgnoringCase(where, TITLE, s.title());
    eqIgnoringCase(where, COMPANY_NAME, s.company());
    eqIgnoringCase(where, LOCATION, s.location());
    List<Long> ids;
    if (s.words().isEmpty()) {
      ids = ctx().select(ID).from(T).where(where).orderBy(ID).fetch(ID);
    } else {
      Select<Record1<Long>> matching = null;
      for (String word : s.words()) {
        Select<Record1<Long>> one = select(Terms.USER_ID).from(Terms.T)
            .where(Terms.TERM.like(escape(word) + "%", '!'));
        matching = matching == null ? one : matching.intersect(one);
      }
      List<Long> candidates = ctx().fetch(matching).getValues(0, Long.class);
      if (candidates.size() > MAX_KEYED_CANDIDATES) {
        where.add(ID.in(matching));
        ids = ctx().select(ID).from(T).where(where).orderBy(ID).fetch(ID);
      } else {
        where.add(ID.in(candidates));
        ids = candidates.isEmpty() ? List.of() : ctx().select(ID).from(T).where(where).orderBy(ID).fetch(ID);
      }
    }
    long total = ids.size();
    if (s.skip() >= total) {
      return new UserPage(total, List.of());
    }
    List<Long> page = ids.subList(s.skip(), (int) Math.min(total, (long) s.skip() + s.limit()));
    return new UserPage(total, selectUsers().where(ID.in(page)).orderBy(ID).fetch(JdbcUserStore::user));
  }

  @Override
  public Optional<String> passwordHash(long userId) {
    return ctx().select(PASSWORD_HASH).from(T).where(ID.eq(userId)).fetchOptional(PASSWORD_HASH);
  }

  @Override
  public void setPasswordHash(long userId, String hash) {
    ctx().update(T).set(PASSWORD_HASH, hash).where(ID.eq(userId)).execute();
  }

  @Override
  public List<UserKey> keys(long userId) {
    return ctx().select(Keys.USER_ID, Keys.SLOT, Keys.PEM, Keys.EXPIRES_AT).from(Keys.T).where(Keys.USER_ID.eq(userId)).orderBy(Keys.SLOT).fetch(r -> new UserKey(
        r.get(Keys.USER_ID), UserKey.Slot.valueOf(r.get(Keys.SLOT)), r.get(Keys.PEM), instant(r.get(Keys.EXPIRES_AT))));
  }

  @Override
  public void putKey(UserKey key) {
    ctx().insertInto(Keys.T)
        .set(Keys.USER_ID, key.userId()).set(Keys.SLOT, key.slot().name())
        .set(Keys.PEM, key.pem()).set(Keys.EXPIRES_AT, millis(key.expiresAt()))
        .onConflict(Keys.USER_ID, Keys.SLOT).doUpdate()
        .set(Keys.PEM, key.pem()).set(Keys.EXPIRES_AT, millis(key.expiresAt()))
        .execute();
  }

  @Override
  public void removeKey(long userId, UserKey.Slot slot) {
    ctx().deleteFrom(Keys.T).where(Keys.USER_ID.eq(userId), Keys.SLOT.eq(slot.name())).execute();
  }

  @Override
  public Map<String, Boolean> features(long userId) {
    Map<String, Boolean> result = new LinkedHashMap<>();
    ctx().select(Features.FEATURE, Features.ENABLED).from(Features.T).where(Features.USER_ID.eq(userId))
        .forEach(r -> result.put(r.value1(), r.value2()));
    return result;
  }

  @Override
  public void setFeature(long userId, String feature, boolean enabled) {
    ctx().insertInto(Features.T)
        .set(Features.USER_ID, userId).set(Features.FEATURE, feature).set(Features.ENABLED, enabled)
        .onConflict(Features.USER_ID, Features.FEATURE).doUpdate().set(Features.ENABLED, enabled)
        .execute();
  }

  @Override
  public List<Long> delegates(long userId) {
    return ctx().select(Delegates.DELEGATE_ID).from(Delegates.T).where(Delegates.USER_ID.eq(userId))
        .orderBy(Delegates.ORDINAL).fetch(Delegates.DELEGATE_ID);
  }

  @Override
  public void setDelegates(long userId, List<Long> delegates) {
    ctx().deleteFrom(Delegates.T).where(Delegates.USER_ID.eq(userId)).execute();
    for (int i = 0; i < delegates.size(); i++) {
      ctx().insertInto(Delegates.T).set(Delegates.USER_ID, userId).set(Delegates.DELEGATE_ID, delegates.get(i))
          .set(Delegates.ORDINAL, i).execute();
    }
  }

  @Override
  public List<User> personasOf(long ownerId) {
    return selectUsers().where(OWNER_ID.eq(ownerId)).orderBy(CREATED_AT, ID).fetch(JdbcUserStore::user);
  }

  @Override
  public int movePersonas(long fromOwnerId, long intoOwnerId) {
    return ctx().update(T).set(OWNER_ID, intoOwnerId).where(OWNER_ID.eq(fromOwnerId)).execute();
  }

  // ---- mapping

  private void writeTerms(User user) {
    Set<String> terms = terms(user);
    if (terms.isEmpty()) {
      return;
    }
    var insert = ctx().insertInto(Terms.T, Terms.TERM, Terms.USER_ID);
    for (String term : terms) {
      insert = insert.values(term, user.id());
    }
    insert.execute();
  }

  /** The words a directory search finds a user by: each name, the username and email, whole and in parts. */
  static Set<String> terms(User user) {
    Set<String> terms = new TreeSet<>();
    Profile p = user.profile();
    for (String text : Arrays.asList(p.firstName(), p.lastName(), p.displayName(), user.username(), user.email())) {
      if (text == null) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      for (String word : lower.split("\\s+")) {
        add(terms, word);
        for (String part : word.split("[._@+\\-]+")) {
          add(terms, part);
        }
      }
    }
    return terms;
  }

  private static void add(Set<String> terms, String word) {
    if (!word.isEmpty()) {
      terms.add(word.length() > 256 ? word.substring(0, 256) : word);
    }
  }

  private static Map<Field<?>, Object> row(User u) {
    Map<Field<?>, Object> row = new LinkedHashMap<>();
    Profile p = u.profile();
    row.put(ID, u.id());
    row.put(USERNAME, u.username());
    row.put(USERNAME_LC, u.username().toLowerCase(Locale.ROOT));
    row.put(EMAIL, u.email());
    row.put(EMAIL_LC, u.email() == null ? null : u.email().toLowerCase(Locale.ROOT));
    row.put(FIRST_NAME, p.firstName());
    row.put(LAST_NAME, p.lastName());
    row.put(DISPLAY_NAME, p.displayName());
    row.put(TITLE, p.title());
    row.put(COMPANY_NAME, p.companyName());
    row.put(COMPANY_TITLE, p.companyTitle());
    row.put(DEPARTMENT, p.department());
    row.put(DIVISION, p.division());
    row.put(LOCATION, p.location());
    row.put(JOB_FUNCTION, p.jobFunction());
    row.put(WORK_PHONE, p.workPhone());
    row.put(MOBILE_PHONE, p.mobilePhone());
    row.put(SMS_NUMBER, p.smsNumber());
    row.put(ZIP_CODE, p.zipCode());
    row.put(TWO_FACTOR_PHONE, p.twoFactorAuthPhone());
    row.put(LANGUAGE, p.language());
    row.put(LIST_ATTRIBUTES, Json.write(p.lists()));
    row.put(STATUS, u.status().name());
    row.put(ACCOUNT_TYPE, u.accountType().name());
    row.put(ROLES, "," + String.join(",", new TreeSet<>(u.roles())) + ",");
    row.put(CREATED_AT, u.createdAt().toEpochMilli());
    row.put(CREATED_BY, u.createdBy());
    row.put(UPDATED_AT, u.updatedAt().toEpochMilli());
    row.put(LAST_LOGIN_AT, millis(u.lastLoginAt()));
    row.put(LAST_PASSWORD_RESET_AT, millis(u.lastPasswordResetAt()));
    row.put(EMAIL_VERIFIED, u.emailVerified());
    row.put(IS_NEW, u.isNew());
    row.put(AVATAR_VERSION, u.avatarVersion());
    row.put(DISCLAIMER_ID, u.disclaimerId());
    row.put(BIRTHDAY, p.birthday());
    row.put(HOMETOWN, p.hometown());
    row.put(EDUCATION, p.education());
    row.put(DESCRIPTION, p.description());
    row.put(LINK_URL, p.linkUrl());
    row.put(PRIVACY_MODE, p.privacyMode());
    row.put(AVATAR, u.avatar());
    row.put(AVATAR3D, u.avatar3D() == null ? null : avatar3dJson(u.avatar3D()));
    row.put(IDENTITY_TYPE, u.identity().type().code());
    row.put(IDENTITY_NAME, u.identity().name());
    row.put(Z_ADDRESS, u.identity().zAddress());
    row.put(OWNER_ID, u.ownerId());
    return row;
  }

  private static User user(Record r) {
    Profile profile = Profile.builder().firstName(r.get(FIRST_NAME)).lastName(r.get(LAST_NAME))
        .displayName(r.get(DISPLAY_NAME)).title(r.get(TITLE)).companyName(r.get(COMPANY_NAME))
        .companyTitle(r.get(COMPANY_TITLE)).department(r.get(DEPARTMENT)).division(r.get(DIVISION))
        .location(r.get(LOCATION)).jobFunction(r.get(JOB_FUNCTION)).workPhone(r.get(WORK_PHONE))
        .mobilePhone(r.get(MOBILE_PHONE)).smsNumber(r.get(SMS_NUMBER)).zipCode(r.get(ZIP_CODE))
        .twoFactorAuthPhone(r.get(TWO_FACTOR_PHONE)).language(r.get(LANGUAGE))
        .lists(Json.read(r.get(LIST_ATTRIBUTES), LISTS)).birthday(r.get(BIRTHDAY)).hometown(r.get(HOMETOWN))
        .education(r.get(EDUCATION)).description(r.get(DESCRIPTION)).linkUrl(r.get(LINK_URL))
        .privacyMode(r.get(PRIVACY_MODE)).build();
    Set<String> roles = new LinkedHashSet<>();
    for (String role : r.get(ROLES).split(",")) {
      if (!role.isEmpty()) {
        roles.add(role);
      }
    }
    String avatar3d = r.get(AVATAR3D);
    return User.builder().id(r.get(ID)).username(r.get(USERNAME)).email(r.get(EMAIL)).profile(profile)
        .status(UserStatus.valueOf(r.get(STATUS))).accountType(AccountType.valueOf(r.get(ACCOUNT_TYPE))).roles(roles)
        .createdAt(Instant.ofEpochMilli(r.get(CREATED_AT))).createdBy(r.get(CREATED_BY))
        .updatedAt(Instant.ofEpochMilli(r.get(UPDATED_AT))).lastLoginAt(instant(r.get(LAST_LOGIN_AT)))
        .lastPasswordResetAt(instant(r.get(LAST_PASSWORD_RESET_AT))).emailVerified(r.get(EMAIL_VERIFIED))
        .isNew(r.get(IS_NEW)).avatarVersion(r.get(AVATAR_VERSION)).disclaimerId(r.get(DISCLAIMER_ID))
        .avatar(r.get(AVATAR)).avatar3D(avatar3d == null ? null : avatar3d(avatar3d))
        .identity(new Identity(IdentityType.of(r.get(IDENTITY_TYPE)), r.get(IDENTITY_NAME), r.get(Z_ADDRESS)))
        .ownerId(r.get(OWNER_ID)).build();
  }

  private static String avatar3dJson(Avatar3D a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("assetId", a.assetId());
    json.put("assetSkins", a.assetSkins());
    json.put("avatarUrl", a.avatarUrl());
    json.put("avatarUserId", a.avatarUserId());
    return Json.write(json);
  }

  @SuppressWarnings("unchecked")
  private static Avatar3D avatar3d(String json) {
    Map<String, Object> m = Json.read(json, AVATAR_3D);
    return new Avatar3D((String) m.get("assetId"), (Map<String, String>) m.getOrDefault("assetSkins", Map.of()),
        (String) m.get("avatarUrl"), (String) m.get("avatarUserId"));
  }

  private static void eqIgnoringCase(List<Condition> where, Field<String> field, @Nullable String value) {
    if (value != null) {
      where.add(lower(field).eq(value.toLowerCase(Locale.ROOT)));
    }
  }

  static String escape(String like) {
    return like.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  static @Nullable Long millis(@Nullable Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static @Nullable Instant instant(@Nullable Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
