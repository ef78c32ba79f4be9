package io.greenlight.process;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/**
 * Deploys {@code processes/} and {@code forms/} as one deployment named {@value #DEPLOYMENT_NAME}, with
 * repository-relative resource names (so moving the checkout creates no new version); an unchanged set
 * creates no new version (duplicate filtering).
 */
@Component
@Order(1)
public class ProcessDeployer implements ApplicationRunner {

    public static final String DEPLOYMENT_NAME = "greenlight";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repository;
    private final ProcessFiles files;

    public ProcessDeployer(RepositoryService repository, @Value("${greenlight.process-files:.}") String root) {
        this.repository = repository;
        this.files = new ProcessFiles(Path.of(root));
    }

    @Override
    public void run(ApplicationArguments args) {
        deploy();
    }

    public DeploymentWithDefinitions deploy() {
        var resources = files.load();
        DeploymentBuilder builder = repository.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        if (deployment.getDeployedProcessDefinitions() == null || deployment.getDeployedProcessDefinitions().isEmpty()) {
            LOG.info("Processes and forms from {} are unchanged; no new version", files.describe());
        } else {
            deployment.getDeployedProcessDefinitions().forEach(d -> LOG.info("Deployed {} version {} from {}",
                    d.getKey(), d.getVersion(), files.describe()));
        }
        return deployment;
    }
}
