package dev.atrium.store.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The tables and columns of the migrations, typed for jOOQ. Kept by hand: the schema is small. */
final class Schema {
  private Schema() {}

  static Field<String> s(String column) {
    return field(name(column), String.class);
  }

  static Field<Long> l(String column) {
    return field(name(column), Long.class);
  }

  static Field<Integer> i(String column) {
    return field(name(column), Integer.class);
  }

  static Field<Boolean> b(String column) {
    return field(name(column), Boolean.class);
  }

  static final class Users {
    static final Table<Record> T = table(name("users"));
    static final Field<Long> ID = l("id");
    static final Field<String> USERNAME = s("username");
    static final Field<String> USERNAME_LC = s("username_lc");
    static final Field<String> EMAIL = s("email");
    static final Field<String> EMAIL_LC = s("email_lc");
    static final Field<String> FIRST_NAME = s("first_name");
    static final Field<String> LAST_NAME = s("last_name");
    static final Field<String> DISPLAY_NAME = s("display_name");
    static final Field<String> TITLE = s("title");
    static final Field<String> COMPANY_NAME = s("company_name");
    static final Field<String> COMPANY_TITLE = s("company_title");
    static final Field<String> DEPARTMENT = s("department");
    static final Field<String> DIVISION = s("division");
    static final Field<String> LOCATION = s("location");
    static final Field<String> JOB_FUNCTION = s("job_function");
    static final Field<String> WORK_PHONE = s("work_phone");
    static final Field<String> MOBILE_PHONE = s("mobile_phone");
    static final Field<String> SMS_NUMBER = s("sms_number");
    static final Field<String> ZIP_CODE = s("zip_code");
    static final Field<String> TWO_FACTOR_PHONE = s("two_factor_phone");
    static final Field<String> LANGUAGE = s("language");
    static final Field<String> LIST_ATTRIBUTES = s("list_attributes");
    static final Field<String> STATUS = s("status");
    static final Field<String> ACCOUNT_TYPE = s("account_type");
    static final Field<String> ROLES = s("roles");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<String> CREATED_BY = s("created_by");
    static final Field<Long> UPDATED_AT = l("updated_at");
    static final Field<Long> LAST_LOGIN_AT = l("last_login_at");
    static final Field<Long> LAST_PASSWORD_RESET_AT = l("last_password_reset_at");
    static final Field<Boolean> EMAIL_VERIFIED = b("email_verified");
    static final Field<Boolean> IS_NEW = b("is_new");
    static final Field<Integer> AVATAR_VERSION = i("avatar_version");
    static final Field<String> DISCLAIMER_ID = s("disclaimer_id");
    static final Field<String> PASSWORD_HASH = s("password_hash");
    static final Field<String> BIRTHDAY = s("birthday");
    static final Field<String> HOMETOWN = s("hometown");
    static final Field<String> EDUCATION = s("education");
    static final Field<String> DESCRIPTION = s("description");
    static final Field<String> LINK_URL = s("link_url");
    static final Field<Integer> PRIVACY_MODE = i("privacy_mode");
    static final Field<String> AVATAR = s("avatar");
    static final Field<String> AVATAR3D = s("avatar3d");
    static final Field<Integer> IDENTITY_TYPE = i("identity_type");
    static final Field<String> IDENTITY_NAME = s("identity_name");
    static final Field<String> Z_ADDRESS = s("z_address");
    static final Field<Long> OWNER_ID = l("owner_id");
  }

  static final class Terms {
    static final Table<Record> T = table(name("user_term"));
    static final Field<String> TERM = s("term");
    static final Field<Long> USER_ID = l("user_id");
  }

  // The tables written with an upsert name their columns with the table: on H2, jOOQ emulates ON CONFLICT
  // with a MERGE whose source has the same column names, where an unqualified name is ambiguous.

  static final class Keys {
    static final Table<Record> T = table(name("user_key"));
    static final Field<Long> USER_ID = field(name("user_key", "user_id"), Long.class);
    static final Field<String> SLOT = field(name("user_key", "slot"), String.class);
    static final Field<String> PEM = field(name("user_key", "pem"), String.class);
    static final Field<Long> EXPIRES_AT = field(name("user_key", "expires_at"), Long.class);
  }

  static final class Features {
    static final Table<Record> T = table(name("user_feature"));
    static final Field<Long> USER_ID = field(name("user_feature", "user_id"), Long.class);
    static final Field<String> FEATURE = field(name("user_feature", "feature"), String.class);
    static final Field<Boolean> ENABLED = field(name("user_feature", "enabled"), Boolean.class);
  }

