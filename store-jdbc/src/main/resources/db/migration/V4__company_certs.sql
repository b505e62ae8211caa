-- Company certificates, keyed by the lower-case hex SHA-256 of their DER encoding. The subject and issuer
-- names are kept as SHA-256 hashes of their canonical form: a certificate's issuer is looked up by name, and
-- a hash has a fixed length whatever the name. issuer_fp names the stored certificate that verified this one;
-- the service keeps it up to date as certificates come and go, so it has no foreign key.
create table company_cert (
  fingerprint   varchar(64)    not null primary key,
  pem           varchar(70000) not null,
  name          varchar(256)   not null,
  cert_type     varchar(32)    not null,
  status        varchar(16)    not null,
  issuer_fp     varchar(64),
  subject_hash  varchar(64)    not null,
  issuer_hash   varchar(64)    not null,
  common_name   varchar(1024),
  expires_at    bigint         not null,
  last_seen_at  bigint,
  created_at    bigint         not null,
  updated_at    bigint         not null,
  updated_by    bigint         not null
);
create index company_cert_name_ix on company_cert (name, fingerprint);
create index company_cert_type_ix on company_cert (cert_type, name, fingerprint);
create index company_cert_issuer_fp_ix on company_cert (issuer_fp);
create index company_cert_subject_ix on company_cert (subject_hash);
create index company_cert_issuer_name_ix on company_cert (issuer_hash);
