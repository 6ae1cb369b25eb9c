package io.atomicmigrate.loader.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Hands every response's {@code x-ratelimit-*} headers to the shared budget, which corrects itself from them. */
public final class RateLimitHeadersFilter implements ClientResponseFilter {

    /** Receives the headers of one response. */
    public interface Listener {
        void observed(int status, Integer limit, Integer remaining, Integer resetSeconds);
    }

    private final Listener listener;

    public RateLimitHeadersFilter(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getHeaders() == null) {
            return; // no response at all (a reset connection): nothing to learn
        }
        listener.observed(response.getStatus(), number(response.getHeaderString("x-ratelimit-limit")),
                number(response.getHeaderString("x-ratelimit-remaining")),
                number(response.getHeaderString("x-ratelimit-reset")));
    }

    private static Integer number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
