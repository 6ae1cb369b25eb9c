package io.atomicmigrate.common.events;

/** A payload about one source row; such events are keyed by the row (DESIGN §3). */
public interface SourceRowPayload extends EventPayload {

    String table();

    String sourceId();
}
