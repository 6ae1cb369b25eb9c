package io.atomicmigrate.extractor.service;

/** The encrypted credential columns of one migration, as stored; decrypt with {@link CredentialCipher}. */
public record MigrationSecrets(byte[] sourcePassword, byte[] serviceRoleKey, byte[] destinationToken,
                               byte[] storageKey) {

    public static final String SOURCE_PASSWORD = "source.password";
    public static final String SERVICE_ROLE_KEY = "source.serviceRoleKey";
    public static final String DESTINATION_TOKEN = "destination.apiToken";
    public static final String STORAGE_KEY = "storage.serviceKey";
}
