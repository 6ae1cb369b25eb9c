package io.atomicmigrate.extractor.service.source;

/**
 * Why a migration cannot start: a stable code a client can switch on, and a message a person can
 * act on. Messages name hosts, databases, roles and tables, never a credential.
 */
public record ConnectionProblem(String code, String message) {

    public static final String SOURCE_AUTH_FAILED = "SOURCE_AUTH_FAILED";
    public static final String SOURCE_UNREACHABLE = "SOURCE_UNREACHABLE";
    public static final String SOURCE_TLS_REQUIRED = "SOURCE_TLS_REQUIRED";
    public static final String SOURCE_TLS_UNAVAILABLE = "SOURCE_TLS_UNAVAILABLE";
    public static final String SOURCE_ACCESS_REJECTED = "SOURCE_ACCESS_REJECTED";
    public static final String SOURCE_DATABASE_NOT_FOUND = "SOURCE_DATABASE_NOT_FOUND";
    public static final String SOURCE_CONNECTION_FAILED = "SOURCE_CONNECTION_FAILED";
    public static final String SOURCE_NOT_ATOMIC_CRM = "SOURCE_NOT_ATOMIC_CRM";
    public static final String SOURCE_TABLE_NOT_READABLE = "SOURCE_TABLE_NOT_READABLE";
    public static final String SOURCE_RLS_HIDES_ROWS = "SOURCE_RLS_HIDES_ROWS";
    public static final String DESTINATION_TOKEN_REJECTED = "DESTINATION_TOKEN_REJECTED";
    public static final String DESTINATION_UNREACHABLE = "DESTINATION_UNREACHABLE";
    public static final String DESTINATION_ERROR = "DESTINATION_ERROR";
}
