package io.greenlight.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.scale.Client;
import io.greenlight.scale.JarNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 *, fault 3: start-up faults. Each faulty start must end the process with a non-zero exit code and a line in
 * its log that says what is wrong, and must leave an existing data dir exactly as it was (the H2 file byte for byte;
 * afterwards a normal start finds the earlier posts and can write).
 * <ul>
 *   <li>the database cannot be reached ({@code postgres} profile, a closed port);</li>
 *   <li>the H2 data dir is a file;</li>
 *   <li>a second node is started on a data dir a running node uses;</li>
 *   <li>the data dir's disk is read-only;</li>
 *   <li>the data dir's disk is full.</li>
 * </ul>
 * The read-only and the full disk are refused by {@code io.greenlight.scale.DatabaseStartGuard}, which this test
 * made necessary: on a read-only data dir H2 opened the database read-only and the node came UP with every write
 * failing; on a full disk H2 wrote into its file while failing to start (in one of about a dozen tries a draft saved
 * minutes before was gone afterwards).
 * The last two put the data dir on a small tmpfs of its own ({@code mount -t tmpfs}, then {@code remount,ro} or a
 * file that fills it), which needs root (CAP_SYS_ADMIN); without it they are skipped, and say so. Every mount is
 * undone afterwards (and an aborted run's mounts at the start of the next).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupFaultsIT {

    private static final Duration START = Duration.ofMinutes(5);

    private Path work;
    private Path volume;
    private Path dataDir;
    private boolean mounted;
    private String noMount;
    private JarNode keeper;
    private String draftId;
    private String publishedId;

    @BeforeAll
    void aNodeWithData() throws Exception {
        work = FaultSupport.workDir("startup");
        volume = Files.createDirectories(work.resolve("volume"));
        FaultSupport.Command mount = FaultSupport.Command.run(Duration.ofSeconds(30),
                "mount", "-t", "tmpfs", "-o", "size=256m,mode=0755", "greenlight-faults", volume.toString());
        mounted = mount.exitCode() == 0;
        noMount = mounted ? null : "cannot mount a tmpfs for the data dir (needs root / CAP_SYS_ADMIN): " + mount.output();
        System.out.println("faults: data dir on " + (mounted ? "a 256 MiB tmpfs of its own" : "the build's disk (" + noMount + ")"));
        dataDir = volume.resolve("data");

        keeper = FaultSupport.startNode("keeper", work, List.of("--greenlight.data-dir=" + dataDir));
        System.out.println("faults: keeper up after " + keeper.awaitUp(START) + " ms");
        String base = keeper.url("");
        JsonNode draft = Client.call("POST", base + "/api/posts", "creator", Client.JSON.readTree(
                "{\"title\":\"Keep me\",\"timeZone\":\"UTC\",\"variants\":[{\"channel\":\"local\",\"text\":\"A draft that must survive\"}]}"));
        draftId = draft.path("id").asText();
        publishedId = Client.approvedPost(base, base, "creator", "Keep me too", null, "local");
        FaultSupport.await("the earlier post is published", Duration.ofMinutes(2), 200, () -> "PUBLISHED".equals(
                Client.call("GET", base + "/api/posts/" + publishedId, "creator", null).path("status").asText()));
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (keeper != null) {
            keeper.close();
        }
        if (mounted) {
            FaultSupport.Command.run(Duration.ofSeconds(30), "mount", "-o", "remount,rw", volume.toString());
            FaultSupport.Command umount = FaultSupport.Command.run(Duration.ofSeconds(30), "umount", volume.toString());
            assertThat(umount.exitCode()).as("umount %s: %s", volume, umount.output()).isZero();
        }
    }

    @Test
    @Order(1)
    void aDatabaseThatCannotBeReachedStopsTheStartWithItsAddress() throws Exception {
        int closed = FaultSupport.freePort();
        FaultSupport.Attempt attempt = FaultSupport.startExpectingFailure("postgres-down", work.resolve("postgres-down"),
                List.of("--spring.profiles.active=postgres",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/greenlight",
                        "--spring.datasource.username=greenlight"), START);
        String line = failed(attempt, "Connection to 127.0.0.1:" + closed + " refused");
        System.out.printf("faults: database unreachable: exit %d after %d ms: %s%n", attempt.exitCode(), attempt.millis(), line.strip());
    }

    @Test
    @Order(2)
    void aDataDirThatIsAFileStopsTheStart() throws Exception {
        Path dir = Files.createDirectories(work.resolve("data-is-a-file"));
        Path file = Files.writeString(dir.resolve("data"), "not a folder\n");
        FaultSupport.Attempt attempt = FaultSupport.startExpectingFailure("data-is-a-file", dir,
                List.of("--greenlight.data-dir=" + file), START);
        String line = failed(attempt, "NotDirectoryException: " + file);
        assertThat(Files.readString(file)).as("the file in the data dir's place").isEqualTo("not a folder\n");
        System.out.printf("faults: data dir is a file: exit %d after %d ms: %s%n", attempt.exitCode(), attempt.millis(), line.strip());
    }

    @Test
    @Order(3)
    void aSecondNodeOnADataDirInUseStopsAndTheFirstKeepsRunning() throws Exception {
        FaultSupport.Attempt attempt = FaultSupport.startExpectingFailure("intruder", work.resolve("intruder"),
                List.of("--spring.profiles.active=demo", "--greenlight.data-dir=" + dataDir), START);
        String line = failed(attempt, "Database may be already in use: \"" + dataDir.resolve("greenlight.mv.db"));
        assertThat(keeper.alive()).isTrue();
        assertThat(Client.call("GET", keeper.url("/api/posts/" + draftId), "creator", null).path("title").asText())
                .as("the running node still serves its data").isEqualTo("Keep me");
        System.out.printf("faults: data dir in use: exit %d after %d ms: %s%n", attempt.exitCode(), attempt.millis(), line.strip());
    }

    @Test
    @Order(4)
    void aReadOnlyDataDirStopsTheStartAndStaysAsItWas() throws Exception {
        stopKeeper();
        Assumptions.assumeTrue(mounted, () -> "read-only data dir not covered: " + noMount);
        String before = keep("before-read-only");
        remount("ro");
        FaultSupport.Attempt attempt;
        try {
            assertThat(Files.isWritable(dataDir.resolve("greenlight.mv.db"))).as("read-only now").isFalse();
            attempt = FaultSupport.startExpectingFailure("read-only", work.resolve("read-only"),
                    List.of("--spring.profiles.active=demo", "--greenlight.data-dir=" + dataDir), START);
        } finally {
            remount("rw");
        }
        String line = failed(attempt, "is read-only, so Greenlight cannot start");
        assertThat(line).contains(dataDir.resolve("greenlight").toString());
        assertThat(keep("after-read-only")).as("the database file, byte for byte").isEqualTo(before);
        System.out.printf("faults: read-only data dir: exit %d after %d ms, database file unchanged: %s%n",
                attempt.exitCode(), attempt.millis(), line.strip());
    }

    @Test
    @Order(5)
    void aFullDiskStopsTheStartAndTheDataStaysAsItWas() throws Exception {
        stopKeeper();
        Assumptions.assumeTrue(mounted, () -> "disk full not covered: " + noMount);
        String before = keep("before-disk-full");
        Path filler = volume.resolve("filler");
        FaultSupport.Attempt attempt;
        try {
            long filled = fill(filler);
            assertThat(Files.getFileStore(volume).getUsableSpace()).as("space left after %d bytes of filler", filled)
                    .isLessThan(4096);
            attempt = FaultSupport.startExpectingFailure("disk-full", work.resolve("disk-full"),
                    List.of("--spring.profiles.active=demo", "--greenlight.data-dir=" + dataDir), START);
        } finally {
            Files.deleteIfExists(filler);
        }
        String line = failed(attempt, "less than greenlight.min-free-disk");
        assertThat(keep("after-disk-full")).as("the database file, byte for byte").isEqualTo(before);
        System.out.printf("faults: disk full: exit %d after %d ms, database file unchanged: %s%n",
                attempt.exitCode(), attempt.millis(), line.strip());
    }

    @Test
    @Order(6)
    void afterwardsTheDataDirStartsNormallyWithItsPosts() throws Exception {
        stopKeeper();
        keep("before-afterwards");
        try (JarNode again = FaultSupport.startNode("afterwards", work, List.of("--greenlight.data-dir=" + dataDir))) {
            long up = again.awaitUp(START);
            String base = again.url("");
            JsonNode draft = Client.call("GET", base + "/api/posts/" + draftId, "creator", null);
            assertThat(draft.path("title").asText()).isEqualTo("Keep me");
            assertThat(draft.path("status").asText()).isEqualTo("DRAFT");
            assertThat(draft.path("variants").path(0).path("text").asText()).isEqualTo("A draft that must survive");
            assertThat(Client.call("GET", base + "/api/posts/" + publishedId, "creator", null).path("status").asText())
                    .isEqualTo("PUBLISHED");
            // and it writes
            String id = Client.call("POST", base + "/api/posts", "creator", Client.JSON.readTree(
                    "{\"title\":\"After the faults\",\"variants\":[{\"channel\":\"local\",\"text\":\"still writable\"}]}")).path("id").asText();
            assertThat(Client.call("GET", base + "/api/posts/" + id, "creator", null).path("status").asText()).isEqualTo("DRAFT");
            System.out.printf("faults: afterwards the data dir starts normally (%d ms): the earlier draft and published post "
                    + "are there, new posts are saved%n", up);
        }
    }

    /** The attempt ended by itself, non-zero, and its log has a line with {@code text}; returns that line. */
    private static String failed(FaultSupport.Attempt attempt, String text) {
        assertThat(attempt.cameUp()).as("started (health UP) instead of refusing; log %s", attempt.logFile()).isFalse();
        assertThat(attempt.exitCode()).as("exited by itself within %s; log %s", START, attempt.logFile()).isNotNull();
        assertThat(attempt.exitCode()).as("exit code; log %s", attempt.logFile()).isNotZero();
        String line = FaultSupport.lineWith(attempt.log(), text);
        assertThat(line).as("a line with '%s' in %s", text, attempt.logFile()).isNotNull();
        assertThat(attempt.log()).as("never started").doesNotContain("Started GreenlightApplication");
        return line;
    }

    private void stopKeeper() throws Exception {
        if (keeper != null) {
            keeper.close();
            assertThat(keeper.alive()).isFalse();
            keeper = null;
            keep("keeper-stopped");
        }
    }

    private void remount(String mode) throws IOException {
        FaultSupport.Command c = FaultSupport.Command.run(Duration.ofSeconds(30), "mount", "-o", "remount," + mode, volume.toString());
        assertThat(c.exitCode()).as("mount -o remount,%s: %s", mode, c.output()).isZero();
    }

    /** Writes zeros until the file system says no more; returns the bytes written. */
    private static long fill(Path filler) throws IOException {
        long written = 0;
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int chunk : new int[]{1 << 20, 4096, 1}) {
                ByteBuffer zeros = ByteBuffer.allocate(chunk);
                while (true) {
                    zeros.clear();
                    try {
                        written += out.write(zeros);
                        out.force(false);
                    } catch (IOException full) {
                        break;
                    }
                }
            }
        }
        return written;
    }

    /** Copies the database file to {@code work/evidence/<label>.mv.db} (for a post-mortem) and returns its SHA-256. */
    private String keep(String label) throws Exception {
        Path db = dataDir.resolve("greenlight.mv.db");
        Path evidence = Files.createDirectories(work.resolve("evidence"));
        Files.copy(db, evidence.resolve(label + ".mv.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return sha256(db);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
