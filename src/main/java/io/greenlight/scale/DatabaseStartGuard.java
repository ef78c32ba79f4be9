package io.greenlight.scale;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Refuses to start on a database that cannot safely be written, as soon as the data source exists (before Flyway and
 * the engine use it). Both found by {@code io.greenlight.faults.StartupFaultsIT}:
 * <ul>
 *   <li><b>read-only</b>: H2 opens a file it may not write (a data dir owned by another user, a disk mounted
 *       read-only) read-only without complaint; the node answered health UP while every write failed;</li>
 *   <li><b>a full disk</b> (H2 file databases only): H2 wrote into its file while failing to start, and with a little
 *       space left the node came UP and then failed every write. H2 can lose data when it runs out of space, so it is
 *       not opened with less than {@code greenlight.min-free-disk} (64 MB) free on the data dir's disk.</li>
 * </ul>
 * A database that cannot be reached is left to the normal start-up, which reports it.
 */
@Component
public class DatabaseStartGuard implements BeanPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            h2File(environment.getProperty("spring.datasource.url", "")).ifPresent(this::requireFreeSpace);
            requireWritable(dataSource);
        }
        return bean;
    }

    /** The database file of an embedded H2 URL ({@code jdbc:h2:file:./data/greenlight;…}, {@code jdbc:h2:~/x}). */
    static java.util.Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return java.util.Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:") || name.startsWith("zip:")) {
            return java.util.Optional.empty();
        }
        name = name.startsWith("file:") ? name.substring("file:".length()) : name;
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return java.util.Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    private void requireFreeSpace(Path databaseFile) {
        DataSize minimum = DataSize.parse(environment.getProperty("greenlight.min-free-disk", "64MB"));
        Path dir = databaseFile.getParent();
        while (dir != null && !Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException unknown) {
            return;
        }
        if (free < minimum.toBytes()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The disk of the database %s has %.1f MB free, "
                    + "less than greenlight.min-free-disk (%d MB), so Greenlight does not start: H2 can lose data when "
                    + "its disk is full. Free some space or move greenlight.data-dir, then start again.",
                    databaseFile, free / 1048576.0, minimum.toMegabytes()));
        }
    }

    private static void requireWritable(DataSource dataSource) {
        String url;
        boolean readOnly;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
            readOnly = connection.getMetaData().isReadOnly();
        } catch (SQLException notReachable) {
            return;
        }
        if (readOnly) {
            throw new IllegalStateException("The database " + url + " is read-only, so Greenlight cannot start: "
                    + "make greenlight.data-dir (H2) writable for this user and its disk writable, or use a "
                    + "writable database.");
        }
    }
}
