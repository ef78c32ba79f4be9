package io.greenlight.asset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** Files under {@code greenlight.assets.dir} (default {@code <data-dir>/assets}), as {@code ab/cd/abcd…} by SHA-256. */
@Component
@ConditionalOnProperty(name = "greenlight.assets.storage", havingValue = "disk", matchIfMissing = true)
public class DiskAssetStore implements AssetStore {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public DiskAssetStore(@Value("${greenlight.assets.dir:${greenlight.data-dir}/assets}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String kind() {
        return "disk";
    }

    @Override
    public void put(String sha256, byte[] bytes) {
        Path file = path(sha256);
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "upload", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store asset " + sha256 + " under " + root, e);
        }
    }

    @Override
    public Optional<byte[]> get(String sha256) {
        Path file = path(sha256);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read asset " + sha256, e);
        }
    }

    private Path path(String sha256) {
        if (sha256 == null || !SHA.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
