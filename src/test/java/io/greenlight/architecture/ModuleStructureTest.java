package io.greenlight.architecture;

import io.greenlight.GreenlightApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The feature modules and their boundaries: no cycles between modules, and no module reaches into another's
 * internals (sub-packages). Also writes the module diagrams into {@code docs/modules/}.
 */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GreenlightApplication.class);

    @Test
    void modulesHaveNoCyclesAndKeepTheirInternalsToThemselves() {
        MODULES.verify();
    }

    /**
     * The Documenter lists a diagram's relations in hash order; they are sorted before the files are copied into
     * {@code docs/modules}, so the committed diagrams change only when the modules do.
     */
    @Test
    void writesTheModuleDiagrams() throws IOException {
        Path raw = Path.of("target", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(raw.toString()))
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.UML))
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Path docs = Files.createDirectories(Path.of("docs", "modules"));
        try (Stream<Path> files = Files.list(raw)) {
            for (Path file : files.toList()) {
                String stable = String.join("\n", sortedRelations(Files.readAllLines(file))) + "\n";
                Path target = docs.resolve(file.getFileName());
                if (!Files.exists(target) || !Files.readString(target).equals(stable)) {
                    Files.writeString(target, stable);
                }
            }
        }
    }

    /**
     * Sorts what the Documenter writes in hash order: each run of consecutive relation lines ({@code a .> b},
     * {@code Rel(a, b, …)}) and each bullet list of a canvas cell ({@code |* first}, {@code * next}); everything else
     * keeps its place.
     */
    static List<String> sortedRelations(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean cell = false;
        for (String line : lines) {
            boolean relation = line.contains(".>") || line.contains("->") || line.startsWith("Rel(");
            boolean bullet = line.startsWith("|* ") || (line.startsWith("* ") && !run.isEmpty() && cell);
            if (relation || bullet) {
                if (line.startsWith("|* ")) {
                    flush(run, cell, out);
                    cell = true;
                }
                run.add(cell ? line.replaceFirst("^\\|", "") : line);
                continue;
            }
            flush(run, cell, out);
            cell = false;
            out.add(line);
        }
        flush(run, cell, out);
        return out;
    }

    private static void flush(List<String> run, boolean cell, List<String> out) {
        run.sort(null);
        if (cell && !run.isEmpty()) {
            run.set(0, "|" + run.get(0));
        }
        out.addAll(run);
        run.clear();
    }
}
