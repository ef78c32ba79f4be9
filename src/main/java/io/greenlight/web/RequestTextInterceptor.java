package io.greenlight.web;

import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Form fields, query parameters and path segments follow {@link RequestText}: a control character anywhere is a
 * 400 before the handler runs — problem details on /api, the refused-form message on pages (the exception goes
 * through {@link ApiExceptionHandler} or {@link PageExceptionHandler} like any other refusal).
 */
@Configuration(proxyBeanMethods = false)
class RequestTextInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            String name = RequestText.hasControlCharacter(p.getKey()) ? "a field name" : p.getKey();
            if (RequestText.hasControlCharacter(p.getKey())) {
                errors.add(RequestText.problem(name, p.getKey()));
                continue;
            }
            for (String value : p.getValue()) {
                if (RequestText.hasControlCharacter(value)) {
                    errors.add(RequestText.problem(name, value));
                    break;
                }
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars) {
            for (Map.Entry<?, ?> v : vars.entrySet()) {
                if (v.getValue() instanceof String s && RequestText.hasControlCharacter(s)) {
                    errors.add(RequestText.problem(String.valueOf(v.getKey()), s));
                }
            }
        }
        if (!errors.isEmpty()) {
            String first = errors.get(0);
            throw UserFacingException.invalid(errors.size() == 1 ? Character.toUpperCase(first.charAt(0)) + first.substring(1)
                    : "The request has " + errors.size() + " fields with invisible control characters that cannot be stored.", errors);
        }
        return true;
    }
}
