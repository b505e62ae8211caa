-- Information barriers: groups of users, and policies that join two groups (BLOCK or ALLOW).

create table barrier_group (
  id           varchar(32)  not null primary key,
  name         varchar(256) not null,
  name_lc      varchar(256) not null,
  active       boolean      not null,
  created_at   bigint       not null,
  modified_at  bigint       not null,
  constraint barrier_group_name_uq unique (name_lc)
);

create table barrier_member (
  group_id  varchar(32) not null references barrier_group (id) on delete cascade,
  user_id   bigint      not null references users (id) on delete cascade,
  primary key (group_id, user_id)
);
-- The barrier check starts from the user: which groups is this user in?
create index barrier_member_user_ix on barrier_member (user_id, group_id);

create table barrier_policy (
  id           varchar(32) not null primary key,
  policy_type  varchar(8)  not null,
  active       boolean     not null,
  created_at   bigint      not null,
  modified_at  bigint      not null
);

-- A policy's two groups, one row each, so that the check joins group -> policy -> other group on equalities.
create table barrier_policy_group (
  policy_id  varchar(32) not null references barrier_policy (id) on delete cascade,
  group_id   varchar(32) not null references barrier_group (id) on delete cascade,
  ordinal    integer     not null,
  primary key (policy_id, group_id)
);
create index barrier_policy_group_group_ix on barrier_policy_group (group_id, policy_id);
