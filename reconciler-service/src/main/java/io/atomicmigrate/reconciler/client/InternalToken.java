package io.atomicmigrate.reconciler.client;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The platform's service-to-service bearer token ({@code reconciler.internal-token}, from the
 * environment variable {@code PLATFORM_INTERNAL_TOKEN}, a Kubernetes Secret). Read where the header
 * is built, so it is never a value that travels through method parameters, logs or messages.
 */
public final class InternalToken {

    public static final String PROPERTY = "reconciler.internal-token";

    private InternalToken() {
    }

    /** Whether a token is configured; without one the extractor endpoint is not asked at all. */
    public static boolean configured() {
        return ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class).filter(t -> !t.isBlank()).isPresent();
    }

    /** The Authorization header value (used by {@link ExtractorInternalApi}). */
    public static String bearer() {
        return "Bearer " + ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class).orElse("");
    }
}
