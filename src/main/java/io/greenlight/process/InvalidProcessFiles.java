package io.greenlight.process;

import java.util.List;

/** The files in processes/ or forms/ cannot be deployed; nothing was deployed, the last good version keeps running. */
public class InvalidProcessFiles extends RuntimeException {

    private final List<String> problems;

    public InvalidProcessFiles(List<String> problems) {
        super("Not deployed, the last good version keeps running. " + String.join(" | ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
