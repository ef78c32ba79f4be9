package io.greenlight;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.xml.datatype.DatatypeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class GreenlightApplicationTest {

    private final String before = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
        } else {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, before);
        }
    }

    @Test
    void namesTheJdksDatatypeFactorySoTimersSkipTheClassPathSearch() throws Exception {
        System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
        GreenlightApplication.useJdkDatatypeFactory();
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void keepsAnExplicitSetting() {
        System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "com.example.OwnFactory");
        GreenlightApplication.useJdkDatatypeFactory();
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo("com.example.OwnFactory");
    }
}
