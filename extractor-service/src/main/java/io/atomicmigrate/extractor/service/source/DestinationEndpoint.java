package io.atomicmigrate.extractor.service.source;

import io.atomicmigrate.extractor.service.Secret;

/** The Pipedrive account of a migration: its base URL and API token (null when none was given). */
public record DestinationEndpoint(String baseUrl, Secret apiToken) {

    @Override
    public String toString() {
        return "DestinationEndpoint[" + baseUrl + "]";
    }
}
