package io.atomicmigrate.reconciler.client;

/**
 * Where and as whom to read a migration's Pipedrive account. {@link #toString()} masks the token
 * so that it can never end up in a log line or an error message.
 */
public record PipedriveAccount(String baseUrl, String apiToken) {

    @Override
    public String toString() {
        return "PipedriveAccount[" + baseUrl + ", token ***]";
    }
}
