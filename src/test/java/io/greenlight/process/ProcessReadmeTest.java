package io.greenlight.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * processes/README.md is what process owners copy from: its recipes use the current expression forms. The first
 * version's forms of {@code ${deadlines…}} (without {@code execution}) appear only where the guide says they are kept
 * for instances in flight.
 */
class ProcessReadmeTest {

    static final Pattern DEADLINES = Pattern.compile("\\$\\{deadlines\\.(\\w+)\\(([^)]*)\\)\\}");

    @Test
    void recipesUseTheCurrentDeadlineForms() throws IOException {
        List<String> legacy = new ArrayList<>();
        int found = 0;
        for (String line : Files.readAllLines(Path.of("processes/README.md"), StandardCharsets.UTF_8)) {
            Matcher m = DEADLINES.matcher(line);
            while (m.find()) {
                found++;
                if (!m.group(2).startsWith("execution") && !line.contains("kept for instances in flight")) {
                    legacy.add(m.group());
                }
            }
        }
        assertThat(found).as("the guide shows the deadline expressions").isGreaterThan(5);
        assertThat(legacy).as("legacy forms outside the row that lists them").isEmpty();
    }
}
