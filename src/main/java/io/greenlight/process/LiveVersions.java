package io.greenlight.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is live: the latest version of each process, decision and form key, whichever deployment brought it (the
 * files, Camunda Modeler, Cockpit). Lets the deployer see that the files are what already runs (Modeler's deployment
 * written back), and the write-back see that a deployment has been superseded meanwhile.
 */
class LiveVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryService repository;

    LiveVersions(RepositoryService repository) {
        this.repository = repository;
    }

    /**
     * The deployment holding the live version of every one of these files, byte for byte, or null when any file
     * differs from what runs, defines nothing or cannot be read.
     */
    String deploymentMatching(Map<String, byte[]> files) {
        String newest = null;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            List<ResourceDefinition> live;
            try {
                live = liveDefinitionsOf(file.getKey(), file.getValue());
            } catch (RuntimeException e) {
                return null;
            }
            if (live == null || live.isEmpty()) {
                return null;
            }
            for (ResourceDefinition definition : live) {
                if (definition == null || !Arrays.equals(file.getValue(), bytes(definition))) {
                    return null;
                }
                newest = definition.getDeploymentId();
            }
        }
        return newest;
    }

    /** The resources of this deployment of which a later version is live (another deployment came after it). */
    Set<String> supersededResources(String deploymentId) {
        Set<String> superseded = new HashSet<>();
        for (ProcessDefinition d : repository.createProcessDefinitionQuery().deploymentId(deploymentId).list()) {
            if (!d.getId().equals(latestProcess(d.getKey()).getId())) {
                superseded.add(d.getResourceName());
            }
        }
        for (DecisionDefinition d : repository.createDecisionDefinitionQuery().deploymentId(deploymentId).list()) {
            if (!d.getId().equals(latestDecision(d.getKey()).getId())) {
                superseded.add(d.getResourceName());
            }
        }
        commands().execute(ctx -> {
            for (CamundaFormDefinition d : ctx.getCamundaFormDefinitionManager().findDefinitionsByDeploymentId(deploymentId)) {
                CamundaFormDefinition latest = ctx.getCamundaFormDefinitionManager().findLatestDefinitionByKey(d.getKey());
                if (latest != null && !latest.getId().equals(d.getId())) {
                    superseded.add(d.getResourceName());
                }
            }
            return null;
        });
        return superseded;
    }

    /** The live definitions of the keys a file defines (null for a kind of file that defines none). */
    private List<ResourceDefinition> liveDefinitionsOf(String name, byte[] bytes) {
        List<ResourceDefinition> live = new ArrayList<>();
        if (name.endsWith(".bpmn")) {
            for (Process p : Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)).getModelElementsByType(Process.class)) {
                if (p.isExecutable()) {
                    live.add(latestProcess(p.getId()));
                }
            }
        } else if (name.endsWith(".dmn")) {
            for (Decision d : Dmn.readModelFromStream(new ByteArrayInputStream(bytes)).getModelElementsByType(Decision.class)) {
                live.add(latestDecision(d.getId()));
            }
        } else if (name.endsWith(".form")) {
            JsonNode id;
            try {
                id = JSON.readTree(bytes).get("id");
            } catch (IOException e) {
                return null;
            }
            if (id == null || !id.isTextual()) {
                return null;
            }
            live.add(commands().execute(ctx -> ctx.getCamundaFormDefinitionManager().findLatestDefinitionByKey(id.asText())));
        } else {
            return null;
        }
        return live;
    }

    private ProcessDefinition latestProcess(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private DecisionDefinition latestDecision(String key) {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
    }

    private byte[] bytes(ResourceDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private CommandExecutor commands() {
        return ((ServiceImpl) repository).getCommandExecutor();
    }
}
