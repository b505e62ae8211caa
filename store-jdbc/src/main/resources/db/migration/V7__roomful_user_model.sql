-- The Roomful user model: profile "about" fields, avatar string and 3D avatar, identity, persona owner (on the
-- users row, read with the user); params, z-addresses, settings, device settings, network states, spaces,
-- social accounts and badges (tables of their own). Times are epoch milliseconds, JSON is text, as before.

alter table users add column birthday varchar(256);
alter table users add column hometown varchar(256);
alter table users add column education varchar(256);
alter table users add column description varchar(4000);
alter table users add column link_url varchar(2048);
alter table users add column privacy_mode integer default 0 not null;
alter table users add column avatar varchar(2048);
-- {assetId, assetSkins, avatarUrl, avatarUserId} as JSON; null when the user has no 3D avatar.
alter table users add column avatar3d varchar(40000);
alter table users add column identity_type integer default 0 not null;
alter table users add column identity_name varchar(256);
alter table users add column z_address varchar(128);
-- A persona account names the user who owns it.
alter table users add column owner_id bigint references users (id) on delete cascade;
create index users_owner_ix on users (owner_id);

-- One JSON object per user, at most 64 KiB of it (the service checks).
create table user_params (
  user_id      bigint         not null primary key references users (id) on delete cascade,
  params_json  varchar(100000) not null
);

-- A z-address belongs to one user: the address is the key.
create table user_zaddress (
  z_address   varchar(128) not null primary key,
  user_id     bigint       not null references users (id) on delete cascade,
  title       varchar(256) not null,
  created_at  bigint       not null
);
create index user_zaddress_user_ix on user_zaddress (user_id, created_at);

create table user_settings (
  user_id                    bigint           not null primary key references users (id) on delete cascade,
  ignore_new_textchat        boolean          not null,
  navigation_mode            integer          not null,
  vertical_sensitivity       double precision not null,
  horizontal_sensitivity     double precision not null,
  joystick_settings          integer          not null,
  helper_button_appearance   integer          not null,
  object_collision           integer          not null
);

-- What a session's device reported; it goes with the session.
create table session_device (
  session_id   varchar(32)   not null primary key references sessions (id) on delete cascade,
  user_id      bigint        not null references users (id) on delete cascade,
  timezone     integer,
  language     varchar(64),
  os           integer,
  push_token   varchar(4096),
  application  varchar(16),
  updated_at   bigint        not null
);
create index session_device_user_ix on session_device (user_id);

-- Spaces (Roomful networks, LiveDigital spaces) and their members.
create table space (
  id          varchar(64)  not null primary key,
  name        varchar(256) not null,
  space_type  varchar(32)  not null,
  is_public   boolean      not null,
  parent_id   varchar(64)  references space (id) on delete cascade,
  owner_id    bigint       references users (id) on delete set null,
  created_at  bigint       not null
);
create index space_parent_ix on space (parent_id);

create table space_member (
  space_id   varchar(64)  not null references space (id) on delete cascade,
  user_id    bigint       not null references users (id) on delete cascade,
  role       varchar(16)  not null,
  joined_at  bigint       not null,
  primary key (space_id, user_id)
);
create index space_member_user_ix on space_member (user_id, space_id);

-- Roomful's default network always exists and is public.
insert into space (id, name, space_type, is_public, parent_id, owner_id, created_at)
  values ('roomful', 'Roomful', 'PUBLIC', true, null, null, 0);

create table user_network_state (
  user_id                 bigint        not null references users (id) on delete cascade,
  network_id              varchar(64)   not null references space (id) on delete cascade,
  default_sub_network_id  varchar(64),
  data_json               varchar(100000) not null,
  updated_at              bigint        not null,
  primary key (user_id, network_id)
);

-- One social account belongs to one user, and a user has one account of each kind.
create table social_account (
  kind           varchar(16)  not null,
  social_id      varchar(256) not null,
  user_id        bigint       not null references users (id) on delete cascade,
  identity_name  varchar(256),
  linked_at      bigint       not null,
  primary key (kind, social_id),
  constraint social_account_user_kind_uq unique (user_id, kind)
);

create table badge (
  id          varchar(16)     not null primary key,
  user_id     bigint          not null references users (id) on delete cascade,
  badge_type  varchar(64)     not null,
  data_json   varchar(100000) not null,
  created_at  bigint          not null,
  updated_at  bigint          not null,
  constraint badge_user_type_uq unique (user_id, badge_type)
);
-- listBadgesOfType pages by (created_at, id) within a type.
create index badge_type_ix on badge (badge_type, created_at, id);
