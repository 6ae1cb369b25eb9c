package io.atomicmigrate.reconciler.service;

/**
 * A request the conductor refuses, with a stable code and a message that says what to do.
 *
 * @see io.atomicmigrate.reconciler.rest.ProblemMapper
 */
public class ConductorException extends RuntimeException {

    private final int status;
    private final String code;

    public ConductorException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
