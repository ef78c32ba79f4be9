package io.greenlight.testing;

import io.greenlight.GreenlightApplication;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A whole Greenlight app of its own, on a file database that outlives it, for tests that stop and start the app
 * (restart tests): started, closed, started again on the same database and data directory.
 */
public final class RestartedApp {

    private RestartedApp() {
    }

    /** An H2 file database in {@code dir} that a closed app leaves as it was for the next one. */
    public static String database(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("greenlight").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /**
     * Starts the app (profile test, a free port) on {@code url} with {@code dir} as its data directory and its own
     * engine {@code engineName}, plus {@code more} arguments. Command-line arguments outrank application-test.yml
     * (builder properties would not). The engine name must not contain a hyphen, or Camunda silently falls back to
     * "default".
     */
    public static ConfigurableApplicationContext start(String url, Path dir, String engineName, String... more) {
        String[] arguments = Stream.concat(Stream.of("--spring.datasource.url=" + url,
                        "--server.port=0",
                        "--camunda.bpm.process-engine-name=" + engineName,
                        "--greenlight.data-dir=" + dir.toAbsolutePath(),
                        // the Camunda webapps keep static runtime delegates that closing this app would clear,
                        // breaking Tasklist/Cockpit of the shared test server for every later test
                        "--camunda.bpm.webapp.enabled=false",
                        "--spring.main.register-shutdown-hook=false"), Stream.of(more))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GreenlightApplication.class).profiles("test").run(arguments);
    }

    /**
     * Executes the instance's due jobs, round after round (at most {@code rounds}) while there are any, as the job
     * executor would; the messages of the jobs that failed.
     */
    public static List<String> runDueJobs(ConfigurableApplicationContext context, String instanceId, int rounds) {
        ManagementService management = context.getBean(ManagementService.class);
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instanceId).executable().list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        return failures;
    }
}
