package io.greenlight.process;

import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Deploys {@code processes/} and {@code forms/} as one deployment named {@value #DEPLOYMENT_NAME}, with
 * repository-relative resource names (so moving the checkout creates no new version); an unchanged set
 * creates no new version (duplicate filtering), nor does a set that is exactly what is live (e.g. a Modeler deployment
 * written back to the files). Deployments are serialized with Modeler's ({@link ModelerWriteBack#exclusive}). Every set is validated first ({@link ProcessValidator}): a broken
 * set is refused with the reasons (log and process pages) and the last good version keeps running.
 */
@Component
@Order(1)
public class ProcessDeployer implements ApplicationRunner {

    public static final String DEPLOYMENT_NAME = "greenlight";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repository;
    private final ProcessFiles files;
    private final ProcessValidator validator;
    private final DeploymentEvents events;
    private final String deploymentName;
    private final LiveVersions live;

    @Autowired
    public ProcessDeployer(RepositoryService repository, @Value("${greenlight.process-files:.}") String root,
                           ProcessValidator validator, DeploymentEvents events) {
        this(repository, Path.of(root), DEPLOYMENT_NAME, validator, events);
    }

    /** A deployer of another folder under another deployment name (tests, tools). */
    public ProcessDeployer(RepositoryService repository, Path root, String deploymentName, ProcessValidator validator,
                           DeploymentEvents events) {
        this.repository = repository;
        this.files = new ProcessFiles(root);
        this.deploymentName = deploymentName;
        this.validator = validator;
        this.events = events;
        this.live = new LiveVersions(repository);
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            deploy("start-up");
        } catch (InvalidProcessFiles e) {
            if (repository.createProcessDefinitionQuery().processDefinitionKey(ProcessBindings.POST_PROCESS).count() == 0) {
                throw e;
            }
            // logged and recorded in deploy(); the last good version keeps running
        }
    }

    /** The folder holding processes/ and forms/ (null when the copies inside the jar are used). */
    public Path folder() {
        return files.external() ? files.root() : null;
    }

    public String describe() {
        return files.describe();
    }

    public DeploymentWithDefinitions deploy() {
        return deploy("start-up");
    }

    /**
     * Validates and deploys the files.
     *
     * @param trigger why ("start-up", "file change", …), for the log and the process page
     * @throws InvalidProcessFiles when a file is broken; nothing is deployed then
     */
    public synchronized DeploymentWithDefinitions deploy(String trigger) {
        Map<String, byte[]> resources;
        List<String> problems;
        try {
            resources = files.load();
            problems = validator.problems(resources);
        } catch (RuntimeException e) {
            resources = Map.of();
            problems = List.of(files.describe() + ": " + ProcessValidator.rootMessage(e));
        }
        if (!problems.isEmpty()) {
            return refuse(trigger, problems);
        }
        // Camunda's duplicate filtering compares with this deployment name's last deployment only; a drawing deployed
        // from Modeler and written back to the files is live already under another name, and deploying it again
        // would make a second version of it (and could put an older drawing back on top of a newer one)
        String live = this.live.deploymentMatching(resources);
        if (live != null) {
            LOG.info("Processes and forms from {} are what is live already; no new version", files.describe());
            events.record(DeploymentEvents.Kind.UNCHANGED, trigger, "Unchanged (the files are the live version); no new version",
                    List.of());
            return (DeploymentWithDefinitions) repository.createDeploymentQuery().deploymentId(live).singleResult();
        }
        DeploymentBuilder builder = repository.createDeployment()
                .name(deploymentName)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment;
        try {
            deployment = builder.deployWithResult();
        } catch (RuntimeException e) {
            // the engine's parser found what the validator cannot see (an unparsable expression, …)
            return refuse(trigger, List.of(ProcessValidator.rootMessage(e)));
        }
        if (deployment.getDeployedProcessDefinitions() == null || deployment.getDeployedProcessDefinitions().isEmpty()) {
            LOG.info("Processes and forms from {} are unchanged; no new version", files.describe());
            events.record(DeploymentEvents.Kind.UNCHANGED, trigger, "Unchanged; no new version", List.of());
        } else {
            deployment.getDeployedProcessDefinitions().forEach(d -> LOG.info("Deployed {} version {} from {} ({})",
                    d.getKey(), d.getVersion(), files.describe(), trigger));
            events.record(DeploymentEvents.Kind.DEPLOYED, trigger, "Deployed " + deployment.getDeployedProcessDefinitions()
                    .stream().map(d -> d.getKey() + " version " + d.getVersion()).toList(), List.of());
        }
        return deployment;
    }

    private DeploymentWithDefinitions refuse(String trigger, List<String> problems) {
        LOG.error("Refused to deploy {} ({}); the last good version keeps running:\n  - {}", files.describe(), trigger,
                String.join("\n  - ", problems));
        events.record(DeploymentEvents.Kind.REJECTED, trigger, "Refused; the last good version keeps running", problems);
        throw new InvalidProcessFiles(problems);
    }
}
