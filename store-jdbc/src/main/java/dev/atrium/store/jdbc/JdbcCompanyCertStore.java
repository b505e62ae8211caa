package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.CompanyCerts.*;

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
  private static final List<Field<?>> COLUMNS = List.of(FINGERPRINT, PEM, NAME, TYPE, STATUS, ISSUER_FP,
      SUBJECT_HASH, ISSUER_HASH, COMMON_NAME, EXPIRES_AT, LAST_SEEN_AT, CREATED_AT, UPDATED_AT, UPDATED_BY);

  private final JdbcTransactor tx;

  public JdbcCompanyCertStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(CompanyCert c) {
    tx.ctx().insertInto(T)
        .set(FINGERPRINT, c.fingerprint()).set(PEM, c.pem()).set(NAME, c.attributes().name())
        .set(TYPE, c.attributes().type().name()).set(STATUS, c.attributes().status().name())
        .set(ISSUER_FP, c.issuerFingerprint()).set(SUBJECT_HASH, c.subjectHash()).set(ISSUER_HASH, c.issuerHash())
        .set(COMMON_NAME, c.commonName()).set(EXPIRES_AT, c.expiresAt().toEpochMilli())
        .set(LAST_SEEN_AT, millis(c.lastSeenAt())).set(CREATED_AT, c.createdAt().toEpochMilli())
        .set(UPDATED_AT, c.updatedAt().toEpochMilli()).set(UPDATED_BY, c.updatedBy())
        .execute();
  }

  @Override
  public void updateAttributes(CompanyCert c) {
    tx.ctx().update(T)
        .set(NAME, c.attributes().name()).set(TYPE, c.attributes().type().name())
        .set(STATUS, c.attributes().status().name())
        .set(UPDATED_AT, c.updatedAt().toEpochMilli()).set(UPDATED_BY, c.updatedBy())
        .where(FINGERPRINT.eq(c.fingerprint()))
        .execute();
  }

  @Override
  public void setIssuer(String fingerprint, @Nullable String issuerFingerprint) {
    tx.ctx().update(T).set(ISSUER_FP, issuerFingerprint).where(FINGERPRINT.eq(fingerprint)).execute();
  }

  @Override
  public boolean delete(String fingerprint) {
    return tx.ctx().deleteFrom(T).where(FINGERPRINT.eq(fingerprint)).execute() > 0;
  }

  @Override
  public Optional<CompanyCert> byFingerprint(String fingerprint) {
    return where(FINGERPRINT.eq(fingerprint)).fetchOptional().map(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> page(int skip, int limit) {
    return tx.ctx().select(COLUMNS).from(T).orderBy(NAME, FINGERPRINT).offset(skip).limit(limit)
        .fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> pageOfTypes(Set<CertType> types, int skip, int limit) {
    return where(TYPE.in(types.stream().map(CertType::name).toList())).orderBy(NAME, FINGERPRINT)
        .offset(skip).limit(limit).fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> issuedBy(String fingerprint) {
    return where(ISSUER_FP.eq(fingerprint)).orderBy(NAME, FINGERPRINT).fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> withSubject(String subjectHash) {
    return where(SUBJECT_HASH.eq(subjectHash)).orderBy(NAME, FINGERPRINT).fetch(JdbcCompanyCertStore::cert);
  }

  @Override
  public List<CompanyCert> withIssuerName(String issuerHash) {
    return where(ISSUER_HASH.eq(issuerHash)).orderBy(NAME, FINGERPRINT).fetch(JdbcCompanyCertStore::cert);
  }

  private SelectConditionStep<Record> where(Condition condition) {
    return tx.ctx().select(COLUMNS).from(T).where(condition);
  }

  private static @Nullable Long millis(@Nullable Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static CompanyCert cert(Record r) {
    Long lastSeen = r.get(LAST_SEEN_AT);
    return new CompanyCert(r.get(FINGERPRINT), r.get(PEM), new CertAttributes(r.get(NAME),
        CertType.valueOf(r.get(TYPE)), CertStatus.valueOf(r.get(STATUS))), r.get(ISSUER_FP), r.get(SUBJECT_HASH),
        r.get(ISSUER_HASH), r.get(COMMON_NAME), Instant.ofEpochMilli(r.get(EXPIRES_AT)),
        lastSeen == null ? null : Instant.ofEpochMilli(lastSeen), Instant.ofEpochMilli(r.get(CREATED_AT)),
        Instant.ofEpochMilli(r.get(UPDATED_AT)), r.get(UPDATED_BY));
  }
}
