package io.atomicmigrate.loader.service;

import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.client.PipedriveClientFactory;
import jakarta.enterprise.context.ApplicationScoped;

/** The Pipedrive account of a migration, resolved from the migration id alone (DESIGN §8). */
@ApplicationScoped
public class MigrationAccounts {

    private final DestinationCredentials credentials;
    private final PipedriveClientFactory clients;

    public MigrationAccounts(DestinationCredentials credentials, PipedriveClientFactory clients) {
        this.credentials = credentials;
        this.clients = clients;
    }

    public PipedriveAccount of(String migrationId) {
        DestinationCredentials.Destination d = credentials.of(migrationId);
        return clients.account(d.baseUrl(), d.apiToken());
    }
}
