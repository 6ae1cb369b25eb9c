package io.atomicmigrate.loader.service;

/** A record arrived before its migration's destination was set up; it waits, it is not dropped. */
public class DestinationNotReadyException extends RuntimeException {
    public DestinationNotReadyException(String migrationId) {
        super("the destination of migration " + migrationId + " is not set up yet (no approved map processed)");
    }
}
