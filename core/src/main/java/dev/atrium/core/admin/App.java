package dev.atrium.core.admin;

import java.util.List;

/** Application entitlements: the company's setting per app, and a user's own setting per app. */
public final class App {
  private App() {}

  /** Company-wide: whether the app is enabled, listed in the app store, installed for everyone. */
  public record PodEntitlement(String appId, String appName, boolean enable, boolean listed, boolean install) {}

  /** One user's: whether the app is listed and installed for them, and their product subscriptions. */
  public record UserEntitlement(String appId, String appName, boolean listed, boolean install, List<Product> products) {
    public UserEntitlement {
      products = List.copyOf(products);
    }
  }

  public record Product(String appId, String name, String sku, boolean subscribed, String type) {}
}
