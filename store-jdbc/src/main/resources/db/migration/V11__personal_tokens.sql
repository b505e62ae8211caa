-- Personal access tokens are sessions of kind PERSONAL that never expire: the name their user gave them, the last
-- characters of the token (the token itself is stored only as its hash) and whether they skip a second factor.
-- Null for every other session. A name is unique among a user's live tokens: the service checks that with the
-- user's row locked, as a revoked token keeps its row and its name.
alter table sessions add column token_name varchar(200);
alter table sessions add column last_token_part varchar(16);
alter table sessions add column bypass_two_factor boolean;
create index sessions_user_name_ix on sessions (user_id, token_name);
