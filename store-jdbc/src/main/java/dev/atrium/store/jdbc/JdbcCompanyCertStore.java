package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.COMPANY_CERT;

import dev.atrium.core.cert.CertAttributes;
import dev.atrium.core.cert.CertStatus;
import dev.atrium.core.cert.CertType;
import dev.atrium.core.cert.CompanyCert;
import dev.atrium.core.cert.CompanyCertStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jspecify.annotations.Nullable;

/** Company certificates on jOOQ: one row each. */
public final class JdbcCompanyCertStore implements CompanyCertStore {
  /** Every column, named: a {@code select *} makes jOOQ read the result's metadata on every fetch. */
  private static final List<Field<?>> COLUMNS = List.of(COMPANY_CERT.FINGERPRINT, COMPANY_CERT.PEM, COMPANY_CERT.NAME,
      COMPANY_CERT.CERT_TYPE, COMPANY_CERT.STATUS, COMPANY_CERT.ISSUER_FP, COMPANY_CERT.SUBJECT_HASH,
      COMPANY_CERT.ISSUER_HASH, COMPANY_CERT.COMMON_NAME, COMPANY_CERT.EXPIRES_AT, COMPANY_CERT.LAST_SEEN_AT,
      COMPANY_CERT.CREATED_AT, COMPANY_CERT.UPDATED_AT, COMPANY_CERT.UPDATED_BY);

  private final JdbcTransactor tx;

  public JdbcCompanyCertStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(CompanyCert c) {
    tx.ctx().insertInto(COMPANY_CERT)
        .set(COMPANY_CERT.FINGERPRINT, c.fingerprint()).set(COMPANY_CERT.PEM, c.pem())
        .set(COMPANY_CERT.NAME, c.attributes().name()).set(COMPANY_CERT.CERT_TYPE, c.attributes().type().name())
        .set(COMPANY_CERT.STATUS, c.attributes().status().name())
        .set(COMPANY_CERT.ISSUER_FP, c.issuerFingerprint()).set(COMPANY_CERT.SUBJECT_HASH, c.subjectHash())
        .set(COMPANY_CERT.ISSUER_HASH, c.issuerHash())
        .set(COMPANY_CERT.COMMON_NAME, c.commonName()).set(COMPANY_CERT.EXPIRES_AT, c.expiresAt().toEpochMilli())
        .set(COMPANY_CERT.LAST_SEEN_AT, millis(c.lastSeenAt()))
        .set(COMPANY_CERT.CREATED_AT, c.createdAt().toEpochMilli())
        .set(COMPANY_CERT.UPDATED_AT, c.updatedAt().toEpochMilli()).set(COMPANY_CERT.UPDATED_BY, c.updatedBy())
        .execute();
  }

  @Override
  public void updateAttributes(CompanyCert c) {
    tx.ctx().update(COMPANY_CERT)
        .set(COMPANY_CERT.NAME, c.attributes().name()).set(COMPANY_CERT.CERT_TYPE, c.attributes().type().name())
        .set(COMPANY_CERT.STATUS, c.attributes().status().name())
        .set(COMPANY_CERT.UPDATED_AT, c.updatedAt().toEpochMilli()).set(COMPANY_CERT.UPDATED_BY, c.updatedBy())
        .where(COMPANY_CERT.FINGERPRINT.eq(c.fingerprint()))
        .execute();
  }

  @Override
  public void setIssuer(String fingerprint, @Nullable String issuerFingerprint) {
    tx.ctx().update(COMPANY_CERT).set(COMPANY_CERT.ISSUER_FP, issuerFingerprint)
        .where(COMPANY_CERT.FINGERPRINT.eq(fingerprint)).execute();
  }

  @Override
  public boolean delete(String fingerprint) {
    return tx.ctx().deleteFrom(COMPANY_CERT).where(COMPANY_CERT.FINGERPRINT.eq(fingerprint)).execute() > 0;
  }

  @Override
  public Optional<CompanyCert> byFingerprint(String fingerprint) {
    return where(COMPANY_CERT.FINGERPRINT.eq(fingerprint)).fetchOptional().map(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> page(int skip, int limit) {
    return tx.ctx().select(COLUMNS).from(COMPANY_CERT).orderBy(COMPANY_CERT.NAME, COMPANY_CERT.FINGERPRINT)
        .offset(skip).limit(limit).fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> pageOfTypes(Set<CertType> types, int skip, int limit) {
    return where(COMPANY_CERT.CERT_TYPE.in(types.stream().map(CertType::name).toList()))
        .orderBy(COMPANY_CERT.NAME, COMPANY_CERT.FINGERPRINT).offset(skip).limit(limit)
        .fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> issuedBy(String fingerprint) {
    return where(COMPANY_CERT.ISSUER_FP.eq(fingerprint)).orderBy(COMPANY_CERT.NAME, COMPANY_CERT.FINGERPRINT)
        .fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> withSubject(String subjectHash) {
    return where(COMPANY_CERT.SUBJECT_HASH.eq(subjectHash)).orderBy(COMPANY_CERT.NAME, COMPANY_CERT.FINGERPRINT)
        .fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> withIssuerName(String issuerHash) {
    return where(COMPANY_CERT.ISSUER_HASH.eq(issuerHash)).orderBy(COMPANY_CERT.NAME, COMPANY_CERT.FINGERPRINT)
        .fetch(JdbcCompanyCertStore::cert);
  }

  private SelectConditionStep<Record> where(Condition condition) {
    return tx.ctx().select(COLUMNS).from(COMPANY_CERT).where(condition);
  }

  private static @Nullable Long millis(@Nullable Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static CompanyCert cert(Record r) {
    Long lastSeen = r.get(COMPANY_CERT.LAST_SEEN_AT);
    return new CompanyCert(r.get(COMPANY_CERT.FINGERPRINT), r.get(COMPANY_CERT.PEM),
        new CertAttributes(r.get(COMPANY_CERT.NAME), CertType.valueOf(r.get(COMPANY_CERT.CERT_TYPE)),
            CertStatus.valueOf(r.get(COMPANY_CERT.STATUS))),
        r.get(COMPANY_CERT.ISSUER_FP), r.get(COMPANY_CERT.SUBJECT_HASH), r.get(COMPANY_CERT.ISSUER_HASH),
        r.get(COMPANY_CERT.COMMON_NAME), Instant.ofEpochMilli(r.get(COMPANY_CERT.EXPIRES_AT)),
        lastSeen == null ? null : Instant.ofEpochMilli(lastSeen), Instant.ofEpochMilli(r.get(COMPANY_CERT.CREATED_AT)),
        Instant.ofEpochMilli(r.get(COMPANY_CERT.UPDATED_AT)), r.get(COMPANY_CERT.UPDATED_BY));
  }
}
