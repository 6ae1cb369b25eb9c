package io.atomicmigrate.extractor.service;

import java.time.Instant;
import java.util.Map;

/**
 * A registered migration, as the API shows it: whether each credential is set, never its value.
 */
public record Migration(String id, String name, String sourceHost, int sourcePort, String sourceDatabase,
                        String sourceUser, String sourceSslMode, boolean sourcePasswordSet,
                        boolean serviceRoleKeySet, String destinationDomain, String destinationBaseUrl,
                        boolean destinationTokenSet, String storageUrl, boolean storageKeySet,
                        boolean appTsxUploaded, Map<String, String> options, Instant createdAt) {

    /** The Pipedrive base URL: the sandbox's when given, else the company's. */
    public String pipedriveBaseUrl() {
        if (destinationBaseUrl != null && !destinationBaseUrl.isBlank()) {
            return destinationBaseUrl.replaceAll("/+$", "");
        }
        return "https://" + destinationDomain + ".pipedrive.com";
    }
}
