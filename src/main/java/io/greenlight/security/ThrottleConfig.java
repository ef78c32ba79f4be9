package io.greenlight.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

import java.time.Clock;

/** Registers the sign-in throttle in front of Spring Security and the Camunda webapps, and the engine's size cap. */
@Configuration
public class ThrottleConfig {

    /** Wall-clock time for the throttle (tests pass their own clock to {@link LoginThrottle}). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, json));
        registration.setName("loginThrottleFilter");
        registration.addUrlPatterns("/*");
        // before Spring Security's chain, and so before every filter of the Camunda webapps
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestSizeLimit> engineRestSizeLimit(
            @Value("${greenlight.engine-rest.max-request-size:10MB}") DataSize max, ObjectMapper json) {
        FilterRegistrationBean<EngineRestSizeLimit> registration = new FilterRegistrationBean<>(new EngineRestSizeLimit(max, json));
        registration.setName("engineRestSizeLimit");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }
}
