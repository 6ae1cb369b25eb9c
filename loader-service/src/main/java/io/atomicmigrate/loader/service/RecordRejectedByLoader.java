package io.atomicmigrate.loader.service;

/**
 * The loader cannot write a record as mapped, whatever it retries: a reference to a row that was
 * not loaded, a field the setup did not create, an option the field lacks. The record's outcome
 * is FAILED with this code and message.
 */
public class RecordRejectedByLoader extends RuntimeException {

    private final String code;

    public RecordRejectedByLoader(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