  static final class Delegates {
    static final Table<Record> T = table(name("user_delegate"));
    static final Field<Long> USER_ID = l("user_id");
    static final Field<Long> DELEGATE_ID = l("delegate_id");
    static final Field<Integer> ORDINAL = i("ordinal");
  }

  static final class Sessions {
    static final Table<Record> T = table(name("sessions"));
    static final Field<String> ID = s("id");
    static final Field<String> TOKEN_HASH = s("token_hash");
    static final Field<Long> USER_ID = l("user_id");
    static final Field<String> KIND = s("kind");
    static final Field<String> NETWORK = s("network");
    static final Field<String> DEVICE = s("device");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> LAST_USED_AT = l("last_used_at");
    static final Field<Long> EXPIRES_AT = l("expires_at");
    static final Field<Boolean> REVOKED = b("revoked");
  }

  static final class Audit {
    static final Table<Record> T = table(name("audit_log"));
    static final Field<Long> ID = l("id");
    static final Field<Long> ACTOR_ID = l("actor_id");
    static final Field<String> ACTION = s("action");
    static final Field<String> TARGET = s("target");
    static final Field<String> BEFORE = s("before_state");
    static final Field<String> AFTER = s("after_state");
    static final Field<Long> AT = l("at_ms");
  }

  static final class Disclaimers {
    static final Table<Record> T = table(name("disclaimer"));
    static final Field<String> ID = s("id");
    static final Field<String> NAME = s("name");
    static final Field<String> CONTENT = s("content");
    static final Field<Integer> FREQUENCY_HOURS = i("frequency_hours");
    static final Field<Boolean> IS_DEFAULT = b("is_default");
    static final Field<Boolean> IS_ACTIVE = b("is_active");
    static final Field<String> FORMAT = s("format");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> MODIFIED_AT = l("modified_at");
  }

  static final class PodApps {
    static final Table<Record> T = table(name("pod_app"));
    static final Field<String> APP_ID = s("app_id");
    static final Field<String> APP_NAME = s("app_name");
    static final Field<Boolean> ENABLED = b("enabled");
    static final Field<Boolean> LISTED = b("listed");
    static final Field<Boolean> INSTALL = b("install");
    static final Field<Long> ORDINAL = l("ordinal");
  }

  static final class UserApps {
    static final Table<Record> T = table(name("user_app"));
    static final Field<Long> USER_ID = field(name("user_app", "user_id"), Long.class);
    static final Field<String> APP_ID = field(name("user_app", "app_id"), String.class);
    static final Field<String> APP_NAME = field(name("user_app", "app_name"), String.class);
    static final Field<Boolean> LISTED = field(name("user_app", "listed"), Boolean.class);
    static final Field<Boolean> INSTALL = field(name("user_app", "install"), Boolean.class);
    static final Field<String> PRODUCTS = field(name("user_app", "products"), String.class);
  }

  static final class CompanyCerts {
    static final Table<Record> T = table(name("company_cert"));
    static final Field<String> FINGERPRINT = s("fingerprint");
    static final Field<String> PEM = s("pem");
    static final Field<String> NAME = s("name");
    static final Field<String> TYPE = s("cert_type");
    static final Field<String> STATUS = s("status");
    static final Field<String> ISSUER_FP = s("issuer_fp");
    static final Field<String> SUBJECT_HASH = s("subject_hash");
    static final Field<String> ISSUER_HASH = s("issuer_hash");
    static final Field<String> COMMON_NAME = s("common_name");
    static final Field<Long> EXPIRES_AT = l("expires_at");
    static final Field<Long> LAST_SEEN_AT = l("last_seen_at");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> UPDATED_AT = l("updated_at");
    static final Field<Long> UPDATED_BY = l("updated_by");
  }

  static final class BarrierGroups {
    static final Table<Record> T = table(name("barrier_group"));
    static final Field<String> ID = s("id");
    static final Field<String> NAME = s("name");
    static final Field<String> NAME_LC = s("name_lc");
    static final Field<Boolean> ACTIVE = b("active");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> MODIFIED_AT = l("modified_at");
  }

  static final class BarrierMembers {
    static final Table<Record> T = table(name("barrier_member"));
    static final Field<String> GROUP_ID = s("group_id");
    static final Field<Long> USER_ID = l("user_id");
  }

