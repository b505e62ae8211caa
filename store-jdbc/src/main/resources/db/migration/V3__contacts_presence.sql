-- Connections (contacts) and presence. Times are epoch milliseconds, as in V1.

-- At most one connection per pair of users, whoever asked: the pair is its key, smaller id first, and the
-- requester and addressee say who asked whom.
create table user_connection (
  user_lo             bigint      not null references users (id) on delete cascade,
  user_hi             bigint      not null references users (id) on delete cascade,
  requester_id        bigint      not null,
  addressee_id        bigint      not null,
  status              varchar(16) not null,
  first_requested_at  bigint      not null,
  updated_at          bigint      not null,
  request_counter     integer     not null,
  primary key (user_lo, user_hi),
  constraint user_connection_pair_ck check (user_lo < user_hi)
);
create index user_connection_requester_ix on user_connection (requester_id);
create index user_connection_addressee_ix on user_connection (addressee_id);

-- A user's explicit presence; what others see is derived from it (a status not refreshed in time is OFFLINE).
create table user_presence (
  user_id   bigint      not null primary key references users (id) on delete cascade,
  category  varchar(32) not null,
  set_at    bigint      not null,
  seen_at   bigint      not null,
  pending   varchar(32)
);
create index user_presence_seen_ix on user_presence (seen_at);

-- Presence feeds: the cursor is the change time and user id of the last record handed out.
create table presence_feed (
  id              varchar(32) not null primary key,
  owner_id        bigint      not null references users (id) on delete cascade,
  created_at      bigint      not null,
  read_at         bigint      not null,
  cursor_at       bigint      not null,
  cursor_user_id  bigint      not null
);
create index presence_feed_read_ix on presence_feed (read_at);
