package io.atomicmigrate.loader.client;

/**
 * The account refuses the token (401), is closed (402) or blocks us (403 HTML abuse page). Nothing
 * can be written until an operator acts, so records wait instead of failing one by one.
 */
public class PipedriveAuthException extends PipedriveException {
    public PipedriveAuthException(int status, String code, String message) {
        super(status, code, message);
    }
}
