package io.greenlight.scale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

/**
 * Sessions in the database (Spring Session JDBC), so a user signed in on one node of a cluster stays signed in
 * on every node — for Greenlight's pages and for the Camunda webapps, which keep their login in the same HTTP
 * session. Turned on by {@code greenlight.sessions=jdbc} (the {@code postgres} profile does); a single node keeps
 * its sessions in memory. The tables {@code spring_session*} come from Flyway ({@code V40__spring_session.sql}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "greenlight.sessions", havingValue = "jdbc")
@EnableJdbcHttpSession(tableName = "spring_session")
public class ClusterSessions {
}