  static final class BarrierPolicies {
    static final Table<Record> T = table(name("barrier_policy"));
    static final Field<String> ID = s("id");
    static final Field<String> POLICY_TYPE = s("policy_type");
    static final Field<Boolean> ACTIVE = b("active");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> MODIFIED_AT = l("modified_at");
  }

  static final class BarrierPolicyGroups {
    static final Table<Record> T = table(name("barrier_policy_group"));
    static final Field<String> POLICY_ID = s("policy_id");
    static final Field<String> GROUP_ID = s("group_id");
    static final Field<Integer> ORDINAL = i("ordinal");
  }

  static final class Connections {
    static final Table<Record> T = table(name("user_connection"));
    static final Field<Long> USER_LO = l("user_lo");
    static final Field<Long> USER_HI = l("user_hi");
    static final Field<Long> REQUESTER_ID = l("requester_id");
    static final Field<Long> ADDRESSEE_ID = l("addressee_id");
    static final Field<String> STATUS = s("status");
    static final Field<Long> FIRST_REQUESTED_AT = l("first_requested_at");
    static final Field<Long> UPDATED_AT = l("updated_at");
    static final Field<Integer> REQUEST_COUNTER = i("request_counter");
  }

  static final class Presences {
    static final Table<Record> T = table(name("user_presence"));
    static final Field<Long> USER_ID = field(name("user_presence", "user_id"), Long.class);
    static final Field<String> CATEGORY = field(name("user_presence", "category"), String.class);
    static final Field<Long> SET_AT = field(name("user_presence", "set_at"), Long.class);
    static final Field<Long> SEEN_AT = field(name("user_presence", "seen_at"), Long.class);
    static final Field<String> PENDING = field(name("user_presence", "pending"), String.class);
  }

  static final class PresenceFeeds {
    static final Table<Record> T = table(name("presence_feed"));
    static final Field<String> ID = s("id");
    static final Field<Long> OWNER_ID = l("owner_id");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> READ_AT = l("read_at");
    static final Field<Long> CURSOR_AT = l("cursor_at");
    static final Field<Long> CURSOR_USER_ID = l("cursor_user_id");
  }

  static final class Rooms {
    static final Table<Record> T = table(name("room"));
    static final Field<String> ID = field(name("room", "id"), String.class);
    static final Field<String> KIND = field(name("room", "kind"), String.class);
    static final Field<String> NAME = field(name("room", "name"), String.class);
    static final Field<String> DESCRIPTION = field(name("room", "description"), String.class);
    static final Field<String> KEYWORDS = field(name("room", "keywords"), String.class);
    static final Field<Boolean> IS_PUBLIC = field(name("room", "is_public"), Boolean.class);
    static final Field<Boolean> READ_ONLY = field(name("room", "read_only"), Boolean.class);
    static final Field<Boolean> COPY_PROTECTED = field(name("room", "copy_protected"), Boolean.class);
    static final Field<Boolean> DISCOVERABLE = field(name("room", "discoverable"), Boolean.class);
    static final Field<Boolean> MEMBERS_CAN_INVITE = field(name("room", "members_can_invite"), Boolean.class);
    static final Field<Boolean> ACTIVE = field(name("room", "active"), Boolean.class);
    static final Field<Long> CREATOR_ID = field(name("room", "creator_id"), Long.class);
    static final Field<Long> CREATED_AT = field(name("room", "created_at"), Long.class);
    static final Field<Long> UPDATED_AT = field(name("room", "updated_at"), Long.class);
    static final Field<String> PARTICIPANTS_KEY = field(name("room", "participants_key"), String.class);
  }

  // Room queries join these tables, so their columns carry the table's name.

  static final class RoomMembers {
    static final Table<Record> T = table(name("room_member"));
    static final Field<String> ROOM_ID = field(name("room_member", "room_id"), String.class);
    static final Field<Long> USER_ID = field(name("room_member", "user_id"), Long.class);
    static final Field<String> ROLE = field(name("room_member", "role"), String.class);
    static final Field<Long> JOINED_AT = field(name("room_member", "joined_at"), Long.class);
    static final Field<Long> LEFT_AT = field(name("room_member", "left_at"), Long.class);
    static final Field<Integer> UNREAD_COUNT = field(name("room_member", "unread_count"), Integer.class);
    static final Field<Long> LAST_READ_AT = field(name("room_member", "last_read_at"), Long.class);
  }

