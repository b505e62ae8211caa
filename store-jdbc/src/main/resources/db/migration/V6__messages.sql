-- Messages posted to rooms, IMs and MIMs: the MessageML as sent, its plain text, and suppression.

create table message (
  id              varchar(24)    not null primary key,
  room_id         varchar(34)    not null references room (id) on delete cascade,
  sender_id       bigint         not null references users (id) on delete cascade,
  message_ml      varchar(80000) not null,
  plain_text      varchar(80000) not null,
  data_json       varchar(80000),
  sent_at         bigint         not null,
  suppressed      boolean        not null,
  suppressed_at   bigint
);
-- A stream's messages since a time, oldest first.
create index message_room_sent_ix on message (room_id, sent_at, id);
create index message_sender_ix on message (sender_id);
