package io.atomicmigrate.extractor.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /migrations}: where the data is and where it goes. */
public record CreateMigrationRequest(
        @NotBlank(message = "name is required") String name,
        @NotNull(message = "source is required") @Valid Source source,
        @NotNull(message = "destination is required") @Valid Destination destination) {

    /** The customer's Supabase Postgres. */
    public record Source(
            @NotBlank(message = "source.host is required") String host,
            @Min(value = 1, message = "source.port must be between 1 and 65535")
            @Max(value = 65535, message = "source.port must be between 1 and 65535") Integer port,
            @NotBlank(message = "source.database is required") String database,
            String user) {

        public int portOrDefault() {
            return port == null ? 5432 : port;
        }
    }

    /** The Pipedrive account: a company domain, or a base URL (the sandbox). */
    public record Destination(String companyDomain, String baseUrl) {

        @AssertTrue(message = "destination needs companyDomain or baseUrl")
        public boolean isAddressed() {
            return (companyDomain != null && !companyDomain.isBlank()) || (baseUrl != null && !baseUrl.isBlank());
        }
    }
}
