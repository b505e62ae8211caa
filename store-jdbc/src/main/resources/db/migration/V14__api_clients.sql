-- API clients (LiveDigital's client credentials): an id handed to an integrator with a secret that is shown once
-- and kept only as its SHA-256 hash (64 hex characters). created_by is the id of the SUPER_ADMINISTRATOR who made
-- it; revoked_at is null while the client is live. Times are epoch milliseconds, as in V1.
create table api_client (
  client_id    varchar(24)  not null primary key,
  name         varchar(100) not null,
  secret_hash  varchar(64)  not null,
  created_at   bigint       not null,
  created_by   bigint       not null,
  revoked_at   bigint
);
create index api_client_created_ix on api_client (created_at, client_id);
