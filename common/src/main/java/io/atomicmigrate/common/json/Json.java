package io.atomicmigrate.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration for the wire: ISO-8601 times, no nulls written,
 * unknown properties tolerated on read (so an older consumer survives a newer
 * producer adding a field), enums by name, and characters outside the Basic Multilingual Plane
 * (emoji, many CJK) written as real 4-byte UTF-8. Without that, Jackson's UTF-8 writer can emit
 * a surrogate pair as two 3-byte sequences when it falls on an internal buffer boundary, which
 * its own parser then rejects: one customer's emoji would make a whole event undecodable.
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the wire settings to a mapper, e.g. the one Quarkus manages. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
