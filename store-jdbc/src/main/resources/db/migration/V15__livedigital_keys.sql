-- LiveDigital's tokens. livedigital_key holds the HS256 keys that sign and verify them: 32 random bytes each,
-- base64 in secret; the newest signs, every one kept verifies. livedigital_refresh holds the one refresh token of
-- each grant that still works, by its jti: a refresh deletes the row and stores the next token's, so a refresh token
-- works once. session_id is the Atrium session a user token is bound to (null for a client token); client_id the
-- API client that obtained it. Times are epoch milliseconds, as in V1.
create table livedigital_key (
  key_id      varchar(32)  not null primary key,
  secret      varchar(64)  not null,
  created_at  bigint       not null
);
create table livedigital_refresh (
  jti         varchar(32)  not null primary key,
  client_id   varchar(24)  not null,
  session_id  varchar(64),
  expires_at  bigint       not null
);
create index livedigital_refresh_expires_ix on livedigital_refresh (expires_at);
