package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Sequences.USER_SEQ;
import static dev.atrium.store.jdbc.schema.Tables.USERS;
import static dev.atrium.store.jdbc.schema.Tables.USER_DELEGATE;
import static dev.atrium.store.jdbc.schema.Tables.USER_FEATURE;
import static dev.atrium.store.jdbc.schema.Tables.USER_KEY;
import static dev.atrium.store.jdbc.schema.Tables.USER_TERM;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Identity;
import dev.atrium.core.user.IdentityType;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserFilter;
import dev.atrium.core.user.UserKey;
import dev.atrium.core.user.UserOrder;
import dev.atrium.core.user.UserPage;
import dev.atrium.core.user.UserSearch;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.UserStore;
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
import org.jooq.Record1;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jspecify.annotations.Nullable;

/** Users on jOOQ. A user is one row; its search words live in {@code user_term}. */
public final class JdbcUserStore implements UserStore {
  private static final TypeReference<Map<String, List<String>>> LISTS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> AVATAR_3D = new TypeReference<>() {};
  /**
   * The columns {@link #user} reads, named in every user query: all but the password hash and the lower-case keys.
   * A {@code select *} made each fetch read the driver's result-set metadata and parse every column's type name
   * with regular expressions, and each {@code r.get(FIELD)} search the unknown fields by name: more than half the
   * CPU of a user read.
   */
  private static final List<Field<?>> COLUMNS = List.of(USERS.ID, USERS.USERNAME, USERS.EMAIL, USERS.FIRST_NAME,
      USERS.LAST_NAME, USERS.DISPLAY_NAME, USERS.TITLE, USERS.COMPANY_NAME, USERS.COMPANY_TITLE, USERS.DEPARTMENT,
      USERS.DIVISION, USERS.LOCATION, USERS.JOB_FUNCTION, USERS.WORK_PHONE, USERS.MOBILE_PHONE, USERS.SMS_NUMBER,
      USERS.ZIP_CODE, USERS.TWO_FACTOR_PHONE, USERS.LANGUAGE, USERS.LIST_ATTRIBUTES, USERS.STATUS, USERS.ACCOUNT_TYPE,
      USERS.ROLES, USERS.CREATED_AT, USERS.CREATED_BY, USERS.UPDATED_AT, USERS.LAST_LOGIN_AT,
      USERS.LAST_PASSWORD_RESET_AT, USERS.EMAIL_VERIFIED, USERS.IS_NEW, USERS.AVATAR_VERSION, USERS.DISCLAIMER_ID,
      USERS.BIRTHDAY, USERS.HOMETOWN, USERS.EDUCATION, USERS.DESCRIPTION, USERS.LINK_URL, USERS.PRIVACY_MODE,
      USERS.AVATAR, USERS.AVATAR3D, USERS.IDENTITY_TYPE, USERS.IDENTITY_NAME, USERS.Z_ADDRESS, USERS.OWNER_ID);

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
    return ctx().select(COLUMNS).from(USERS);
  }

  @Override
  public long nextSequence() {
    return ctx().nextval(USER_SEQ);
  }

  @Override
  public void insert(User user) {
    ctx().insertInto(USERS).set(row(user)).execute();
    writeTerms(user);
  }

  @Override
  public void update(User user) {
    ctx().update(USERS).set(row(user)).where(USERS.ID.eq(user.id())).execute();
    ctx().deleteFrom(USER_TERM).where(USER_TERM.USER_ID.eq(user.id())).execute();
    writeTerms(user);
  }

  @Override
  public boolean delete(long id) {
    // Every table with a user's rows references users on delete cascade (V1 to V8), spaces an owner on delete set
    // null: one delete removes or detaches them all, on H2 and PostgreSQL alike.
    return ctx().deleteFrom(USERS).where(USERS.ID.eq(id)).execute() == 1;
  }

  @Override
  public Optional<User> byId(long id) {
    return selectUsers().where(USERS.ID.eq(id)).fetchOptional().map(JdbcUserStore::user);
  }

  @Override
  public Optional<User> lock(long id) {
    return selectUsers().where(USERS.ID.eq(id)).forUpdate().fetchOptional().map(JdbcUserStore::user);
  }

  @Override
  public List<String> usernamesStartingWith(String prefix) {
    return ctx().select(USERS.USERNAME_LC).from(USERS)
        .where(USERS.USERNAME_LC.like(escape(prefix.toLowerCase(Locale.ROOT)) + "%", '!')).fetch(USERS.USERNAME_LC);
  }

  @Override
  public Optional<User> byUsername(String username) {
    return selectUsers().where(USERS.USERNAME_LC.eq(username.toLowerCase(Locale.ROOT))).fetchOptional()
        .map(JdbcUserStore::user);
  }

  @Override
  public Optional<User> byEmail(String email) {
    return selectUsers().where(USERS.EMAIL_LC.eq(email.toLowerCase(Locale.ROOT))).fetchOptional()
        .map(JdbcUserStore::user);
  }

  @Override
  public boolean isEmpty() {
    return !ctx().fetchExists(selectOne().from(USERS));
  }

  @Override
  public List<Long> ids() {
    return ctx().select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID);
  }

  @Override
  public List<User> page(int skip, int limit) {
    return selectUsers().orderBy(USERS.ID).offset(skip).limit(limit).fetch(JdbcUserStore::user);
  }

  @Override
  public UserPage list(UserOrder order, boolean descending, int skip, int limit) {
    org.jooq.Field<?> field = switch (order) {
      case USERNAME -> USERS.USERNAME_LC;
      case NAME -> USERS.DISPLAY_NAME;
      case CREATED_AT -> USERS.CREATED_AT;
      case LAST_LOGIN -> USERS.LAST_LOGIN_AT;
      case STATUS -> USERS.STATUS;
    };
    org.jooq.SortField<?> sorted = descending ? field.desc().nullsLast() : field.asc().nullsFirst();
    org.jooq.SortField<?> tie = descending ? USERS.ID.desc() : USERS.ID.asc();
    long total = ctx().fetchCount(USERS);
    return new UserPage(total, selectUsers().orderBy(sorted, tie).offset(skip).limit(limit)
        .fetch(JdbcUserStore::user));
  }

  @Override
  public List<User> find(UserFilter f) {
    List<Condition> where = new ArrayList<>();
    if (f.email() != null) {
      where.add(USERS.EMAIL_LC.eq(f.email().toLowerCase(Locale.ROOT)));
    }
    if (f.name() != null) {
      String like = "%" + escape(f.name().toLowerCase(Locale.ROOT)) + "%";
      where.add(lower(USERS.FIRST_NAME).like(like, '!').or(lower(USERS.LAST_NAME).like(like, '!'))
          .or(lower(USERS.DISPLAY_NAME).like(like, '!')).or(USERS.USERNAME_LC.like(like, '!')));
    }
    eqIgnoringCase(where, USERS.DEPARTMENT, f.department());
    eqIgnoringCase(where, USERS.TITLE, f.title());
    eqIgnoringCase(where, USERS.LOCATION, f.location());
    if (f.role() != null) {
      where.add(USERS.ROLES.like("%," + escape(f.role()) + ",%", '!'));
    }
    if (f.status() != null) {
      where.add(USERS.STATUS.eq(f.status().name()));
    }
    if (f.accountType() != null) {
      where.add(USERS.ACCOUNT_TYPE.eq(f.accountType().name()));
    }
    return selectUsers().where(where).orderBy(USERS.ID).fetch(JdbcUserStore::user);
  }

  @Override
  public UserPage search(UserSearch s) {
    // The ids whose words match come from the term index alone (an index range scan per word); the users
    // table is then read by primary key, for the status and filters and for the page. Counting and paging
    // with the prefix lookup inside each query made the database evaluate it twice per search.
    List<Condition> where = new ArrayList<>();
    where.add(USERS.STATUS.eq(UserStatus.ENABLED.name()));
    eqIgnoringCase(where, USERS.TITLE, s.title());
    eqIgnoringCase(where, USERS.COMPANY_NAME, s.company());
    eqIgnoringCase(where, USERS.LOCATION, s.location());
    List<Long> ids;
    if (s.words().isEmpty()) {
      ids = ctx().select(USERS.ID).from(USERS).where(where).orderBy(USERS.ID).fetch(USERS.ID);
    } else {
      Select<Record1<Long>> matching = null;
      for (String word : s.words()) {
        Select<Record1<Long>> one = select(USER_TERM.USER_ID).from(USER_TERM)
            .where(USER_TERM.TERM.like(escape(word) + "%", '!'));
        matching = matching == null ? one : matching.intersect(one);
      }
      List<Long> candidates = ctx().fetch(matching).getValues(0, Long.class);
      if (candidates.size() > MAX_KEYED_CANDIDATES) {
        where.add(USERS.ID.in(matching));
        ids = ctx().select(USERS.ID).from(USERS).where(where).orderBy(USERS.ID).fetch(USERS.ID);
      } else {
        where.add(USERS.ID.in(candidates));
        ids = candidates.isEmpty() ? List.of()
            : ctx().select(USERS.ID).from(USERS).where(where).orderBy(USERS.ID).fetch(USERS.ID);
      }
    }
    long total = ids.size();
    if (s.skip() >= total) {
      return new UserPage(total, List.of());
    }
    List<Long> page = ids.subList(s.skip(), (int) Math.min(total, (long) s.skip() + s.limit()));
    return new UserPage(total, selectUsers().where(USERS.ID.in(page)).orderBy(USERS.ID).fetch(JdbcUserStore::user));
  }

  @Override
  public Optional<String> passwordHash(long userId) {
    return ctx().select(USERS.PASSWORD_HASH).from(USERS).where(USERS.ID.eq(userId))
        .fetchOptional(USERS.PASSWORD_HASH);
  }

  @Override
  public void setPasswordHash(long userId, String hash) {
    ctx().update(USERS).set(USERS.PASSWORD_HASH, hash).where(USERS.ID.eq(userId)).execute();
  }

  @Override
  public List<UserKey> keys(long userId) {
    return ctx().select(USER_KEY.USER_ID, USER_KEY.SLOT, USER_KEY.PEM, USER_KEY.EXPIRES_AT).from(USER_KEY)
        .where(USER_KEY.USER_ID.eq(userId)).orderBy(USER_KEY.SLOT)
        .fetch(r -> new UserKey(r.get(USER_KEY.USER_ID), UserKey.Slot.valueOf(r.get(USER_KEY.SLOT)),
            r.get(USER_KEY.PEM), instant(r.get(USER_KEY.EXPIRES_AT))));
  }

  @Override
  public void putKey(UserKey key) {
    ctx().insertInto(USER_KEY)
        .set(USER_KEY.USER_ID, key.userId()).set(USER_KEY.SLOT, key.slot().name())
        .set(USER_KEY.PEM, key.pem()).set(USER_KEY.EXPIRES_AT, millis(key.expiresAt()))
        .onConflict(USER_KEY.USER_ID, USER_KEY.SLOT).doUpdate()
        .set(USER_KEY.PEM, key.pem()).set(USER_KEY.EXPIRES_AT, millis(key.expiresAt()))
        .execute();
  }

  @Override
  public void removeKey(long userId, UserKey.Slot slot) {
    ctx().deleteFrom(USER_KEY).where(USER_KEY.USER_ID.eq(userId), USER_KEY.SLOT.eq(slot.name())).execute();
  }

  @Override
  public Map<String, Boolean> features(long userId) {
    Map<String, Boolean> result = new LinkedHashMap<>();
    ctx().select(USER_FEATURE.FEATURE, USER_FEATURE.ENABLED).from(USER_FEATURE)
        .where(USER_FEATURE.USER_ID.eq(userId))
        .forEach(r -> result.put(r.value1(), r.value2()));
    return result;
  }

  @Override
  public void setFeature(long userId, String feature, boolean enabled) {
    ctx().insertInto(USER_FEATURE)
        .set(USER_FEATURE.USER_ID, userId).set(USER_FEATURE.FEATURE, feature).set(USER_FEATURE.ENABLED, enabled)
        .onConflict(USER_FEATURE.USER_ID, USER_FEATURE.FEATURE).doUpdate().set(USER_FEATURE.ENABLED, enabled)
        .execute();
  }

  @Override
  public List<Long> delegates(long userId) {
    return ctx().select(USER_DELEGATE.DELEGATE_ID).from(USER_DELEGATE).where(USER_DELEGATE.USER_ID.eq(userId))
        .orderBy(USER_DELEGATE.ORDINAL).fetch(USER_DELEGATE.DELEGATE_ID);
  }

  @Override
  public void setDelegates(long userId, List<Long> delegates) {
    ctx().deleteFrom(USER_DELEGATE).where(USER_DELEGATE.USER_ID.eq(userId)).execute();
    for (int i = 0; i < delegates.size(); i++) {
      ctx().insertInto(USER_DELEGATE).set(USER_DELEGATE.USER_ID, userId)
          .set(USER_DELEGATE.DELEGATE_ID, delegates.get(i)).set(USER_DELEGATE.ORDINAL, i).execute();
    }
  }

  @Override
  public List<User> personasOf(long ownerId) {
    return selectUsers().where(USERS.OWNER_ID.eq(ownerId)).orderBy(USERS.CREATED_AT, USERS.ID)
        .fetch(JdbcUserStore::user);
  }

  @Override
  public int movePersonas(long fromOwnerId, long intoOwnerId) {
    return ctx().update(USERS).set(USERS.OWNER_ID, intoOwnerId).where(USERS.OWNER_ID.eq(fromOwnerId)).execute();
  }

  // ---- mapping

  private void writeTerms(User user) {
    Set<String> terms = terms(user);
    if (terms.isEmpty()) {
      return;
    }
    var insert = ctx().insertInto(USER_TERM, USER_TERM.TERM, USER_TERM.USER_ID);
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
    row.put(USERS.ID, u.id());
    row.put(USERS.USERNAME, u.username());
    row.put(USERS.USERNAME_LC, u.username().toLowerCase(Locale.ROOT));
    row.put(USERS.EMAIL, u.email());
    row.put(USERS.EMAIL_LC, u.email() == null ? null : u.email().toLowerCase(Locale.ROOT));
    row.put(USERS.FIRST_NAME, p.firstName());
    row.put(USERS.LAST_NAME, p.lastName());
    row.put(USERS.DISPLAY_NAME, p.displayName());
    row.put(USERS.TITLE, p.title());
    row.put(USERS.COMPANY_NAME, p.companyName());
    row.put(USERS.COMPANY_TITLE, p.companyTitle());
    row.put(USERS.DEPARTMENT, p.department());
    row.put(USERS.DIVISION, p.division());
    row.put(USERS.LOCATION, p.location());
    row.put(USERS.JOB_FUNCTION, p.jobFunction());
    row.put(USERS.WORK_PHONE, p.workPhone());
    row.put(USERS.MOBILE_PHONE, p.mobilePhone());
    row.put(USERS.SMS_NUMBER, p.smsNumber());
    row.put(USERS.ZIP_CODE, p.zipCode());
    row.put(USERS.TWO_FACTOR_PHONE, p.twoFactorAuthPhone());
    row.put(USERS.LANGUAGE, p.language());
    row.put(USERS.LIST_ATTRIBUTES, Json.write(p.lists()));
    row.put(USERS.STATUS, u.status().name());
    row.put(USERS.ACCOUNT_TYPE, u.accountType().name());
    row.put(USERS.ROLES, "," + String.join(",", new TreeSet<>(u.roles())) + ",");
    row.put(USERS.CREATED_AT, u.createdAt().toEpochMilli());
    row.put(USERS.CREATED_BY, u.createdBy());
    row.put(USERS.UPDATED_AT, u.updatedAt().toEpochMilli());
    row.put(USERS.LAST_LOGIN_AT, millis(u.lastLoginAt()));
    row.put(USERS.LAST_PASSWORD_RESET_AT, millis(u.lastPasswordResetAt()));
    row.put(USERS.EMAIL_VERIFIED, u.emailVerified());
    row.put(USERS.IS_NEW, u.isNew());
    row.put(USERS.AVATAR_VERSION, u.avatarVersion());
    row.put(USERS.DISCLAIMER_ID, u.disclaimerId());
    row.put(USERS.BIRTHDAY, p.birthday());
    row.put(USERS.HOMETOWN, p.hometown());
    row.put(USERS.EDUCATION, p.education());
    row.put(USERS.DESCRIPTION, p.description());
    row.put(USERS.LINK_URL, p.linkUrl());
    row.put(USERS.PRIVACY_MODE, p.privacyMode());
    row.put(USERS.AVATAR, u.avatar());
    row.put(USERS.AVATAR3D, u.avatar3D() == null ? null : avatar3dJson(u.avatar3D()));
    row.put(USERS.IDENTITY_TYPE, u.identity().type().code());
    row.put(USERS.IDENTITY_NAME, u.identity().name());
    row.put(USERS.Z_ADDRESS, u.identity().zAddress());
    row.put(USERS.OWNER_ID, u.ownerId());
    return row;
  }

  private static User user(Record r) {
    Profile profile = Profile.builder().firstName(r.get(USERS.FIRST_NAME)).lastName(r.get(USERS.LAST_NAME))
        .displayName(r.get(USERS.DISPLAY_NAME)).title(r.get(USERS.TITLE)).companyName(r.get(USERS.COMPANY_NAME))
        .companyTitle(r.get(USERS.COMPANY_TITLE)).department(r.get(USERS.DEPARTMENT)).division(r.get(USERS.DIVISION))
        .location(r.get(USERS.LOCATION)).jobFunction(r.get(USERS.JOB_FUNCTION)).workPhone(r.get(USERS.WORK_PHONE))
        .mobilePhone(r.get(USERS.MOBILE_PHONE)).smsNumber(r.get(USERS.SMS_NUMBER)).zipCode(r.get(USERS.ZIP_CODE))
        .twoFactorAuthPhone(r.get(USERS.TWO_FACTOR_PHONE)).language(r.get(USERS.LANGUAGE))
        .lists(Json.read(r.get(USERS.LIST_ATTRIBUTES), LISTS)).birthday(r.get(USERS.BIRTHDAY)).hometown(r.get(USERS.HOMETOWN))
        .education(r.get(USERS.EDUCATION)).description(r.get(USERS.DESCRIPTION)).linkUrl(r.get(USERS.LINK_URL))
        .privacyMode(r.get(USERS.PRIVACY_MODE)).build();
    Set<String> roles = new LinkedHashSet<>();
    for (String role : r.get(USERS.ROLES).split(",")) {
      if (!role.isEmpty()) {
        roles.add(role);
      }
    }
    String avatar3d = r.get(USERS.AVATAR3D);
    return User.builder().id(r.get(USERS.ID)).username(r.get(USERS.USERNAME)).email(r.get(USERS.EMAIL)).profile(profile)
        .status(UserStatus.valueOf(r.get(USERS.STATUS))).accountType(AccountType.valueOf(r.get(USERS.ACCOUNT_TYPE))).roles(roles)
        .createdAt(Instant.ofEpochMilli(r.get(USERS.CREATED_AT))).createdBy(r.get(USERS.CREATED_BY))
        .updatedAt(Instant.ofEpochMilli(r.get(USERS.UPDATED_AT))).lastLoginAt(instant(r.get(USERS.LAST_LOGIN_AT)))
        .lastPasswordResetAt(instant(r.get(USERS.LAST_PASSWORD_RESET_AT))).emailVerified(r.get(USERS.EMAIL_VERIFIED))
        .isNew(r.get(USERS.IS_NEW)).avatarVersion(r.get(USERS.AVATAR_VERSION)).disclaimerId(r.get(USERS.DISCLAIMER_ID))
        .avatar(r.get(USERS.AVATAR)).avatar3D(avatar3d == null ? null : avatar3d(avatar3d))
        .identity(new Identity(IdentityType.of(r.get(USERS.IDENTITY_TYPE)), r.get(USERS.IDENTITY_NAME), r.get(USERS.Z_ADDRESS)))
        .ownerId(r.get(USERS.OWNER_ID)).build();
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
