package io.atomicmigrate.sandbox.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A user to create in an account: one API token (and optionally one OAuth access token) per user. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserSpec(String name, String email, Boolean admin, String apiToken, String oauthToken) {
    public static UserSpec admin(String name, String email, String apiToken) {
        return new UserSpec(name, email, true, apiToken, null);
    }

    public static UserSpec regular(String name, String email, String apiToken) {
        return new UserSpec(name, email, false, apiToken, null);
    }

    public boolean isAdmin() {
        return admin == null || admin;
    }
}
