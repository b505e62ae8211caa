package dev.atrium.core.avatar;

import java.util.Optional;

/** Immutable blobs by key. A key is written once; writing it again with the same bytes is harmless. */
public interface BlobStore {
  void put(String key, byte[] bytes);

  Optional<byte[]> get(String key);
}
