package io.greenlight.asset;

import java.util.Optional;

/**
 * Where the library's bytes live, keyed by their SHA-256 (content addressed: writing the same bytes twice stores them
 * once). {@code greenlight.assets.storage}: {@code disk} ({@link DiskAssetStore}, default) or {@code db}
 * ({@link DbAssetStore}).
 */
public interface AssetStore {

    /** The name stored with each asset ({@code disk} or {@code db}). */
    String kind();

    void put(String sha256, byte[] bytes);

    Optional<byte[]> get(String sha256);
}
