package io.greenlight.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON request bodies are read strictly: a value must have the type the field has — {@code {"title": 5}},
 * {@code {"scheduledAt": 12345}}, {@code {"every": "2"}}, {@code {"enabled": 1}} and {@code {"decision": 1}} are
 * refused with a 400 naming the field instead of being coerced silently — and no text may hold a control character
 * ({@link RequestText}). Only the MVC converters get the strict mapper: the application's ObjectMapper (used to
 * read the networks' answers) stays lenient.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter jackson) {
                MappingJackson2HttpMessageConverter strict = new MappingJackson2HttpMessageConverter(strict(jackson.getObjectMapper()));
                strict.setSupportedMediaTypes(jackson.getSupportedMediaTypes());
                converters.set(i, strict);
            }
        }
    }

    static ObjectMapper strict(ObjectMapper lenient) {
        ObjectMapper m = lenient.copy();
        m.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        m.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        m.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        m.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // numbers stay numbers: an int may go where a decimal belongs
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        SimpleModule module = new SimpleModule("greenlight-strict-request-json");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> d) {
                Class<?> raw = bean.getBeanClass();
                if (raw == String.class || Temporal.class.isAssignableFrom(raw) || raw == java.time.ZoneId.class) {
                    return new TextOnly(d);
                }
                if (raw == Object.class) {
                    return new CheckedUntyped(d);
                }
                return d;
            }

            @Override
            public KeyDeserializer modifyKeyDeserializer(DeserializationConfig config, JavaType type, KeyDeserializer k) {
                if (type.getRawClass() != String.class) {
                    return k;
                }
                return new KeyDeserializer() {
                    @Override
                    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                        if (RequestText.hasControlCharacter(key)) {
                            throw new ControlCharacterException(ctxt.getParser(), key);
                        }
                        return k.deserializeKey(key, ctxt);
                    }
                };
            }
        });
        m.registerModule(module);
        return m;
    }

    /** A JSON text value where text is required (strings, and dates, times and zones written as text). */
    static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new TextOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            if (RequestText.hasControlCharacter(text)) {
                throw new ControlCharacterException(p, text);
            }
            return _delegatee.deserialize(p, ctxt);
        }
    }

    /** Free-form values (maps of Object): every text inside is checked. */
    static final class CheckedUntyped extends DelegatingDeserializer {

        CheckedUntyped(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new CheckedUntyped(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = _delegatee.deserialize(p, ctxt);
            check(p, value, 0);
            return value;
        }

        private static void check(JsonParser p, Object value, int depth) throws ControlCharacterException {
            if (value instanceof String s && RequestText.hasControlCharacter(s)) {
                throw new ControlCharacterException(p, s);
            }
            if (depth > 50) {
                return;
            }
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    check(p, e.getKey(), depth + 1);
                    check(p, e.getValue(), depth + 1);
                }
            } else if (value instanceof Collection<?> list) {
                for (Object o : list) {
                    check(p, o, depth + 1);
                }
            }
        }
    }

    /** Text with a control character; the message for people is made from the field's path ({@link RequestText}). */
    static final class ControlCharacterException extends MismatchedInputException {

        private final String text;

        ControlCharacterException(JsonParser p, String text) {
            super(p, "Text contains a control character");
            this.text = text;
        }

        String text() {
            return text;
        }
    }
}
