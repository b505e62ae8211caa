package dev.atrium.server.symphony;

import com.symphony.bdk.core.SymphonyBdk;
import com.symphony.bdk.core.client.ApiClientFactory;
import com.symphony.bdk.core.config.model.BdkConfig;
import com.symphony.bdk.http.api.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Service users of a running pod, each logged in with its own real BDK (RSA login, as a bot does). */
final class BdkBots {
  /** A logged-in bot: who it is, its BDK, and a generated-client pod ApiClient for the 1.40 endpoints. */
  record Bot(SymphonyPod.KeyUser user, SymphonyBdk bdk, ApiClient pod) {
    long id() {
      return user.id();
    }

    String token() {
      try {
        return bdk.botSession().getSessionToken();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final SymphonyPod pod;
  private final Path dir;

  BdkBots(SymphonyPod pod, Path dir) {
    this.pod = pod;
    this.dir = dir;
  }

  /** A fresh INDIVIDUAL service user, logged in. */
  Bot create(String name) {
    return create(name, List.of("INDIVIDUAL"));
  }

  Bot create(String name, List<String> roles) {
    SymphonyPod.KeyUser user = pod.createServiceUser(SymphonyPod.unique(name), roles);
    try {
      Path keyDir = Files.createDirectories(dir.resolve(user.username()));
      BdkConfig config = new BdkConfig();
      config.setScheme("http");
      config.setHost("127.0.0.1");
      config.setPort(pod.port());
      config.getBot().setUsername(user.username());
      config.getBot().getPrivateKey().setPath(SymphonyPod.writePrivateKey(user.keys(), keyDir).toString());
      config.getRetry().setMaxAttempts(1);
      return new Bot(user, new SymphonyBdk(config), new ApiClientFactory(config).getPodClient());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the BDK of " + user.username() + " did not start", e);
    }
  }
}
