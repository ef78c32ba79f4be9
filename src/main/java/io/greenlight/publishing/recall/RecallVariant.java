package io.greenlight.publishing.recall;

import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${recallVariant}}: deletes the post's variant for {@code channel} from its network (draw it inside a
 * multi-instance over {@code recallChannels}, async, so each channel is its own job). Where the network cannot delete
 * by API it throws the BPMN error {@value PostRecalls#MANUAL_ERROR}: catch it and let a person remove the post.
 * Network failures behave like publishing's (retry, or an incident naming the channel).
 */
@Component("recallVariant")
class RecallVariant implements JavaDelegate {

    private final PostRecalls recalls;

    public RecallVariant(PostRecalls recalls) {
        this.recalls = recalls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String channel = String.valueOf(execution.getVariable(ProcessBindings.CHANNEL));
        if (!recalls.deleteFromNetwork(execution.getProcessBusinessKey(), channel)) {
            throw new BpmnError(PostRecalls.MANUAL_ERROR, channel + " cannot delete posts by API");
        }
    }
}
