package io.greenlight.architecture;

import io.greenlight.GreenlightApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature modules and their boundaries: no cycles between modules, and no module reaches into another's
 * internals (sub-packages). Also writes the module diagram into {@code docs/modules/}.
 */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GreenlightApplication.class);

    @Test
    void modulesHaveNoCyclesAndKeepTheirInternalsToThemselves() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.UML))
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
