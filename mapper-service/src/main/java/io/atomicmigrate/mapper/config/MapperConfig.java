package io.atomicmigrate.mapper.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The mapper's own settings ({@code mapper.*}). */
@ConfigMapping(prefix = "mapper")
public interface MapperConfig {

    Review review();

    Llm llm();

    interface Review {
        /** Lines below this confidence are flagged for the reviewer. */
        @WithDefault("0.6")
        double lowConfidence();
    }

    /** The optional LLM adapter; its URL is {@code quarkus.rest-client.llm.url}. */
    interface Llm {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("gpt-4o-mini")
        String model();

        /** Bearer key of the endpoint; never logged. */
        Optional<String> apiKey();
    }
}
