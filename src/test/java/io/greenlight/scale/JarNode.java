package io.greenlight.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Greenlight node: the built jar started with {@code java -jar} as its own OS process (so it can be killed
 * with SIGKILL, like a crashed machine). Used by the cluster test and the benchmark.
 */
public final class JarNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final long startedNanos;
    private long upAfterMillis = -1;

    private JarNode(String name, int port, Process process, Path log, long startedNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** The jar the build produced (failsafe passes {@code greenlight.jar}). */
    public static Path jar() {
        String jar = System.getProperty("greenlight.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property greenlight.jar must name the built jar (run through "
                    + "-Pcluster or -Pbench, which package first); was " + jar);
        }
        return Path.of(jar);
    }

    public static JarNode start(String name, int port, Path workDir, List<String> jvmArgs, List<String> appArgs)
            throws IOException {
        return start(jar(), name, port, workDir, jvmArgs, appArgs);
    }

    /** As {@link #start(String, int, Path, List, List)} with another jar (e.g. the extracted layout's). */
    public static JarNode start(Path jar, String name, int port, Path workDir, List<String> jvmArgs, List<String> appArgs)
            throws IOException {
        return start(ProcessHandle.current().info().command().orElse("java"), jar, name, port, workDir, jvmArgs, appArgs);
    }

    /** As {@link #start(Path, String, int, Path, List, List)} on another JDK ({@code java} is its launcher's path). */
    public static JarNode start(String java, Path jar, String name, int port, Path workDir, List<String> jvmArgs,
                                List<String> appArgs) throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--greenlight.node-name=" + name);
        command.add("--greenlight.base-url=http://127.0.0.1:" + port);
        command.addAll(appArgs);
        Path log = workDir.resolve(name + ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JarNode node = new JarNode(name, port, process, log, t0);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return node;
    }

    /** Waits until {@code /actuator/health} answers UP; returns the milliseconds since the process started. */
    public long awaitUp(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    upAfterMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                    return upAfterMillis;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not up after " + timeout + "; see " + log);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Resident set size in KiB (Linux /proc), or -1 where there is no /proc. */
    /** CPU time the node's process has used so far (user + system), in milliseconds. */
    public long cpuMillis() throws IOException {
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        if (!Files.exists(stat)) {
            return -1;
        }
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in ticks of 10 ms
    }

    public long rssKib() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).findFirst().orElse(-1L);
    }

    /** SIGKILL: no shutdown hook, no graceful job executor stop, locks stay in the database. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
