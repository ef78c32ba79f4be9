package io.greenlight.security;

import java.util.List;

/** Greenlight's groups; they live in Camunda's identity service. */
public final class Groups {
    public static final String CREATORS = "creators";
    public static final String REVIEWERS = "reviewers";
    public static final String MANAGERS = "managers";
    public static final String ANALYSTS = "analysts";
    public static final String COMMUNITY = "community";
    public static final String ADMIN = "camunda-admin";
    /** May deploy diagrams, decisions and forms (Camunda Modeler, process pages). Not in ALL. */
    public static final String PROCESS_OWNERS = "process-owners";

    public static final List<String> ALL = List.of(CREATORS, REVIEWERS, MANAGERS, ANALYSTS, COMMUNITY, ADMIN);

    private Groups() {
    }
}
