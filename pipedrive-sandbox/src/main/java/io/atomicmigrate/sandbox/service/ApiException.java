package io.atomicmigrate.sandbox.service;

/**
 * A Pipedrive error response. The route handler turns it into the v1 or v2 error body of
 * PIPEDRIVE.md 1.7 depending on the prefix the request came in on.
 */
public class ApiException extends RuntimeException {
    public final int status;
    public final String errorInfo;
    /** v2 string code (ERR_SCHEMA_VALIDATION_FAILED, feature_capping_*), or null. */
    public final String code;

    public ApiException(int status, String error, String errorInfo, String code) {
        super(error);
        this.status = status;
        this.errorInfo = errorInfo;
        this.code = code;
    }

    public static ApiException validation(String detail) {
        return new ApiException(400, "Validation failed: " + detail, null, "ERR_SCHEMA_VALIDATION_FAILED");
    }

    /** v1-style bad request (v1 has no string code). */
    public static ApiException badRequest(String error) {
        return new ApiException(400, error, "Please check developers.pipedrive.com", null);
    }

    public static ApiException notFound(String error) {
        return new ApiException(404, error, "Object was not found.", null);
    }

    /** The v2 spec's 404 text. */
    public static ApiException entityNotFound() {
        return notFound("Entity was not found");
    }

    public static ApiException forbidden() {
        return new ApiException(403, "You do not have permissions to do this.", "Please check developers.pipedrive.com", null);
    }

    public static ApiException capping(String code, String error) {
        return new ApiException(403, error, "Please check developers.pipedrive.com for more information about Pipedrive API.", code);
    }

    public static ApiException gone(String error) {
        return new ApiException(410, error, null, null);
    }
}
