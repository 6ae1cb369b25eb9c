package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.SourceRowPayload;

/**
 * What the loader did with one mapped record.
 *
 * @param table       the source table
 * @param sourceId    the source id
 * @param outcome     the result
 * @param object      the Pipedrive object written
 * @param pipedriveId its Pipedrive id (a number, or a UUID for leads), null when it failed
 * @param error       why it failed, null otherwise
 */
public record RecordOutcome(String table, String sourceId, Outcome outcome, String object, String pipedriveId,
                            Error error) implements SourceRowPayload {

    /** The loader's verdict on one record. */
    public enum Outcome { CREATED, MERGED, UPDATED, UNCHANGED, DELETED, FAILED }

    /** A failure: Pipedrive's HTTP status and code when it answered, and a message free of secrets. */
    public record Error(String code, Integer httpStatus, String message) {
    }
}
