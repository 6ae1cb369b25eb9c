package io.atomicmigrate.extractor.service;

/**
 * A failure a client can act on: an HTTP status, a stable machine-readable code and a message
 * free of secrets. The REST layer turns it into {@code {"code": ..., "error": ...}}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;

    public ProblemException(int status, String code, String message) {
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

    public static ProblemException badRequest(String code, String message) {
        return new ProblemException(400, code, message);
    }

    public static ProblemException notFound(String message) {
        return new ProblemException(404, "NOT_FOUND", message);
    }
}
