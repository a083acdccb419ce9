package io.projectionist.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;

/**
 * The project's JSON mappers. Upstream APIs type their values loosely (Tautulli sends ids as numbers from its
 * database and as strings from Plex; Plex sends {@code "1"}, {@code 1} and {@code true} for the same flag), so
 * reading is lenient: numbers and numeric strings both bind, {@code ""} binds as absent (null), 0/1 bind as
 * booleans, unknown fields are ignored.
 */
public final class Json {

    private static final ObjectMapper SNAKE = lenient(PropertyNamingStrategies.SNAKE_CASE);
    private static final ObjectMapper CAMEL = lenient(PropertyNamingStrategies.LOWER_CAMEL_CASE);

    private Json() {
    }

    /** Mapper for snake_case wire formats (Tautulli) and the project's own JSON output. */
    public static ObjectMapper snakeCase() {
        return SNAKE;
    }

    /** Mapper for camelCase wire formats (Plex JSON). */
    public static ObjectMapper camelCase() {
        return CAMEL;
    }

    private static ObjectMapper lenient(PropertyNamingStrategy naming) {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(naming)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        // "" means "no value" in both upstreams: bind it as null for scalars, lists and objects
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
                .setAcceptBlankAsEmpty(Boolean.TRUE);
        // ... and for strings too, so "absent" has one representation
        mapper.registerModule(new SimpleModule("blank-strings-as-null")
                .addDeserializer(String.class, new BlankAsNullStringDeserializer()));
        // 0/1 flags as booleans
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        return mapper;
    }

    /** Reads {@code ""} as null; everything else as Jackson's standard String deserializer does. */
    private static final class BlankAsNullStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
