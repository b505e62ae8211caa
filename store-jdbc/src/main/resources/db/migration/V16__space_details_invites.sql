-- LiveDigital's space details and space invites. A space gains a description (at most 4000 characters) and a logo
-- (a URL, at most 2048); both may be absent. A space invite is single use: created by an owner or moderator of the
-- space with the role it grants, activated once by the user who presents it (activated_by, activated_at set in one
-- conditional update, so two activations cannot both win). A revoked invite is deleted. Times are epoch
-- milliseconds, as in V1.
alter table space add column description varchar(4000);
alter table space add column logo varchar(2048);

create table space_invite (
  id            varchar(32)  not null primary key,
  space_id      varchar(64)  not null references space (id) on delete cascade,
  role          varchar(16)  not null,
  created_by    bigint       references users (id) on delete set null,
  created_at    bigint       not null,
  activated_by  bigint       references users (id) on delete set null,
  activated_at  bigint
);
create index space_invite_space_ix on space_invite (space_id, created_at);
