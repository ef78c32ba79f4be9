package io.greenlight.insights;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The few SQL expressions the insights queries need that H2 and PostgreSQL spell differently. Everything else
 * (percentile_cont … within group, fetch first, coalesce) is the same on both. The database is the engine's.
 */
@Component
public class SqlDialect {

    private final boolean postgres;

    @org.springframework.beans.factory.annotation.Autowired
    public SqlDialect(ProcessEngine engine) {
        this(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType());
    }

    SqlDialect(String databaseType) {
        this.postgres = "postgres".equalsIgnoreCase(databaseType);
    }

    /** Milliseconds from {@code from} to {@code to}. */
    public String millisBetween(String from, String to) {
        return postgres ? "(extract(epoch from (" + to + " - " + from + ")) * 1000)"
                : "datediff('MILLISECOND', " + from + ", " + to + ")";
    }

    /** The Monday (ISO week) of a timestamp, as a date. */
    public String week(String timestamp) {
        return postgres ? "cast(date_trunc('week', " + timestamp + ") as date)"
                : "cast(date_trunc('ISO_WEEK', " + timestamp + ") as date)";
    }

    /** ISO day of week, 1 = Monday … 7 = Sunday. */
    public String isoDayOfWeek(String timestamp) {
        return postgres ? "extract(isodow from " + timestamp + ")" : "extract(ISO_DAY_OF_WEEK from " + timestamp + ")";
    }

    public String hour(String timestamp) {
        return "extract(hour from " + timestamp + ")";
    }
}
