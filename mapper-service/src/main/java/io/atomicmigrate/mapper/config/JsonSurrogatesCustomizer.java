package io.atomicmigrate.mapper.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * REST responses are written by Quarkus's ObjectMapper, not by {@code common}'s Json: it needs the
 * same fix. Without COMBINE_UNICODE_SURROGATES_IN_UTF8, Jackson's UTF-8 writer splits an emoji in a
 * long map key (a distinct value used as a key, e.g. a sector named "🚀 Rockets") into two
 * 3-byte sequences, which no strict UTF-8 reader (Jackson's own included) accepts.
 */
@Singleton
public class JsonSurrogatesCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }
}
