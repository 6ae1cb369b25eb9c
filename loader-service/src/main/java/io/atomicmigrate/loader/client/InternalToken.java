package io.atomicmigrate.loader.client;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The platform's internal token ({@code loader.internal-token}, env {@code PLATFORM_INTERNAL_TOKEN})
 * as an {@code Authorization} header value. A static method because {@code @ClientHeaderParam}
 * computes header values from one; read on each request so nothing holds it longer than needed.
 */
public final class InternalToken {

    private InternalToken() {
    }

    public static String bearer() {
        return ConfigProvider.getConfig().getOptionalValue("loader.internal-token", String.class)
                .map(t -> "Bearer " + t).orElse(null); // no header at all: the extractor answers 401
    }
}
