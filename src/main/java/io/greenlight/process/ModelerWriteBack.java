package io.greenlight.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A deployment that did not come from the files (Camunda Modeler → {@code /engine-rest/deployment/create}, Cockpit …)
 * is written back to {@code processes/} and {@code forms/} when this node owns that folder, so the files stay the
 * source of truth and a restart never reverts it. Where the folder is read-only or absent (a jar), the process pages
 * warn that the live version is newer than the files ({@code greenlight.modeler-write-back}, default true).
 */
@Component
public class ModelerWriteBack {

    private static final Logger LOG = LoggerFactory.getLogger(ModelerWriteBack.class);

    private final RepositoryService repository;
    private final IdentityService identity;
    private final ProcessDeployer deployer;
    private final DeploymentEvents events;
    private final boolean enabled;
    private final LiveVersions live;

    @Autowired
    public ModelerWriteBack(RepositoryService repository, IdentityService identity, ProcessDeployer deployer,
                            DeploymentEvents events, @Value("${greenlight.modeler-write-back:true}") boolean enabled) {
        this.repository = repository;
        this.identity = identity;
        this.deployer = deployer;
        this.events = events;
        this.enabled = enabled;
        this.live = new LiveVersions(repository);
    }

    /** Where a deployed resource belongs among the files, or null ({@code x.bpmn} → {@code processes/x.bpmn}). */
    static String fileFor(String resourceName) {
        String base = resourceName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isBlank() || base.startsWith(".")) {
            return null;
        }
        if (base.endsWith(".bpmn") || base.endsWith(".dmn")) {
            return "processes/" + base;
        }
        return base.endsWith(".form") ? "forms/" + base : null;
    }

    /**
     * Runs a deployment command and what follows it on this node one at a time with the file deployer's, so that a
     * write-back and the file watcher's deployment never interleave with another deployment.
     */
    public <T> T exclusive(Supplier<T> deployment) {
        synchronized (deployer) {
            return deployment.get();
        }
    }

    /**
     * Called after a deployment was committed. Never throws: the deployment itself has succeeded. A resource of which
     * a later version is live by now (two deployments in quick succession) is not written: the files keep the newer.
     */
    public void deployed(Deployment deployment) {
        synchronized (deployer) {
            writeBack(deployment);
        }
    }

    private void writeBack(Deployment deployment) {
        try {
            if (ProcessDeployer.DEPLOYMENT_NAME.equals(deployment.getSource())) {
                return;
            }
            Authentication auth = identity.getCurrentAuthentication();
            String who = auth == null ? "someone" : auth.getUserId();
            String what = "'" + deployment.getName() + "' (" + (deployment.getSource() == null ? "no source"
                    : deployment.getSource()) + ") by " + who;
            Path folder = deployer.folder();
            if (!enabled || folder == null || !Files.isWritable(folder.resolve("processes"))) {
                String why = !enabled ? "writing back is switched off (greenlight.modeler-write-back=false)"
                        : folder == null ? "this node runs the copies inside the jar" : folder + "/processes is read-only";
                LOG.warn("Deployment {} is live but not in the files: {}. The live version is newer than the files.", what, why);
                events.record(DeploymentEvents.Kind.LIVE_NEWER_THAN_FILES, "Modeler", "Deployment " + what
                        + " is live, but " + why + ": the live version is newer than the files.", List.of());
                return;
            }
            List<String> written = new ArrayList<>();
            List<String> superseded = new ArrayList<>();
            Set<String> newerLive = live.supersededResources(deployment.getId());
            for (Resource r : repository.getDeploymentResources(deployment.getId())) {
                String file = fileFor(r.getName());
                if (file == null) {
                    continue;
                }
                if (newerLive.contains(r.getName())) {
                    superseded.add(file);
                    continue;
                }
                byte[] bytes;
                try (InputStream in = repository.getResourceAsStream(deployment.getId(), r.getName())) {
                    bytes = in.readAllBytes();
                }
                Path target = folder.resolve(file);
                if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
                    Files.write(target, bytes);
                    written.add(file);
                }
            }
            LOG.info("Deployment {} written back to {}: {}", what, folder.toAbsolutePath().normalize(), written);
            events.record(DeploymentEvents.Kind.WRITTEN_BACK, "Modeler", "Deployment " + what + " written back to the files: "
                    + (written.isEmpty() ? "they were identical" : String.join(", ", written))
                    + (superseded.isEmpty() ? "" : "; not " + String.join(", ", superseded) + ": a later deployment is live"),
                    List.of());
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write deployment {} back to the files", deployment.getId(), e);
            events.record(DeploymentEvents.Kind.LIVE_NEWER_THAN_FILES, "Modeler", "Deployment " + deployment.getId()
                    + " is live but could not be written back to the files: " + e.getMessage(), List.of());
        }
    }
}
