package io.greenlight.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.scale.Client;
import io.greenlight.scale.JarNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What the fault tests share: work folders, free ports, the built jar as a process, polling with a deadline. */
final class FaultSupport {

    /** Every node: a bounded heap (2 cores, other builds beside us) and the demo users (password = user name). */
    static final List<String> JVM = List.of("-Xmx512m");
    static final String ADMIN = "admin";

    private FaultSupport() {
    }

    /** An empty folder of the test's own under {@code greenlight.work} (the profile sets {@code ${buildDir}/faults}). */
    static Path workDir(String name) throws IOException {
        Path dir = Path.of(System.getProperty("greenlight.work", "target/faults")).toAbsolutePath().resolve(name);
        unmountUnder(dir);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** Left-over mounts of an aborted earlier run (StartupFaultsIT mounts a tmpfs); never deletes through one. */
    static void unmountUnder(Path dir) throws IOException {
        Path mounts = Path.of("/proc/self/mounts");
        if (!Files.isReadable(mounts)) {
            return;
        }
        List<String> points = new ArrayList<>();
        for (String line : Files.readAllLines(mounts)) {
            String[] f = line.split(" ");
            if (f.length > 1 && (f[1] + "/").startsWith(dir + "/")) {
                points.add(f[1]);
            }
        }
        points.sort(Comparator.reverseOrder());
        for (String point : points) {
            Command.run(Duration.ofSeconds(30), "umount", point);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The poll interval of the deadline loops (these are real processes: there is nothing to wait on but them). */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code done} every {@code everyMillis} until it holds; fails with {@code what} after {@code timeout}. */
    static long await(String what, Duration timeout, long everyMillis, BooleanSupplier done) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            pause(everyMillis);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** A node of the built jar with the demo users, in {@code work} (so its H2 data dir is {@code work/data}). */
    static JarNode startNode(String name, Path work, List<String> extraArgs) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("--spring.profiles.active=demo");
        args.addAll(extraArgs);
        return JarNode.start(name, freePort(), work, JVM, args);
    }

    /** {@code GET /engine-rest/…/count} as the administrator. */
    static long engineCount(JarNode node, String pathAndQuery) {
        return Client.call("GET", node.url("/engine-rest" + pathAndQuery), ADMIN, null).path("count").asLong();
    }

    /** Open incidents, from the engine ({@code /engine-rest}) and from Greenlight's own metric. */
    static long[] incidents(JarNode node) {
        long engine = engineCount(node, "/incident/count");
        JsonNode metric = Client.call("GET", node.url("/actuator/metrics/greenlight.incidents"), ADMIN, null);
        return new long[]{engine, Math.round(metric.path("measurements").path(0).path("value").asDouble(-1))};
    }

    /** One start of the jar expected to fail: its exit code (null if it still ran at the deadline) and its log. */
    record Attempt(Integer exitCode, boolean cameUp, String log, Path logFile, long millis) {
    }

    /**
     * Starts the jar in {@code work} with {@code args} and waits for it to exit (at most {@code timeout}). If it comes
     * up instead (health UP), it is stopped and the attempt says so.
     */
    static Attempt startExpectingFailure(String name, Path work, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM);
        command.add("-jar");
        command.add(JarNode.jar().toString());
        command.add("--server.port=" + port);
        command.add("--greenlight.node-name=" + name);
        command.addAll(args);
        Path log = work.resolve(name + ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Thread reaper = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = t0 + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    return new Attempt(process.exitValue(), false, Files.readString(log, StandardCharsets.UTF_8), log,
                            (System.nanoTime() - t0) / 1_000_000);
                }
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                        return new Attempt(null, true, Files.readString(log, StandardCharsets.UTF_8), log,
                                (System.nanoTime() - t0) / 1_000_000);
                    }
                } catch (IOException notListening) {
                    // expected: it should never listen
                }
            }
            return new Attempt(null, false, Files.readString(log, StandardCharsets.UTF_8), log, (System.nanoTime() - t0) / 1_000_000);
        } finally {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    /** The last line of {@code log} that contains {@code text} (in a stack trace: the root cause), or null. */
    static String lineWith(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).reduce((first, last) -> last).orElse(null);
    }

    /** A command of the operating system (mount, umount): exit code and output. */
    record Command(int exitCode, String output) {
        static Command run(Duration timeout, String... command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Command(-1, String.join(" ", command) + ": timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return new Command(-1, "interrupted");
            }
            return new Command(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
