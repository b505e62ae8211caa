-- Rocket.Chat's permissions: which roles hold each one. The server writes Rocket.Chat's default grants on its
-- first start (and a permission a newer version adds on the start that meets it); permissions.update changes
-- them. roles is the comma-separated list of role names, sorted. Times are epoch milliseconds, as in V1.
create table permission_grant (
  permission  varchar(128)  not null primary key,
  roles       varchar(2000) not null,
  updated_at  bigint        not null
);
