package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.PERMISSION_GRANT;

import dev.atrium.core.permission.PermissionStore;
import dev.atrium.core.permission.Permissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The grants of the named permissions on jOOQ, a permission's roles as one comma-separated column. */
public final class JdbcPermissionStore implements PermissionStore {
  private final JdbcTransactor tx;

  public JdbcPermissionStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public List<Permissions.Grant> all() {
    return tx.ctx().select(PERMISSION_GRANT.PERMISSION, PERMISSION_GRANT.ROLES, PERMISSION_GRANT.UPDATED_AT)
        .from(PERMISSION_GRANT).orderBy(PERMISSION_GRANT.PERMISSION)
        .fetch(r -> new Permissions.Grant(r.value1(), roles(r.value2()), Instant.ofEpochMilli(r.value3())));
  }

  @Override
  public void insertIfAbsent(Permissions.Grant grant) {
    tx.ctx().insertInto(PERMISSION_GRANT)
        .set(PERMISSION_GRANT.PERMISSION, grant.permission())
        .set(PERMISSION_GRANT.ROLES, String.join(",", grant.roles()))
        .set(PERMISSION_GRANT.UPDATED_AT, grant.updatedAt().toEpochMilli())
        .onConflict(PERMISSION_GRANT.PERMISSION).doNothing()
        .execute();
  }

  @Override
  public void put(Permissions.Grant grant) {
    tx.ctx().update(PERMISSION_GRANT)
        .set(PERMISSION_GRANT.ROLES, String.join(",", grant.roles()))
        .set(PERMISSION_GRANT.UPDATED_AT, grant.updatedAt().toEpochMilli())
        .where(PERMISSION_GRANT.PERMISSION.eq(grant.permission()))
        .execute();
  }

  private static Set<String> roles(String column) {
    return column.isEmpty() ? Set.of()
        : Arrays.stream(column.split(",", -1)).collect(Collectors.toUnmodifiableSet());
  }
}
