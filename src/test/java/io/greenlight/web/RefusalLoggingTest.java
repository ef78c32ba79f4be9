package io.greenlight.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.greenlight.security.LoopbackClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static io.greenlight.security.LoopbackClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

/** A refusal is one INFO line without a stack trace; a real error still is an ERROR with its stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RefusalLoggingTest {

    @LocalServerPort
    int port;

    final ListAppender<ILoggingEvent> events = new ListAppender<>();
    Logger root;

    @BeforeEach
    void listen() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void stop() {
        root.detachAppender(events);
    }

    @Test
    void aForbiddenStartIsOneInfoLine() {
        LoopbackClient client = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response r = client.send("POST", "/engine-rest/process-definition/key/post-approval/start",
                LoopbackClient.headersOf("Authorization", basic("admin", "admin"), "Content-Type", "application/json"), "{}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("submit");

        List<ILoggingEvent> logged = List.copyOf(events.list);
        assertThat(logged).as("no ERROR/WARN with a stack trace for a refusal")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null);
        assertThat(logged).noneMatch(e -> e.getFormattedMessage().contains("ENGINE-16004"));
        List<ILoggingEvent> refusals = logged.stream().filter(e -> e.getLoggerName().equals("io.greenlight.refusal")).toList();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(refusals.get(0).getThrowableProxy()).isNull();
        assertThat(refusals.get(0).getFormattedMessage()).startsWith("Refused (forbidden): ").contains("submit");
    }

    @Test
    void realErrorsKeepTheirLevelAndStackTrace() {
        org.slf4j.Logger camunda = LoggerFactory.getLogger("org.camunda.bpm.engine.context");
        camunda.error("ENGINE-16004 Exception while closing command context: {}", "boom",
                new IllegalStateException("database gone", new RuntimeException("cause")));
        List<ILoggingEvent> errors = events.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        IThrowableProxy thrown = errors.get(0).getThrowableProxy();
        assertThat(thrown).isNotNull();
        assertThat(thrown.getMessage()).isEqualTo("database gone");
    }
}
