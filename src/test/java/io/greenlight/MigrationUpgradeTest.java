package io.greenlight;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Databases made by an earlier release upgrade: Flyway refuses to start when a script it already ran has changed,
 * so shipped scripts are frozen and fixes come as new versions.
 */
class MigrationUpgradeTest {

    /** SHA-256 of db/vendor/h2/V1__domain.sql as the foundation release shipped it (commit c85c5ca). */
    static final String RELEASED_H2_V1 = "62a10409ee7e7da7ecb6915df164a51d3eacc483e4a141df27966a6f9355add6";

    @Test
    void theReleasedH2SchemaScriptIsUnchanged() throws Exception {
        assertThat(sha256("db/vendor/h2/V1__domain.sql"))
                .as("db/vendor/h2/V1__domain.sql shipped with the first release; change the schema with a new "
                        + "migration instead, or every existing database refuses to start")
                .isEqualTo(RELEASED_H2_V1);
    }

    @Test
    void aDatabaseOfTheFirstReleaseUpgradesWithItsData() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        // the first release: V1 only, long texts as clob
        Flyway.configure().dataSource(db).locations("classpath:db/vendor/h2").target("1").load().migrate();
        assertThat(columnType(jdbc, "POST_VARIANT", "TEXT")).isEqualTo("CHARACTER LARGE OBJECT");
        jdbc.update("insert into channel (channel_key, name, network, enabled, created_at) values ('local', 'Local', 'LOCAL', true, current_timestamp)");
        jdbc.update("insert into post (id, title, author, time_zone, status, content_version, created_at, updated_at)"
                + " values ('p-1', 'Before the upgrade', 'creator', 'UTC', 'DRAFT', 0, current_timestamp, current_timestamp)");
        jdbc.update("insert into post_variant (post_id, channel_key, text, status) values ('p-1', 'local', 'Kept text', 'DRAFT')");

        // this release, with the application's locations
        Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();

        assertThat(columnType(jdbc, "POST_VARIANT", "TEXT")).isEqualTo("CHARACTER VARYING");
        assertThat(columnType(jdbc, "POST_VERSION", "CONTENT")).isEqualTo("CHARACTER VARYING");
        assertThat(columnType(jdbc, "FEED_ENTRY", "TEXT")).isEqualTo("CHARACTER VARYING");
        assertThat(jdbc.queryForObject("select text from post_variant where post_id = 'p-1'", String.class))
                .isEqualTo("Kept text");
    }

    private static String columnType(JdbcTemplate jdbc, String table, String column) {
        return jdbc.queryForObject("select data_type from information_schema.columns where table_name = ? and column_name = ?",
                String.class, table, column);
    }

    private static String sha256(String resource) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = MigrationUpgradeTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
