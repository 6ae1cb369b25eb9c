package io.atomicmigrate.loader.client;

/**
 * No usable answer: 5xx, a timeout, a reset connection or a malformed body. For a create this is
 * ambiguous (the record may exist), so the writer resolves the open intent before trying again.
 */
public class PipedriveUnavailableException extends PipedriveException {
    public PipedriveUnavailableException(int status, String code, String message) {
        super(status, code, message);
    }

    public PipedriveUnavailableException(String message, Throwable cause) {
        super(0, "NO_RESPONSE", message, cause);
    }
}
