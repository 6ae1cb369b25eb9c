package io.atomicmigrate.loader.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Adds {@code x-api-token} to every request of one account's client (PIPEDRIVE.md §1.3). */
public final class ApiTokenFilter implements ClientRequestFilter {

    private final String token;

    public ApiTokenFilter(String token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle("x-api-token", token);
    }

    @Override
    public String toString() {
        return "ApiTokenFilter[***]";
    }
}
