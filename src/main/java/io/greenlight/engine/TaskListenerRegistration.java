package io.greenlight.engine;

import org.camunda.bpm.engine.delegate.TaskListener;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One rule a feature attaches to user tasks, chosen by the task's form ({@code camunda:formRef}) and never by element
 * id, so a process owner may draw new tasks with a known form and get the rule. A feature declares its rules as beans
 * of this type; {@link TaskListenerRegistry} attaches all of them, in {@link #order()}, as built-in listeners ("skip
 * custom listeners" on /engine-rest cannot bypass them).
 *
 * @param name     what the rule is, for logs and the architecture documentation
 * @param order    lower runs first on the same task event
 * @param forms    which forms the rule applies to ({@code null} form: a task without one)
 * @param events   the task events ({@link TaskListener#EVENTNAME_CREATE}, …)
 * @param listener the listener for a task of the given form; resolved lazily on every event, so beans may be
 *                 created after the engine
 */
public record TaskListenerRegistration(String name, int order, Predicate<String> forms, List<String> events,
                                       Function<String, TaskListener> listener) {

    /** Order slots of the shipped rules: external link first, stage rules, routing to backups, notices, late decisions. */
    public static final int EXTERNAL = 100;
    public static final int STAGE_RULES = 200;
    public static final int ROUTING = 300;
    public static final int NOTICES = 400;
    public static final int LATE_DECISION = 500;

    public TaskListenerRegistration {
        Objects.requireNonNull(name);
        Objects.requireNonNull(forms);
        events = List.copyOf(events);
        Objects.requireNonNull(listener);
    }

    /** A rule for every user task with form {@code form}. */
    public static TaskListenerRegistration forForm(String name, int order, String form, Supplier<? extends TaskListener> listener,
                                                   String... events) {
        return new TaskListenerRegistration(name, order, form::equals, List.of(events), f -> lazy(listener));
    }

    /** A rule for every user task of every diagram; the listener may depend on the task's form. */
    public static TaskListenerRegistration forEveryTask(String name, int order, Function<String, TaskListener> listener,
                                                        String... events) {
        return new TaskListenerRegistration(name, order, f -> true, List.of(events), listener);
    }

    private static TaskListener lazy(Supplier<? extends TaskListener> listener) {
        return task -> listener.get().notify(task);
    }
}
