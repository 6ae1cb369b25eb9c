package io.atomicmigrate.extractor.service;

import java.time.Instant;

/** A registered migration, as stored in the extractor's schema. */
public record Migration(String id, String name, String sourceHost, int sourcePort, String sourceDatabase,
                        String sourceUser, String destinationDomain, String destinationBaseUrl, Instant createdAt) {
}
