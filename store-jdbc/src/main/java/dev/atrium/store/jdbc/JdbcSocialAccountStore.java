package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.SOCIAL_ACCOUNT;

import dev.atrium.core.social.SocialAccount;
import dev.atrium.core.social.SocialAccountStore;
import dev.atrium.core.social.SocialKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Linked social accounts on jOOQ; the key is (kind, social id), and (user, kind) is unique too. */
public final class JdbcSocialAccountStore implements SocialAccountStore {
  private static final List<Field<?>> COLUMNS = List.of(SOCIAL_ACCOUNT.USER_ID, SOCIAL_ACCOUNT.KIND,
      SOCIAL_ACCOUNT.SOCIAL_ID, SOCIAL_ACCOUNT.IDENTITY_NAME, SOCIAL_ACCOUNT.LINKED_AT);
  private final JdbcTransactor tx;

  public JdbcSocialAccountStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public List<SocialAccount> of(long userId) {
    return tx.ctx().select(COLUMNS).from(SOCIAL_ACCOUNT).where(SOCIAL_ACCOUNT.USER_ID.eq(userId))
        .fetch(JdbcSocialAccountStore::account)
        .stream().sorted(Comparator.comparing(SocialAccount::kind)).toList();
  }

  @Override
  public Optional<SocialAccount> byAccount(SocialKind kind, String socialId) {
    return tx.ctx().select(COLUMNS).from(SOCIAL_ACCOUNT)
        .where(SOCIAL_ACCOUNT.KIND.eq(kind.name()), SOCIAL_ACCOUNT.SOCIAL_ID.eq(socialId))
        .fetchOptional(JdbcSocialAccountStore::account);
  }

  @Override
  public void insert(SocialAccount a) {
    tx.ctx().insertInto(SOCIAL_ACCOUNT)
        .set(SOCIAL_ACCOUNT.KIND, a.kind().name()).set(SOCIAL_ACCOUNT.SOCIAL_ID, a.socialId())
        .set(SOCIAL_ACCOUNT.USER_ID, a.userId()).set(SOCIAL_ACCOUNT.IDENTITY_NAME, a.identityName())
        .set(SOCIAL_ACCOUNT.LINKED_AT, a.linkedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void update(SocialAccount a) {
    tx.ctx().update(SOCIAL_ACCOUNT).set(SOCIAL_ACCOUNT.IDENTITY_NAME, a.identityName())
        .where(SOCIAL_ACCOUNT.KIND.eq(a.kind().name()), SOCIAL_ACCOUNT.SOCIAL_ID.eq(a.socialId())).execute();
  }

  @Override
  public boolean delete(long userId, SocialKind kind) {
    return tx.ctx().deleteFrom(SOCIAL_ACCOUNT)
        .where(SOCIAL_ACCOUNT.USER_ID.eq(userId), SOCIAL_ACCOUNT.KIND.eq(kind.name())).execute() == 1;
  }

  private static SocialAccount account(Record r) {
    return new SocialAccount(r.get(SOCIAL_ACCOUNT.USER_ID), SocialKind.valueOf(r.get(SOCIAL_ACCOUNT.KIND)),
        r.get(SOCIAL_ACCOUNT.SOCIAL_ID), r.get(SOCIAL_ACCOUNT.IDENTITY_NAME),
        Instant.ofEpochMilli(r.get(SOCIAL_ACCOUNT.LINKED_AT)));
  }
}
