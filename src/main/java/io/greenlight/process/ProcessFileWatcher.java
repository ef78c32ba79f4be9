package io.greenlight.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hot redeploy: watches {@code processes/} and {@code forms/} and, a short quiet time after the last change
 * ({@code greenlight.process-watch.debounce}, default 1 s: editors save in several steps), validates and deploys
 * them. A broken save is refused with the reasons (log, process pages); the last good version keeps running.
 * <p>
 * {@code greenlight.process-watch.enabled}: {@code auto} (default) watches when the files come from a folder
 * (the embedded run, {@code ./mvnw spring-boot:run}), not when the jar's copies are used; {@code true} / {@code false}.
 */
@Component
@Order(5)
public class ProcessFileWatcher implements ApplicationRunner, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessFileWatcher.class);

    private final ProcessDeployer deployer;
    private final String enabled;
    private final Duration debounce;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-file-watcher");
        t.setDaemon(true);
        return t;
    });
    private WatchService watchService;
    private ScheduledFuture<?> pending;
    private volatile boolean running;

    public ProcessFileWatcher(ProcessDeployer deployer,
                              @Value("${greenlight.process-watch.enabled:auto}") String enabled,
                              @Value("${greenlight.process-watch.debounce:PT1S}") Duration debounce) {
        this.deployer = deployer;
        this.enabled = enabled;
        this.debounce = debounce;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        boolean on = "true".equalsIgnoreCase(enabled) || ("auto".equalsIgnoreCase(enabled) && deployer.folder() != null);
        if (on) {
            start();
        } else {
            LOG.info("Not watching processes/ and forms/ (greenlight.process-watch.enabled={})", enabled);
        }
    }

    /** Starts watching the deployer's folder. */
    public synchronized void start() throws IOException {
        Path root = deployer.folder();
        if (root == null || running) {
            return;
        }
        watchService = FileSystems.getDefault().newWatchService();
        for (String folder : new String[]{"processes", "forms"}) {
            Path dir = root.resolve(folder);
            if (Files.isDirectory(dir)) {
                dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
        running = true;
        Thread loop = new Thread(this::loop, "process-file-events");
        loop.setDaemon(true);
        loop.start();
        LOG.info("Watching {}/processes and forms: saved changes are validated and deployed", root.toAbsolutePath().normalize());
    }

    private void loop() {
        while (running) {
            WatchKey key;
            try {
                key = watchService.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            boolean relevant = key.pollEvents().stream().anyMatch(e -> {
                String name = String.valueOf(e.context());
                return e.kind() == StandardWatchEventKinds.OVERFLOW || name.endsWith(".bpmn") || name.endsWith(".dmn")
                        || name.endsWith(".form");
            });
            key.reset();
            if (relevant) {
                schedule();
            }
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(this::redeploy, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void redeploy() {
        try {
            deployer.deploy("file change");
        } catch (InvalidProcessFiles e) {
            // logged and shown on the process page by the deployer
        } catch (RuntimeException e) {
            LOG.error("Redeploying {} failed", deployer.describe(), e);
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void destroy() throws IOException {
        running = false;
        scheduler.shutdownNow();
        if (watchService != null) {
            watchService.close();
        }
    }
}
