-- PostgreSQL only. A prefix LIKE ('mar%') can use the primary key (term, user_id) only under the C
-- collation; under any other (en_US.UTF-8, and C.UTF-8 too before PostgreSQL 17) every directory search
-- read the whole of user_term. varchar_pattern_ops compares bytes, so this index serves prefix LIKE under
-- every collation. Repeatable and idempotent: it needs no version number of its own.
create index if not exists user_term_prefix_ix on user_term (term varchar_pattern_ops);
