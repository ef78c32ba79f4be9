package io.greenlight.testing;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL Hibernate sends from the current thread while {@link #during} runs, for tests of a statement's shape
 * (registered for every test in application-test.yml; records nothing outside {@link #during}).
 */
public class RecordedSql implements StatementInspector {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    @Override
    public String inspect(String sql) {
        List<String> recording = RECORDING.get();
        if (recording != null) {
            recording.add(sql);
        }
        return sql;
    }

    /** The statements {@code work} made Hibernate send, in order. */
    public static List<String> during(Runnable work) {
        List<String> statements = new ArrayList<>();
        RECORDING.set(statements);
        try {
            work.run();
            return statements;
        } finally {
            RECORDING.remove();
        }
    }
}
