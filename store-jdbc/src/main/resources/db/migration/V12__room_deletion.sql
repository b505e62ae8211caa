-- A deleted room leaves no row of its own (its memberships, messages and search terms go with it); what stays is
-- who was in it and when it went, so that a client syncing its subscriptions since a time (Rocket.Chat's
-- subscriptions.get with updatedSince) hears that they are gone.

create table room_removal (
  room_id     varchar(34) not null,
  user_id     bigint      not null references users (id) on delete cascade,
  removed_at  bigint      not null,
  primary key (room_id, user_id)
);
-- A user's removals since a time.
create index room_removal_user_ix on room_removal (user_id, removed_at);
