package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.SocialAccounts.*;

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
  private static final List<Field<?>> COLUMNS = List.of(USER_ID, KIND, SOCIAL_ID, IDENTITY_NAME, LINKED_AT);
  private final JdbcTransactor tx;

  public JdbcSocialAccountStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public List<SocialAccount> of(long userId) {
    return tx.ctx().select(COLUMNS).from(T).where(USER_ID.eq(userId)).fetch(JdbcSocialAccountStore::account)
        .stream().sorted(Comparator.comparing(SocialAccount::kind)).toList();
  }

  @Override
  public Optional<SocialAccount> byAccount(SocialKind kind, String socialId) {
    return tx.ctx().select(COLUMNS).from(T).where(KIND.eq(kind.name()), SOCIAL_ID.eq(socialId))
        .fetchOptional(JdbcSocialAccountStore::account);
  }

  @Override
  public void insert(SocialAccount a) {
    tx.ctx().insertInto(T).set(KIND, a.kind().name()).set(SOCIAL_ID, a.socialId()).set(USER_ID, a.userId())
        .set(IDENTITY_NAME, a.identityName()).set(LINKED_AT, a.linkedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void update(SocialAccount a) {
    tx.ctx().update(T).set(IDENTITY_NAME, a.identityName())
        .where(KIND.eq(a.kind().name()), SOCIAL_ID.eq(a.socialId())).execute();
  }

  @Override
  public boolean delete(long userId, SocialKind kind) {
    return tx.ctx().deleteFrom(T).where(USER_ID.eq(userId), KIND.eq(kind.name())).execute() == 1;
  }

  private static SocialAccount account(Record r) {
    return new SocialAccount(r.get(USER_ID), SocialKind.valueOf(r.get(KIND)), r.get(SOCIAL_ID), r.get(IDENTITY_NAME),
        Instant.ofEpochMilli(r.get(LINKED_AT)));
  }
}
