-- Rooms (chat rooms, IMs, MIMs), their members, and the words room search finds them by.

create table room (
  id                  varchar(34)    not null primary key,
  kind                varchar(8)     not null,
  name                varchar(256),
  description         varchar(4000),
  keywords            varchar(40000) not null,
  is_public           boolean        not null,
  read_only           boolean        not null,
  copy_protected      boolean        not null,
  discoverable        boolean        not null,
  members_can_invite  boolean        not null,
  active              boolean        not null,
  creator_id          bigint         not null,
  created_at          bigint         not null,
  updated_at          bigint         not null,
  -- IMs and MIMs only: the SHA-256 of the sorted participant ids, so one set of people has one conversation.
  -- Chat rooms leave it null, which a unique constraint allows any number of times on both databases.
  participants_key    varchar(64),
  constraint room_participants_uq unique (participants_key)
);
create index room_creator_ix on room (creator_id);

create table room_member (
  room_id       varchar(34)  not null references room (id) on delete cascade,
  user_id       bigint       not null references users (id) on delete cascade,
  role          varchar(16)  not null,
  joined_at     bigint       not null,
  left_at       bigint,
  unread_count  integer      not null,
  last_read_at  bigint,
  primary key (room_id, user_id)
);
-- A user's rooms (streams list, the member and owner filters of search, the visibility of a room).
create index room_member_user_ix on room_member (user_id, room_id);

-- The search index of chat rooms: one row per word of a room's name and description (label '') and of its
-- keyword values (label = the keyword's key, lower case). The word is stored as the hex of its UTF-8 bytes
-- (at most 64 bytes): a prefix search is then the range [hex(prefix), hex(prefix) || 'g'), which a plain
-- B-tree index serves under any collation (LIKE 'prefix%' uses an index only under the C collation on
-- PostgreSQL). The room's columns that search filters and sorts on are copied here, and rewritten with the
-- terms on every change of the room, and the one index covers every column: a search reads that index only
-- (PostgreSQL: an index-only scan) and then the rooms of one page. The store writes each (term, label, room)
-- once; there is no primary key, which would be a second index of the same rows.
create table room_term (
  term          varchar(128) not null,
  label         varchar(128) not null,
  room_id       varchar(34)  not null references room (id) on delete cascade,
  created_at    bigint       not null,
  discoverable  boolean      not null,
  active        boolean      not null,
  is_public     boolean      not null,
  creator_id    bigint       not null
);
create index room_term_search_ix on room_term (term, label, room_id, created_at, discoverable, active, is_public,
  creator_id);
create index room_term_room_ix on room_term (room_id);
