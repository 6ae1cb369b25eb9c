package io.atomicmigrate.mapper.service.review;

import java.util.List;

/** A review action that cannot be done as asked; {@code status} is the HTTP status the REST layer answers with. */
public class MapReviewException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient List<ValidationIssue> issues;

    public MapReviewException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public MapReviewException(int status, String code, String message, List<ValidationIssue> issues) {
        super(message);
        this.status = status;
        this.code = code;
        this.issues = issues;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ValidationIssue> issues() {
        return issues;
    }
}
