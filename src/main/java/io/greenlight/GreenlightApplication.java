package io.greenlight;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import javax.xml.datatype.DatatypeFactory;

@SpringBootApplication
public class GreenlightApplication {

    static {
        useJdkDatatypeFactory();
    }

    public static void main(String[] args) {
        SpringApplication.run(GreenlightApplication.class, args);
    }

    /**
     * Camunda's {@code DurationHelper} calls {@link DatatypeFactory#newInstance()} for every timer it evaluates; without
     * the system property the JDK searches every jar on the class path for a service file each time (about 30 µs of
     * CPU with this application's 246 jars, 3 µs with the property: docs/performance.md). The JDK's own factory is what
     * the search finds anyway; an explicit setting (e.g. {@code -Djavax.xml.datatype.DatatypeFactory=…}) wins.
     */
    static void useJdkDatatypeFactory() {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}
