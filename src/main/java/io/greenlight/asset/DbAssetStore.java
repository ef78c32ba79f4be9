package io.greenlight.asset;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The bytes in the database table {@code asset_blob} (backed up with everything else; fine for a few GB). */
@Component
@ConditionalOnProperty(name = "greenlight.assets.storage", havingValue = "db")
public class DbAssetStore implements AssetStore {

    private final JdbcTemplate jdbc;

    public DbAssetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "db";
    }

    @Override
    public void put(String sha256, byte[] bytes) {
        Integer found = jdbc.queryForObject("select count(*) from asset_blob where sha256 = ?", Integer.class, sha256);
        if (found == null || found == 0) {
            jdbc.update("insert into asset_blob (sha256, data) values (?, ?)", sha256, bytes);
        }
    }

    @Override
    public Optional<byte[]> get(String sha256) {
        List<byte[]> rows = jdbc.query("select data from asset_blob where sha256 = ?", (rs, i) -> rs.getBytes(1), sha256);
        return rows.stream().findFirst();
    }
}
