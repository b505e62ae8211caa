package dev.atrium.core.admin;

import java.util.List;
import java.util.Optional;

/** Storage of pod-wide settings; every call joins the caller's transaction. */
public interface AdminStore {
  void insertDisclaimer(Disclaimer disclaimer);

  void updateDisclaimer(Disclaimer disclaimer);

  Optional<Disclaimer> disclaimer(String id);

  List<Disclaimer> disclaimers();

  /** Ids of the users to whom the disclaimer is assigned, ascending. */
  List<Long> usersWithDisclaimer(String id);

  List<App.PodEntitlement> podApps();

  void putPodApp(App.PodEntitlement app);

  /** The user's own settings, for the apps they have one for. */
  List<App.UserEntitlement> userApps(long userId);

  void putUserApp(long userId, App.UserEntitlement app);
}
