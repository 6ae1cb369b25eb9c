package io.atomicmigrate.mapper.service.review;

/**
 * One problem found in a map version.
 *
 * @param severity ERROR blocks approval; WARNING is for the reviewer to read
 * @param code     machine-readable, e.g. DUPLICATE_DESTINATION
 * @param object   the source table of the object, or null for a global section
 * @param line     the line id, or null
 * @param path     where in the document, e.g. {@code objects[contacts].fields[contacts.gender].target.custom.options}
 * @param message  what is wrong and what would fix it
 */
public record ValidationIssue(Severity severity, String code, String object, String line, String path, String message) {

    public enum Severity { ERROR, WARNING }

    public static ValidationIssue error(String code, String object, String line, String path, String message) {
        return new ValidationIssue(Severity.ERROR, code, object, line, path, message);
    }

    public static ValidationIssue warning(String code, String object, String line, String path, String message) {
        return new ValidationIssue(Severity.WARNING, code, object, line, path, message);
    }
}
