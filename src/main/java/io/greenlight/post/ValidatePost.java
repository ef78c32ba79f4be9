package io.greenlight.post;

import io.greenlight.engine.ChangedVariables;
import io.greenlight.channel.Violation;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ${validatePost}}: checks every channel's text against its network's rules and refreshes the
 * post's variables (title, content, channels…). Sets {@code valid} and, when invalid, {@code feedback}.
 */
@Component("validatePost")
public class ValidatePost implements JavaDelegate {

    private final PostProgress progress;
    private final PostService service;
    private final RoutingFacts facts;

    public ValidatePost(PostProgress progress, PostService service, RoutingFacts facts) {
        this.progress = progress;
        this.service = service;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Post post = progress.require(execution.getProcessBusinessKey());
        ChangedVariables.set(execution, PostVariables.of(post));
        ChangedVariables.set(execution, facts.of(post));
        List<Violation> violations = service.check(post);
        execution.setVariable(ProcessBindings.VALID, violations.isEmpty());
        if (!violations.isEmpty()) {
            execution.setVariable(ProcessBindings.FEEDBACK, "The post breaks channel rules:\n"
                    + violations.stream().map(v -> "- " + v.message()).collect(Collectors.joining("\n")));
        }
    }
}
