package io.greenlight.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Greenlight's file deployment on a temp folder, never on the repository's files: processes/ and forms/ in
 * {@link #folder}, deployed by {@link #deployer} and watched by {@link #watcher} (stopped after each test).
 */
abstract class WatchedFolderSupport extends ProcessTestSupport {

    @Autowired ProcessValidator validator;
    @Autowired DeploymentEvents events;

    @TempDir Path folder;
    ProcessDeployer deployer;
    ProcessFileWatcher watcher;

    /** Writes a file of the folder, e.g. {@code processes/owner-watch.bpmn}. */
    void write(String name, String content) throws IOException {
        Files.createDirectories(folder.resolve(name).getParent());
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Deploys the folder under this deployment name, then watches it: a change is deployed once quiet this long. */
    void deployAndWatch(String deploymentName, Duration quiet) throws IOException {
        Files.createDirectories(folder.resolve("processes"));
        Files.createDirectories(folder.resolve("forms"));
        deployer = new ProcessDeployer(repositoryService, folder, deploymentName, validator, events);
        deployer.deploy("test set-up");
        watcher = new ProcessFileWatcher(deployer, "true", quiet);
        watcher.start();
    }

    @AfterEach
    void stopWatching() throws IOException {
        if (watcher != null) {
            watcher.destroy();
        }
    }
}