  /** The search index; a search names it by an alias per word, so its columns are made for an alias. */
  record RoomTerms(Table<Record> table, Field<String> term, Field<String> label, Field<String> roomId,
      Field<Long> createdAt, Field<Boolean> discoverable, Field<Boolean> active, Field<Boolean> isPublic,
      Field<Long> creatorId) {
    static final RoomTerms T = as("room_term");

    static RoomTerms as(String alias) {
      Table<Record> table = org.jooq.impl.DSL.table(name("room_term"));
      return new RoomTerms(alias.equals("room_term") ? table : table.as(alias),
          field(name(alias, "term"), String.class), field(name(alias, "label"), String.class),
          field(name(alias, "room_id"), String.class), field(name(alias, "created_at"), Long.class),
          field(name(alias, "discoverable"), Boolean.class), field(name(alias, "active"), Boolean.class),
          field(name(alias, "is_public"), Boolean.class), field(name(alias, "creator_id"), Long.class));
    }
  }

  static final class Messages {
    static final Table<Record> T = table(name("message"));
    static final Field<String> ID = s("id");
    static final Field<String> ROOM_ID = s("room_id");
    static final Field<Long> SENDER_ID = l("sender_id");
    static final Field<String> MESSAGE_ML = s("message_ml");
    static final Field<String> PLAIN_TEXT = s("plain_text");
    static final Field<String> DATA_JSON = s("data_json");
    static final Field<Long> SENT_AT = l("sent_at");
    static final Field<Boolean> SUPPRESSED = b("suppressed");
    static final Field<Long> SUPPRESSED_AT = l("suppressed_at");
  }

  // ---- the Roomful user model (V7); upserted tables name their columns with the table

  static final class Params {
    static final Table<Record> T = table(name("user_params"));
    static final Field<Long> USER_ID = field(name("user_params", "user_id"), Long.class);
    static final Field<String> PARAMS_JSON = field(name("user_params", "params_json"), String.class);
  }

  static final class ZAddresses {
    static final Table<Record> T = table(name("user_zaddress"));
    static final Field<String> Z_ADDRESS = field(name("user_zaddress", "z_address"), String.class);
    static final Field<Long> USER_ID = field(name("user_zaddress", "user_id"), Long.class);
    static final Field<String> TITLE = field(name("user_zaddress", "title"), String.class);
    static final Field<Long> CREATED_AT = field(name("user_zaddress", "created_at"), Long.class);
  }

  static final class UserSettings {
    static final Table<Record> T = table(name("user_settings"));
    static final Field<Long> USER_ID = field(name("user_settings", "user_id"), Long.class);
    static final Field<Boolean> IGNORE_NEW_TEXTCHAT = field(name("user_settings", "ignore_new_textchat"),
        Boolean.class);
    static final Field<Integer> NAVIGATION_MODE = field(name("user_settings", "navigation_mode"), Integer.class);
    static final Field<Double> VERTICAL_SENSITIVITY = field(name("user_settings", "vertical_sensitivity"),
        Double.class);
    static final Field<Double> HORIZONTAL_SENSITIVITY = field(name("user_settings", "horizontal_sensitivity"),
        Double.class);
    static final Field<Integer> JOYSTICK_SETTINGS = field(name("user_settings", "joystick_settings"), Integer.class);
    static final Field<Integer> HELPER_BUTTON_APPEARANCE = field(name("user_settings", "helper_button_appearance"),
        Integer.class);
    static final Field<Integer> OBJECT_COLLISION = field(name("user_settings", "object_collision"), Integer.class);
  }

  static final class SessionDevices {
    static final Table<Record> T = table(name("session_device"));
    static final Field<String> SESSION_ID = field(name("session_device", "session_id"), String.class);
    static final Field<Long> USER_ID = field(name("session_device", "user_id"), Long.class);
    static final Field<Integer> TIMEZONE = field(name("session_device", "timezone"), Integer.class);
    static final Field<String> LANGUAGE = field(name("session_device", "language"), String.class);
    static final Field<Integer> OS = field(name("session_device", "os"), Integer.class);
    static final Field<String> PUSH_TOKEN = field(name("session_device", "push_token"), String.class);
    static final Field<String> APPLICATION = field(name("session_device", "application"), String.class);
    static final Field<Long> UPDATED_AT = field(name("session_device", "updated_at"), Long.class);
  }

