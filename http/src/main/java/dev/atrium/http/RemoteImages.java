package dev.atrium.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Pictures fetched from a URL that a client names (Rocket.Chat's {@code users.setAvatar {avatarUrl}}), guarded
 * against server-side request forgery: only {@code http} and {@code https}, no user name or password in the URL,
 * and, unless {@link Reach#ANY}, no host that resolves to an address of this machine or of a private, link-local,
 * shared or reserved network (so a client cannot make the server read its own admin ports, a cloud's metadata
 * service or the office network). Redirects are followed by hand, at most {@link #MAX_REDIRECTS}, each target
 * checked again; a picture larger than the limit, a status other than 200 or a slow server fails the fetch.
 *
 * <p>The host is resolved for the check and again by the HTTP client to connect; the JVM's cache of lookups (30 s
 * by default) gives both the same addresses, which closes most of the gap a DNS rebinding attack needs, not all.
 */
public final class RemoteImages {
  public static final int MAX_REDIRECTS = 3;
  public static final int MAX_URL_LENGTH = 2048;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Whose addresses a URL may lead to. */
  public enum Reach {
    /** Public addresses only (the default). */
    PUBLIC,
    /** Any address, this machine's and private networks' too: for a closed network, or tests. */
    ANY,
    /** No fetching at all. */
    OFF;

    /** {@code public}, {@code any} or {@code off}, in any case; empty if it is none of them. */
    public static Optional<Reach> parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "public" -> Optional.of(PUBLIC);
        case "any" -> Optional.of(ANY);
        case "off" -> Optional.of(OFF);
        default -> Optional.empty();
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a fetch was refused or failed. */
  public enum Problem {
    /** Fetching is off, or the URL is none this server fetches: not http(s), with credentials, to a blocked address. */
    REFUSED_URL,
    /** The server at the URL did not give a picture: no answer, not 200, too large, too slow, too many redirects. */
    FETCH_FAILED
  }

  /** A fetch that did not give a picture; the message names no part of the URL. */
  public static final class Failure extends RuntimeException {
    private final Problem problem;

    Failure(Problem problem, String message) {
      super(message, null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  private final Reach reach;
  private final int maxBytes;
  private final HttpClient client;

  public RemoteImages(Reach reach, int maxBytes) {
    this.reach = reach;
    this.maxBytes = maxBytes;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT)
        .build();
  }

  public Reach reach() {
    return reach;
  }

  /** The bytes at the URL, at most the limit; what they are is for the caller to check. */
  public byte[] fetch(String url) {
    if (reach == Reach.OFF) {
      throw new Failure(Problem.REFUSED_URL, "fetching pictures from URLs is off");
    }
    URI uri = checked(parse(url));
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = send(uri);
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        Optional<String> location = response.headers().firstValue("Location");
        if (status >= 300 && status < 400 && location.isPresent()) {
          if (hop == MAX_REDIRECTS) {
            throw new Failure(Problem.FETCH_FAILED, "more than " + MAX_REDIRECTS + " redirects");
          }
          uri = checked(resolve(uri, location.get()));
          continue;
        }
        if (status != 200) {
          throw new Failure(Problem.FETCH_FAILED, "the server answered " + status);
        }
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw new Failure(Problem.FETCH_FAILED, "the picture is larger than " + maxBytes + " bytes");
        }
        return bytes;
      } catch (IOException e) {
        throw new Failure(Problem.FETCH_FAILED, "the picture could not be read");
      }
    }
  }

  private HttpResponse<InputStream> send(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "image/*").GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new Failure(Problem.FETCH_FAILED, "the server at the URL does not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(Problem.FETCH_FAILED, "interrupted");
    }
  }

  private static URI parse(String url) {
    if (url.length() > MAX_URL_LENGTH) {
      throw new Failure(Problem.REFUSED_URL, "the URL is longer than " + MAX_URL_LENGTH + " characters");
    }
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new Failure(Problem.REFUSED_URL, "the URL cannot be read");
    }
  }

  private static URI resolve(URI base, String location) {
    try {
      return base.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new Failure(Problem.FETCH_FAILED, "a redirect to a URL that cannot be read");
    }
  }

  /** The URL if this server fetches it: http(s), a host, no credentials, and an address the reach allows. */
  private URI checked(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Failure(Problem.REFUSED_URL, "only http and https URLs are fetched");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new Failure(Problem.REFUSED_URL, "the URL names no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Failure(Problem.REFUSED_URL, "a URL with a user name or password is not fetched");
    }
    if (reach == Reach.PUBLIC) {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new Failure(Problem.FETCH_FAILED, "the host is not known");
      }
      for (InetAddress address : addresses) {
        if (!isPublic(address)) {
          throw new Failure(Problem.REFUSED_URL, "the host is not on a public network");
        }
      }
    }
    return uri;
  }

  /**
   * Whether the address is one of the public internet's: not this machine's, nor a private, link-local, shared
   * (carrier NAT), multicast, documentation or otherwise reserved one (IANA's special-purpose registries); an IPv6
   * address that embeds an IPv4 one (mapped, NAT64) as that IPv4 address is.
   */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      int third = b[2] & 0xff;
      return !(first == 0 || first >= 240 // "this network", reserved and broadcast
          || first == 100 && second >= 64 && second < 128 // shared address space (carrier NAT)
          || first == 192 && second == 0 && (third == 0 || third == 2) // IETF protocol assignments, TEST-NET-1
          || first == 198 && (second == 18 || second == 19) // benchmarking
          || first == 198 && second == 51 && third == 100 // TEST-NET-2
          || first == 203 && second == 0 && third == 113); // TEST-NET-3
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
        return false;
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
        return false; // documentation 2001:db8::/32
      }
      boolean nat64 = (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
          && allZero(b, 4, 12);
      boolean compatible = allZero(b, 0, 12); // ::a.b.c.d (deprecated), and :: and ::1 already refused above
      if (nat64 || compatible) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
