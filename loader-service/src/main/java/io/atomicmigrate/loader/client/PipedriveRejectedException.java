package io.atomicmigrate.loader.client;

/**
 * Pipedrive refused the request for a reason that retrying will not change (400 validation, 404,
 * 403 permission or plan cap, 410): the record fails with this error.
 */
public class PipedriveRejectedException extends PipedriveException {
    public PipedriveRejectedException(int status, String code, String message) {
        super(status, code, message);
    }
}
