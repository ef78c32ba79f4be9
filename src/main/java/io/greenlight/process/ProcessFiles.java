package io.greenlight.process;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The diagrams and forms to deploy, keyed by their repository-relative name ({@code processes/x.bpmn}).
 * Read from the folder {@code greenlight.process-files} when it holds a {@code processes/} folder
 * (the checkout when run with {@code ./mvnw spring-boot:run}); otherwise from the copies inside the jar.
 */
class ProcessFiles {

    static final List<String> PROCESS_SUFFIXES = List.of(".bpmn", ".dmn");
    static final List<String> FORM_SUFFIXES = List.of(".form");

    private final Path root;

    ProcessFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    boolean external() {
        return Files.isDirectory(root.resolve("processes"));
    }

    String describe() {
        return external() ? root.toAbsolutePath().normalize().toString() : "classpath (copies inside the jar)";
    }

    Map<String, byte[]> load() {
        Map<String, byte[]> files = new TreeMap<>();
        if (external()) {
            readFolder("processes", PROCESS_SUFFIXES, files);
            readFolder("forms", FORM_SUFFIXES, files);
        } else {
            readClasspath("processes", PROCESS_SUFFIXES, files);
            readClasspath("forms", FORM_SUFFIXES, files);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No diagrams or forms found in " + describe());
        }
        return files;
    }

    private void readFolder(String folder, List<String> suffixes, Map<String, byte[]> into) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && suffixes.stream().anyMatch(name::endsWith)) {
                    into.put(folder + "/" + name, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    private void readClasspath(String folder, List<String> suffixes, Map<String, byte[]> into) {
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + folder + "/*")) {
                String name = r.getFilename();
                if (name != null && suffixes.stream().anyMatch(name::endsWith)) {
                    try (var in = r.getInputStream()) {
                        into.put(folder + "/" + name, in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder + " from the classpath", e);
        }
    }
}
