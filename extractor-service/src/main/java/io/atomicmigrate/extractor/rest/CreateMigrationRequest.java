package io.atomicmigrate.extractor.rest;

import io.atomicmigrate.extractor.service.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * Body of {@code POST /migrations}: where the data is, where it goes, and the credentials for
 * both. Credentials are {@link Secret}s: they print as a mask and are never returned.
 *
 * @param storage optional Supabase Storage (attachments)
 * @param appTsx  optional text of the customer's {@code src/App.tsx}, for configuration resolution
 * @param options free-form options: {@code sampleSize}, {@code checkConnections=true} (run the
 *                connection checks before storing anything), ...
 */
public record CreateMigrationRequest(
        @NotBlank(message = "name is required") String name,
        @NotNull(message = "source is required") @Valid Source source,
        @NotNull(message = "destination is required") @Valid Destination destination,
        @Valid Storage storage,
        String appTsx,
        Map<String, String> options) {

    private static final String HTTP_URL = "^https?://[^\\s/]+(/\\S*)?$";

    /**
     * The customer's Supabase Postgres: a {@code postgresql://} URL, or host/port/database/user,
     * with a password. A Supabase service role key is kept for Storage and the REST API; it is not
     * a database password.
     */
    public record Source(
            String url,
            String host,
            @Min(value = 1, message = "source.port must be between 1 and 65535")
            @Max(value = 65535, message = "source.port must be between 1 and 65535") Integer port,
            String database,
            String user,
            Secret password,
            Secret serviceRoleKey,
            @Pattern(regexp = "disable|allow|prefer|require|verify-ca|verify-full",
                    message = "source.sslMode must be one of disable, allow, prefer, require, verify-ca, verify-full")
            String sslMode) {

        @AssertTrue(message = "source.host is required")
        public boolean isHostGiven() {
            return hasUrl() || (host != null && !host.isBlank());
        }

        @AssertTrue(message = "source.database is required")
        public boolean isDatabaseGiven() {
            return hasUrl() || (database != null && !database.isBlank());
        }

        public boolean hasUrl() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            // the URL may embed a password
            return "Source[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user + "]";
        }
    }

    /** The Pipedrive account: a company domain, or a base URL (the sandbox), and its API token. */
    public record Destination(
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,62}",
                    message = "destination.companyDomain must be the subdomain only, e.g. 'acme' for acme.pipedrive.com")
            String companyDomain,
            @Pattern(regexp = HTTP_URL, message = "destination.baseUrl must be an http(s) URL") String baseUrl,
            Secret apiToken) {

        @AssertTrue(message = "destination needs companyDomain or baseUrl")
        public boolean isAddressed() {
            return (companyDomain != null && !companyDomain.isBlank()) || (baseUrl != null && !baseUrl.isBlank());
        }
    }

    /** Supabase Storage, where note attachments live. */
    public record Storage(
            @NotBlank(message = "storage.url is required when storage is given")
            @Pattern(regexp = HTTP_URL, message = "storage.url must be an http(s) URL") String url,
            Secret serviceKey) {
    }
}
