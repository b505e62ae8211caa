package dev.atrium.core.permission;

import java.util.List;

/** The stored grants of the named permissions. */
public interface PermissionStore {
  /** Every stored grant. */
  List<Permissions.Grant> all();

  /** Stores the grant unless its permission has one already (two nodes may seed the defaults at once). */
  void insertIfAbsent(Permissions.Grant grant);

  /** Stores the grant in place of its permission's. */
  void put(Permissions.Grant grant);
}
