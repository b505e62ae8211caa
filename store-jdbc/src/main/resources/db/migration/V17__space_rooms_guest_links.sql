-- LiveDigital's rooms in spaces and its guest access links.
-- space_room gives a chat room (one row of room, the same id in every dialect) its place in a space and
-- LiveDigital's attributes: alias (10 characters of [A-Za-z0-9_-], unique; the links use it), room_type
-- (lesson or webinar), the screen-sharing and chat flags, channel_id (random) and app_id (the API client whose
-- token created the room, if any). Deleting the room deletes the row; deleting the space deletes the rows only,
-- so the space's rooms are deleted first (SpaceRooms.deleteAllIn).
create table space_room (
  room_id                  varchar(34)  not null primary key references room (id) on delete cascade,
  space_id                 varchar(64)  not null references space (id) on delete cascade,
  alias                    varchar(10)  not null,
  room_type                varchar(16)  not null,
  screensharing_allowed    boolean      not null,
  chat_allowed             boolean      not null,
  channel_id               varchar(32)  not null,
  app_id                   varchar(24),
  constraint space_room_alias_uq unique (alias)
);
create index space_room_space_ix on space_room (space_id);

-- The guest account generate-access made for an external user id in a space: the same id in the same space
-- reuses it.
create table space_guest (
  space_id          varchar(64)   not null references space (id) on delete cascade,
  external_user_id  varchar(256)  not null,
  user_id           bigint        not null references users (id) on delete cascade,
  created_at        bigint        not null,
  primary key (space_id, external_user_id)
);
create index space_guest_user_ix on space_guest (user_id);

-- The session of a one-time access link (isPermanent false) until its first use: the use deletes the row (one
-- conditional delete decides between concurrent uses) and ends the session.
create table guest_link_once (
  session_id  varchar(32)  not null primary key references sessions (id) on delete cascade,
  expires_at  bigint       not null
);
