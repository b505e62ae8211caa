-- No sequence hands out cached values. H2 reserves a block of values (32 by default) and stores the new bound
-- in a commit of its own, which another session does not wait for: a session may take a value of the new
-- block, commit its row and answer before the bound is stored, and after a crash the sequence restarts below
-- that row's id and refuses the next inserts as duplicates (the kill -9 probe met it). Without a cache, each
-- value is stored before it is handed out. PostgreSQL's default is 1 already, and its sequences are WAL-logged.
alter sequence user_seq cache 1;
alter table audit_log alter column id set cache 1;
alter table mail_outbox alter column id set cache 1;
