package io.greenlight.testing;

import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The endpoints Spring MVC knows in this build, as {@code "POST /api/posts"}: for tests that must cover every one. */
public final class Endpoints {

    private Endpoints() {
    }

    /** Every method and pattern of the controllers whose class passes {@code controllers}. */
    public static Set<String> of(RequestMappingHandlerMapping mappings, Predicate<Class<?>> controllers) {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (controllers.test(handler.getBeanType())) {
                info.getMethodsCondition().getMethods()
                        .forEach(m -> info.getPatternValues().forEach(p -> found.add(m.name() + " " + p)));
            }
        });
        return found;
    }

    /** Greenlight's own controllers (not Spring's or Camunda's). */
    public static boolean greenlight(Class<?> controller) {
        return controller.getPackageName().startsWith("io.greenlight");
    }
}
