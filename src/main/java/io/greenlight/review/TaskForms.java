package io.greenlight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.UserAccounts;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any user task with a Camunda Form ({@code camunda:formRef}) worked in Greenlight's inbox: the task's own deployed form
 * with the task's variables for form-js, and its submission completed through the engine as the signed-in user (claimed
 * first when nobody has, in one transaction), so every engine rule applies as in Tasklist. A process owner who draws a
 * task with a new form needs no Java for it.
 * <p>
 * Date/time fields ({@code datetime} components) are shown and entered in the user's time zone
 * ({@link UserAccounts#zoneOf}): the viewer works with local times ("2026-12-01T09:00"), the server turns them into
 * ISO times with the offset of that zone ("2026-12-01T09:00+01:00"), the form's own value format in Tasklist.
 */
@Service
public class TaskForms {

    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    /** Component types that hold no value of their own. */
    private static final List<String> NO_VALUE = List.of("text", "html", "image", "button", "spacer", "separator",
            "group", "dynamiclist", "iframe", "table", "documentPreview");

    private final ReviewInbox inbox;
    private final TaskService tasks;
    private final FormService forms;
    private final SystemAccess system;
    private final UserAccounts accounts;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;

    public TaskForms(ReviewInbox inbox, TaskService tasks, FormService forms, SystemAccess system, UserAccounts accounts,
                     ObjectMapper json, PlatformTransactionManager transactions) {
        this.inbox = inbox;
        this.tasks = tasks;
        this.forms = forms;
        this.system = system;
        this.accounts = accounts;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What the viewer needs: the schema (date/time fields in the user's zone), the task's variables, the zone. */
    public record FormModel(String taskId, String name, String formKey, String postId, String zone, JsonNode schema,
                            Map<String, Object> data) {
    }

    public FormModel model(CurrentUser user, String taskId) {
        ReviewInbox.TaskView task = inbox.get(user, taskId);
        ZoneId zone = accounts.zoneOf(user.id());
        ObjectNode schema = schema(taskId);
        List<JsonNode> fields = fields(schema);
        VariableMap variables = system.call(() -> tasks.getVariablesTyped(taskId, false));
        Map<String, Object> data = new LinkedHashMap<>();
        for (String name : variables.keySet()) {
            Object plain = plain(variables.getValueTyped(name));
            if (plain != null) {
                data.put(name, plain);
            }
        }
        for (JsonNode field : fields) {
            if (isDateTime(field)) {
                ((ObjectNode) field).put("timeSerializingFormat", "no_timezone");
                String label = field.path("dateLabel").asText(field.path("label").asText(""));
                ((ObjectNode) field).put("description", (field.hasNonNull("description") ? field.get("description").asText() + " " : "")
                        + "Times are in your time zone, " + zone.getId() + " (Settings).");
                if (!label.isEmpty() && !field.has("dateLabel")) {
                    ((ObjectNode) field).put("dateLabel", label);
                }
                String key = field.path("key").asText();
                if (data.get(key) != null) {
                    String local = toLocal(data.get(key), zone);
                    if (local == null) {
                        data.remove(key);
                    } else {
                        data.put(key, local);
                    }
                }
            }
        }
        return new FormModel(taskId, task.name(), task.form(), task.postId(), zone.getId(), schema, data);
    }

    /**
     * Completes the task with the submitted values of the form's own fields (others are ignored), as the user: claimed
     * first when it is nobody's, in the same transaction, so a refused completion leaves the task as it was.
     */
    public void complete(CurrentUser user, String taskId, Map<String, Object> submitted) {
        ReviewInbox.TaskView task = inbox.get(user, taskId);
        ZoneId zone = accounts.zoneOf(user.id());
        VariableMap variables = Variables.createVariables();
        for (JsonNode field : fields(schema(taskId))) {
            String key = field.path("key").asText();
            if (key.isEmpty() || !submitted.containsKey(key) || field.path("disabled").asBoolean(false)
                    || field.path("readonly").asBoolean(false)) {
                continue;
            }
            Object value = submitted.get(key);
            if (isDateTime(field) && value instanceof String s && !s.isBlank()) {
                value = withOffset(s, zone, field.path("label").asText(key));
            }
            if (value instanceof List<?> || value instanceof Map<?, ?>) {
                variables.putValueTyped(key, Variables.objectValue(value)
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
            } else {
                variables.putValue(key, value instanceof String s && s.isEmpty() ? null : value);
            }
        }
        if (ProcessBindings.REVISE_FORM.equals(task.form())) {
            inbox.complete(user, taskId, null, null);   // the resubmit, with the author-or-manager rule
            return;
        }
        transaction.executeWithoutResult(tx -> {
            if (task.assignee() == null) {
                inbox.claim(user, taskId);
            }
            tasks.complete(taskId, variables);
        });
    }

    private ObjectNode schema(String taskId) {
        Task task = system.call(() -> tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
        if (task == null || task.getCamundaFormRef() == null) {
            throw UserFacingException.conflict("This task has no Camunda Form (camunda:formRef); open it in Tasklist.");
        }
        try (InputStream in = system.call(() -> forms.getDeployedTaskForm(taskId))) {
            JsonNode schema = json.readTree(in);
            if (!(schema instanceof ObjectNode object) || !schema.path("components").isArray()) {
                throw UserFacingException.conflict("The form '" + task.getCamundaFormRef().getKey() + "' is not a Camunda Form.");
            }
            return object;
        } catch (ProcessEngineException | IOException e) {
            throw UserFacingException.conflict("The form '" + task.getCamundaFormRef().getKey()
                    + "' of this task is not deployed with its process: " + e.getMessage());
        }
    }

    /** Every component with a value, also inside groups and dynamic lists. */
    static List<JsonNode> fields(JsonNode schema) {
        List<JsonNode> found = new ArrayList<>();
        collect(schema.path("components"), found);
        return found;
    }

    private static void collect(JsonNode components, List<JsonNode> found) {
        for (Iterator<JsonNode> it = components.elements(); it.hasNext(); ) {
            JsonNode c = it.next();
            if (c.has("components")) {
                collect(c.get("components"), found);
            }
            if (c.hasNonNull("key") && !NO_VALUE.contains(c.path("type").asText())) {
                found.add(c);
            }
        }
    }

    static boolean isDateTime(JsonNode field) {
        return "datetime".equals(field.path("type").asText()) && "datetime".equals(field.path("subtype").asText("date"));
    }

    /** A value the viewer can show; null for what it cannot (files, Java objects). */
    private Object plain(TypedValue value) {
        if (value instanceof ObjectValue object) {
            if (!"application/json".equals(object.getSerializationDataFormat()) || object.getValueSerialized() == null) {
                return null;
            }
            try {
                return json.readValue(object.getValueSerialized(), Object.class);
            } catch (IOException e) {
                return null;
            }
        }
        Object v = safeValue(value);
        if (v instanceof Date d) {
            return d.toInstant().toString();
        }
        return v instanceof String || v instanceof Number || v instanceof Boolean ? v : null;
    }

    private static Object safeValue(TypedValue value) {
        try {
            Object v = value.getValue();
            return v instanceof byte[] || v instanceof InputStream ? null : v;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A stored time (ISO with offset or zone, ISO local, a Date) as a local time in the user's zone, to the minute. */
    static String toLocal(Object stored, ZoneId zone) {
        String text = stored.toString().strip();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).format(LOCAL_MINUTES);
        } catch (DateTimeParseException e) {
            try {
                return java.time.Instant.parse(text).atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).format(LOCAL_MINUTES);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(text).truncatedTo(ChronoUnit.MINUTES).format(LOCAL_MINUTES);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    /** A local time from the picker, in the user's zone, as ISO with that zone's offset; offsets given are kept. */
    static String withOffset(String value, ZoneId zone, String label) {
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toString();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime().toString();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toOffsetDateTime().toString();
                } catch (DateTimeParseException e) {
                    throw UserFacingException.invalid(label + ": '" + text + "' is not a date and time such as 2026-12-01T09:00.");
                }
            }
        }
    }
}