  static final class NetworkStates {
    static final Table<Record> T = table(name("user_network_state"));
    static final Field<Long> USER_ID = field(name("user_network_state", "user_id"), Long.class);
    static final Field<String> NETWORK_ID = field(name("user_network_state", "network_id"), String.class);
    static final Field<String> DEFAULT_SUB_NETWORK_ID = field(name("user_network_state", "default_sub_network_id"),
        String.class);
    static final Field<String> DATA_JSON = field(name("user_network_state", "data_json"), String.class);
    static final Field<Long> UPDATED_AT = field(name("user_network_state", "updated_at"), Long.class);
  }

  static final class Spaces {
    static final Table<Record> T = table(name("space"));
    static final Field<String> ID = s("id");
    static final Field<String> NAME = s("name");
    static final Field<String> SPACE_TYPE = s("space_type");
    static final Field<Boolean> IS_PUBLIC = b("is_public");
    static final Field<String> PARENT_ID = s("parent_id");
    static final Field<Long> OWNER_ID = l("owner_id");
    static final Field<Long> CREATED_AT = l("created_at");
  }

  static final class SpaceMembers {
    static final Table<Record> T = table(name("space_member"));
    static final Field<String> SPACE_ID = field(name("space_member", "space_id"), String.class);
    static final Field<Long> USER_ID = field(name("space_member", "user_id"), Long.class);
    static final Field<String> ROLE = field(name("space_member", "role"), String.class);
    static final Field<Long> JOINED_AT = field(name("space_member", "joined_at"), Long.class);
  }

  static final class SocialAccounts {
    static final Table<Record> T = table(name("social_account"));
    static final Field<String> KIND = s("kind");
    static final Field<String> SOCIAL_ID = s("social_id");
    static final Field<Long> USER_ID = l("user_id");
    static final Field<String> IDENTITY_NAME = s("identity_name");
    static final Field<Long> LINKED_AT = l("linked_at");
  }

  static final class Badges {
    static final Table<Record> T = table(name("badge"));
    static final Field<String> ID = s("id");
    static final Field<Long> USER_ID = l("user_id");
    static final Field<String> BADGE_TYPE = s("badge_type");
    static final Field<String> DATA_JSON = s("data_json");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> UPDATED_AT = l("updated_at");
  }

  static final class Outbox {
    static final Table<Record> T = table(name("mail_outbox"));
    static final Field<Long> ID = l("id");
    static final Field<String> RECIPIENT = s("recipient");
    static final Field<String> SUBJECT = s("subject");
    static final Field<String> TEXT_BODY = s("text_body");
    static final Field<String> HTML_BODY = s("html_body");
    static final Field<String> STATUS = s("status");
    static final Field<Integer> ATTEMPTS = i("attempts");
    static final Field<String> LAST_ERROR = s("last_error");
    static final Field<Long> CREATED_AT = l("created_at");
    static final Field<Long> NEXT_ATTEMPT_AT = l("next_attempt_at");
    static final Field<Long> SENT_AT = l("sent_at");
  }

  // Written with upserts: the columns carry the table's name (see above).

  static final class EmailTokens {
    static final Table<Record> T = table(name("email_verification"));
    static final Field<String> EMAIL_LC = field(name("email_verification", "email_lc"), String.class);
    static final Field<String> TOKEN_HASH = field(name("email_verification", "token_hash"), String.class);
    static final Field<Long> CREATED_AT = field(name("email_verification", "created_at"), Long.class);
    static final Field<Long> EXPIRES_AT = field(name("email_verification", "expires_at"), Long.class);
    static final Field<Long> USED_AT = field(name("email_verification", "used_at"), Long.class);
  }

  static final class RestoreCodes {
    static final Table<Record> T = table(name("password_restore"));
    static final Field<Long> USER_ID = field(name("password_restore", "user_id"), Long.class);
    static final Field<String> CODE_HASH = field(name("password_restore", "code_hash"), String.class);
    static final Field<Long> CREATED_AT = field(name("password_restore", "created_at"), Long.class);
    static final Field<Long> EXPIRES_AT = field(name("password_restore", "expires_at"), Long.class);
    static final Field<Long> USED_AT = field(name("password_restore", "used_at"), Long.class);
    static final Field<Long> WINDOW_START = field(name("password_restore", "window_start"), Long.class);
    static final Field<Integer> TRIES = field(name("password_restore", "tries"), Integer.class);
  }
}
