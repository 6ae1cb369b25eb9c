package io.atomicmigrate.loader.client;

/**
 * Pipedrive answered with an error, or did not answer. Messages carry the HTTP status, Pipedrive's
 * error text and code, and the operation: never the API token (the error bodies never contain it,
 * and {@link PipedriveErrorMapper} scrubs it anyway).
 */
public class PipedriveException extends RuntimeException {

    private final int status;
    private final String code;

    public PipedriveException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public PipedriveException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** HTTP status, or 0 when no response came back. */
    public int status() {
        return status;
    }

    /** Pipedrive's error code ({@code ERR_SCHEMA_VALIDATION_FAILED}, {@code feature_capping_*}) or our own. */
    public String code() {
        return code;
    }
}
